package org.xapicenter.rfb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A TigerVNC {@code Xvnc} on a private display, for tests against a real RFB server we did not write:
 * {@link #start} picks a free display number and TCP port (retrying if another test took them
 * first), waits until the server greets, and {@link #stop} ends it. {@link #captureRoot} reads the X
 * server's own idea of the screen through {@code xwd}, to compare with what our client decoded.
 *
 * <p>Xvnc runs with {@code -noreset}: an X server otherwise resets, repainting its screen, each
 * time its last X client leaves, and every {@code xwd} or {@code xsetroot} here is such a client.
 *
 * <p>Tests call {@code Assumptions.assumeTrue(XvncServer.isInstalled())} and nothing else skips.
 */
public final class XvncServer implements AutoCloseable {
    public static final Path XVNC = Path.of("/usr/bin/Xvnc");
    public static final Path XWD = Path.of("/usr/bin/xwd");
    public static final Path VNCPASSWD = Path.of("/usr/bin/vncpasswd");
    private static final int ATTEMPTS = 8;

    private final Process process;
    private final int display;
    private final int port;
    private final Path workDir;
    private final Thread shutdownHook;

    private XvncServer(Process process, int display, int port, Path workDir) {
        this.process = process;
        this.display = display;
        this.port = port;
        this.workDir = workDir;
        this.shutdownHook = new Thread(process::destroyForcibly, "xvnc-stop-" + display);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static boolean isInstalled() {
        return Files.isExecutable(XVNC) && Files.isExecutable(XWD);
    }

    /** Xvnc with no authentication, e.g. {@code start("800x600")}; extra arguments go to Xvnc as they are. */
    public static XvncServer start(String geometry, String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-SecurityTypes", "None"));
        args.addAll(List.of(extraArgs));
        return launch(geometry, args, Files.createTempDirectory("xvnc-test"));
    }

    /** Xvnc with VNC authentication only, the password stored with {@code vncpasswd -f}. */
    public static XvncServer startWithPassword(String geometry, String password, String... extraArgs)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("xvnc-test");
        Path passwordFile = dir.resolve("passwd");
        Process p = new ProcessBuilder(VNCPASSWD.toString(), "-f").redirectOutput(passwordFile.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write((password + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        if (p.waitFor() != 0) {
            throw new IOException("vncpasswd -f failed");
        }
        List<String> args = new ArrayList<>(List.of("-SecurityTypes", "VncAuth", "-PasswordFile", passwordFile.toString()));
        args.addAll(List.of(extraArgs));
        return launch(geometry, args, dir);
    }

    private static XvncServer launch(String geometry, List<String> extra, Path dir) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int display = freeDisplay();
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(XVNC.toString(), ":" + display, "-rfbport", String.valueOf(port),
                    "-localhost", "-geometry", geometry, "-depth", "24", "-nolisten", "tcp", "-noreset"));
            cmd.addAll(extra);
            Path log = dir.resolve("Xvnc-" + display + ".log");
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (awaitGreeting(process, port) && awaitXClients(process, display)) {
                return new XvncServer(process, display, port, dir);
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            last = new IOException("Xvnc :" + display + " on port " + port + " did not start: " + Files.readString(log));
        }
        throw last;
    }

    /** A display number whose lock file and socket do not exist (another process may still race us; we retry). */
    private static int freeDisplay() {
        while (true) {
            int n = ThreadLocalRandom.current().nextInt(100, 900);
            if (!Files.exists(Path.of("/tmp/.X" + n + "-lock")) && !Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                return n;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean awaitGreeting(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(5000);
                byte[] greeting = s.getInputStream().readNBytes(4);
                if (new String(greeting, StandardCharsets.US_ASCII).equals("RFB ")) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * The RFB port opens while the X server is still initialising, before the root window is painted;
     * only once the server accepts X clients is its screen final. An X11 connection setup over the
     * display's Unix socket (no authorisation needed for local clients of Xvnc) tells us that.
     */
    private static boolean awaitXClients(Process process, int display) throws InterruptedException {
        Path socketPath = Path.of("/tmp/.X11-unix/X" + display);
        byte[] setup = {'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socketPath))) {
                channel.write(ByteBuffer.wrap(setup));
                ByteBuffer reply = ByteBuffer.allocate(1);
                if (channel.read(reply) == 1 && reply.get(0) == 1) {
                    return true;
                }
            } catch (IOException notYet) {
                // socket not there yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    public int port() {
        return port;
    }

    public int display() {
        return display;
    }

    /** {@code :N}, for DISPLAY. */
    public String displayName() {
        return ":" + display;
    }

    /** A plain TCP connection to the RFB port. */
    public Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    /** Runs an X client (xsetroot, xlogo, ...) on this display; the caller waits for or destroys it. */
    public Process runClient(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", displayName());
        return pb.start();
    }

    /** Runs an X client to completion, failing unless it exits 0. */
    public void runAndWait(String... command) throws IOException, InterruptedException {
        Process p = runClient(command);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed on " + displayName());
        }
    }

    /** The root window as the X server has it (no pointer), through {@code xwd -root -silent}. */
    public Framebuffer.Snapshot captureRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(XWD.toString(), "-root", "-silent", "-display", displayName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] xwd;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            xwd = buffer.toByteArray();
        }
        if (p.waitFor() != 0) {
            throw new IOException("xwd failed on " + displayName());
        }
        return parseXwd(xwd);
    }

    /**
     * Reads an XWD file (X11 window dump, version 7): a header of big-endian 32-bit fields, the window
     * name, {@code ncolors} 12-byte colour entries, then the image. Only what Xvnc at depth 24 writes is
     * supported: ZPixmap, 32 bits a pixel, true colour masks.
     */
    public static Framebuffer.Snapshot parseXwd(byte[] xwd) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(xwd).order(ByteOrder.BIG_ENDIAN);
        int headerSize = header.getInt(0);
        int version = header.getInt(4);
        int format = header.getInt(8);
        int width = header.getInt(16);
        int height = header.getInt(20);
        int byteOrder = header.getInt(28);
        int bitsPerPixel = header.getInt(44);
        int bytesPerLine = header.getInt(48);
        int redMask = header.getInt(56);
        int greenMask = header.getInt(60);
        int blueMask = header.getInt(64);
        int colours = header.getInt(76);
        if (version != 7 || format != 2 || bitsPerPixel != 32) {
            throw new IOException("unsupported XWD: version " + version + ", format " + format + ", " + bitsPerPixel + " bpp");
        }
        int offset = headerSize + colours * 12;
        if ((long) offset + (long) bytesPerLine * height > xwd.length) {
            throw new IOException("truncated XWD");
        }
        ByteBuffer image = ByteBuffer.wrap(xwd).order(byteOrder == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = image.getInt(offset + y * bytesPerLine + x * 4);
                argb[y * width + x] = 0xFF000000 | channel(v, redMask) << 16 | channel(v, greenMask) << 8 | channel(v, blueMask);
            }
        }
        return new Framebuffer.Snapshot(width, height, argb);
    }

    private static int channel(int value, int mask) {
        int shifted = (value & mask) >>> Integer.numberOfTrailingZeros(mask);
        int bits = Integer.bitCount(mask);
        return bits >= 8 ? shifted >>> (bits - 8) : shifted * 255 / ((1 << bits) - 1);
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Where Xvnc's log and password file live, for a failing test's message. */
    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
