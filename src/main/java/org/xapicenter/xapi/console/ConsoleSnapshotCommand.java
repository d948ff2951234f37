package org.xapicenter.xapi.console;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.xapicenter.rfb.Encoding;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbClient;
import org.xapicenter.rfb.RfbException;
import org.xapicenter.rfb.RfbListener;
import org.xapicenter.rfb.RfbOptions;
import org.xapicenter.rfb.SnapshotPng;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.cli.LoginOptions;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * {@code console-snapshot}: connects to a console, waits for the first complete frame and writes it
 * as a PNG. Either straight to a VNC server ({@code --rfb HOST:PORT}) or through a XAPI server's
 * {@code CONNECT /console} ({@code --server ... --vm NAME_OR_UUID} or {@code --host NAME_OR_UUID}).
 * For scripts and monitoring, and how the real-server tests compare pixels.
 *
 * <p>Exit codes: 0 written, 1 failure (one sentence on stderr), 2 usage error.
 */
public final class ConsoleSnapshotCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: console-snapshot --rfb HOST:PORT [--password-file F] [OPTIONS] OUT.png",
            "       console-snapshot --server URL --user USER --password-file F [--json-rpc] [--trust-cert PEM]",
            "                        (--vm NAME_OR_UUID | --host NAME_OR_UUID) [OPTIONS] OUT.png",
            "  Connects to a console, waits for the first complete frame and writes it to OUT.png.",
            "  --rfb            a VNC server; --password-file then holds its VNC password (if it asks)",
            "  --vm, --host     a VM's console, or a host's (its control domain's), through the server",
            LoginOptions.USAGE_LINES,
            "  --encoding NAME  ask for this encoding only: raw, rre, hextile, zrle, tight (diagnosis)",
            "  --jpeg-quality Q let Tight send lossy JPEG at quality 0..9 (default: lossless)",
            "  --timeout SECS   give up on each step (connect, handshake, first frame) after this long"
                    + " (default " + DEFAULT_TIMEOUT.toSeconds() + ")");

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ConsoleSnapshotCommand() {
    }

    /** Parsed command line: exactly one of {@code rfb} and {@code login} is set. */
    record Options(InetSocketAddress rfb, Path vncPasswordFile, LoginOptions login, String vm, String host,
                   Encoding encoding, int jpegQuality, Duration timeout, Path out) {
    }

    /** Runs the command; never throws and never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("console-snapshot: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            Frame frame = o.rfb() != null ? snapshotRfb(o) : snapshotThroughServer(o);
            SnapshotPng.write(frame.snapshot(), o.out());
            out.println("console-snapshot: wrote " + o.out() + " (" + frame.snapshot().width() + "x"
                    + frame.snapshot().height() + (frame.encoding() == null ? "" : ", " + frame.encoding().displayName())
                    + ")");
            return OK;
        } catch (XapiException e) {
            err.println("console-snapshot: " + sentence(e));
            return FAILED;
        } catch (IOException e) {
            err.println("console-snapshot: " + oneLine(e));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("console-snapshot: interrupted.");
            return FAILED;
        }
    }

    static Options parse(String[] args) {
        LoginOptions.Parser login = new LoginOptions.Parser();
        InetSocketAddress rfb = null;
        String vm = null;
        String host = null;
        Encoding encoding = null;
        int jpeg = -1;
        Duration timeout = DEFAULT_TIMEOUT;
        List<String> positional = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (!a.startsWith("--")) {
                positional.add(a);
                i++;
                continue;
            }
            int next = login.consume(args, i);
            if (next != i) {
                i = next;
                continue;
            }
            String v = value(args, i + 1, a);
            switch (a) {
                case "--rfb" -> rfb = hostPort(v);
                case "--vm" -> vm = v;
                case "--host" -> host = v;
                case "--encoding" -> encoding = Encoding.ofName(v).orElseThrow(() ->
                        new IllegalArgumentException("unknown encoding " + v + " (raw, rre, hextile, zrle, tight)"));
                case "--jpeg-quality" -> jpeg = intIn(v, 0, 9, a);
                case "--timeout" -> timeout = Duration.ofSeconds(intIn(v, 1, 3600, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
            i += 2;
        }
        if (positional.size() != 1) {
            throw new IllegalArgumentException(positional.isEmpty() ? "no OUT.png given" : "one OUT.png only");
        }
        Path out = Path.of(positional.get(0));
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the directory of " + out + " does not exist");
        }
        if (rfb != null) {
            if (login.serverGiven() || vm != null || host != null) {
                throw new IllegalArgumentException("--rfb cannot be combined with --server, --user, --vm or --host");
            }
            return new Options(rfb, login.passwordFile(), null, null, null, encoding, jpeg, timeout, out);
        }
        if (!login.any()) {
            throw new IllegalArgumentException("give --rfb HOST:PORT, or --server with --vm or --host");
        }
        LoginOptions lo = login.build();
        if ((vm == null) == (host == null)) {
            throw new IllegalArgumentException("give one of --vm and --host with --server");
        }
        return new Options(null, null, lo, vm, host, encoding, jpeg, timeout, out);
    }

    private static Frame snapshotRfb(Options o) throws IOException, InterruptedException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(o.rfb().getHostString(), o.rfb().getPort()),
                    (int) o.timeout().toMillis());
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot reach the VNC server " + o.rfb().getHostString() + ":" + o.rfb().getPort()
                    + ": " + text(e), e);
        }
        char[] password = o.vncPasswordFile() == null ? null : LoginOptions.readPassword(o.vncPasswordFile());
        try {
            return firstFrame(socket, rfbOptions(o, password), o.timeout());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static Frame snapshotThroughServer(Options o)
            throws XapiException, IOException, InterruptedException {
        ConnectionSettings settings = o.login().settings().withReplyTimeout(o.timeout());
        char[] password = o.login().readPassword();
        XapiSession session;
        try {
            session = XapiSession.login(settings, o.login().user(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        try (session) {
            Socket socket = o.vm() != null
                    ? Consoles.openVm(session, resolve(session, "VM", o.vm()))
                    : Consoles.openHost(session, resolve(session, "host", o.host()));
            return firstFrame(socket, rfbOptions(o, null), o.timeout());
        }
    }

    private static RfbOptions rfbOptions(Options o, char[] password) {
        return new RfbOptions(password, true, o.encoding(), o.jpegQuality(), -1, o.timeout());
    }

    /** The first complete frame and the encoding of its last pixel rectangle (null if it had none). */
    record Frame(Framebuffer.Snapshot snapshot, Encoding encoding) {
    }

    /** Runs RFB on {@code socket} until the first whole update has been applied, and returns that frame. */
    static Frame firstFrame(Socket socket, RfbOptions options, Duration timeout)
            throws IOException, InterruptedException {
        return firstFrame(socket, options, timeout, client -> { });
    }

    /** As above, with {@code onConnect} run right after the handshake (tests use it to send input). */
    static Frame firstFrame(Socket socket, RfbOptions options, Duration timeout, Consumer<RfbClient> onConnect)
            throws IOException, InterruptedException {
        FirstFrame listener = new FirstFrame();
        RfbClient client;
        try {
            client = RfbClient.connect(socket, options, listener);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        try (client) {
            onConnect.accept(client);
            listener.attach(client);
            if (!listener.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no complete frame arrived within " + timeout.toSeconds() + " s.");
            }
            return listener.result();
        }
    }

    /**
     * Takes the snapshot on the reader thread, right after the update that completed the first frame
     * (every pixel received once), so it never catches a later update half drawn; only an update that
     * raced ahead of {@link #attach} is copied there.
     */
    private static final class FirstFrame implements RfbListener {
        final CountDownLatch done = new CountDownLatch(1);
        private RfbClient client;
        private boolean updated;
        private Framebuffer.Snapshot snapshot;
        private Encoding encoding;
        private RfbException error;
        private boolean closed;

        synchronized void attach(RfbClient c) {
            client = c;
            if (updated && snapshot == null && c.hasCompleteFrame()) {
                take(c);
            }
        }

        @Override
        public synchronized void framebufferUpdated() {
            updated = true;
            // Servers often answer SetEncodings with pseudo-rectangles only (screen layout, cursor)
            // and may paint the first screen over several updates: wait until every pixel came.
            if (client != null && snapshot == null && client.hasCompleteFrame()) {
                take(client);
            }
        }

        private void take(RfbClient c) {
            snapshot = c.framebuffer().snapshot();
            encoding = c.lastEncoding();
            done.countDown();
        }

        @Override
        public synchronized void closed(RfbException e) {
            closed = true;
            error = e;
            done.countDown();
        }

        synchronized Frame result() throws IOException {
            if (snapshot != null) {
                return new Frame(snapshot, encoding);
            }
            if (error != null) {
                throw error;
            }
            throw new IOException(closed ? "the server closed the console before sending a frame."
                    : "no frame arrived.");
        }
    }

    /** A ref from a name, a UUID or a ref: guests first, and an ambiguous name is an error, not a guess. */
    static String resolve(XapiSession session, String xapiClass, String nameOrUuid) throws XapiException, IOException {
        if (nameOrUuid.startsWith("OpaqueRef:")) {
            return nameOrUuid;
        }
        String what = xapiClass.equals("VM") ? "VM" : "host";
        if (UUID.matcher(nameOrUuid).matches()) {
            try {
                return (String) session.call(xapiClass + ".get_by_uuid", nameOrUuid);
            } catch (XapiException e) {
                if (!"UUID_INVALID".equals(e.code())) {
                    throw e;
                }
                // fall through: a name may look like a UUID
            }
        }
        Object found = session.call(xapiClass + ".get_by_name_label", nameOrUuid);
        List<String> refs = new ArrayList<>();
        if (found instanceof Iterable<?> it) {
            for (Object r : it) {
                String ref = String.valueOf(r);
                if (!xapiClass.equals("VM") || isVmWithConsole(session.getRecord("VM", ref))) {
                    refs.add(ref);
                }
            }
        } else if (found instanceof Object[] arr) {
            for (Object r : arr) {
                String ref = String.valueOf(r);
                if (!xapiClass.equals("VM") || isVmWithConsole(session.getRecord("VM", ref))) {
                    refs.add(ref);
                }
            }
        }
        if (refs.isEmpty()) {
            throw new IOException("no " + what + " is named or has the UUID \"" + nameOrUuid + "\".");
        }
        if (refs.size() > 1) {
            throw new IOException(refs.size() + " " + what + "s are named \"" + nameOrUuid + "\"; give the UUID instead.");
        }
        return refs.get(0);
    }

    /** Templates and snapshots share names with the VMs made from them but never have a console. */
    private static boolean isVmWithConsole(XapiRecord r) {
        return r instanceof Vm vm && !vm.isTemplate() && !vm.isSnapshot();
    }

    /**
     * One sentence for a refusal. Parameters that are object references are masked: SESSION_INVALID
     * carries the session reference, a credential that must never reach a terminal or a log.
     */
    static String sentence(XapiException e) {
        if (e instanceof ConsoleException) {
            return e.getMessage();
        }
        if ("SESSION_INVALID".equals(e.code())) {
            return "the server says the session is no longer valid (it expired or was logged out); try again.";
        }
        List<String> shown = new ArrayList<>();
        for (String p : e.params()) {
            shown.add(p != null && p.startsWith("OpaqueRef:") ? "OpaqueRef:..." : p);
        }
        return "the server refused: " + e.code() + (shown.isEmpty() ? "" : " " + shown) + ".";
    }

    private static InetSocketAddress hostPort(String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException("--rfb needs HOST:PORT");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = intIn(v.substring(colon + 1), 1, 65535, "--rfb port");
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static int intIn(String v, int min, int max, String what) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a number from " + min + " to " + max);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    /** The exception's text as one sentence. */
    private static String oneLine(IOException e) {
        String text = text(e);
        return text.endsWith(".") ? text : text + ".";
    }

    private static String text(IOException e) {
        if (org.xapicenter.xapi.trust.CertificateRejectedException.in(e).isPresent()) {
            return org.xapicenter.xapi.ErrorTexts.get().describe(e);
        }
        String msg = e.getMessage();
        String text = msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
