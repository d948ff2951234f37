package org.xapicenter.xapi.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.console.ConsoleException.Reason;
import org.xapicenter.xapi.record.Console;

/**
 * Opens the byte stream behind a {@code console} record: a connection to the host named in its
 * {@code location}, {@code CONNECT <path?query>&session_id=<ref> HTTP/1.0} with the session also in a
 * cookie, and after a {@code 200} the same socket, which from then on carries RFB.
 *
 * <p>The scheme and port are the API connection's, not the location's: every host of a pool serves
 * the same port, and a location never carries one (a simulator on a random port must work too). TLS
 * trust is the API's as well: {@link ConnectionSettings#sslContext()} when given (a pinned decision, so,
 * as in the API transport, the certificate check is the context's alone), else the JDK's trust store
 * with hostname verification.
 *
 * <p>The reply header is read one byte at a time, so not one byte of RFB that may follow it in the
 * same packet is swallowed by a buffer; it is bounded to {@value #MAX_HEADER_BYTES} bytes.
 */
public final class ConsoleTunnel {
    /** Longest reply header we read before giving up on the host. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Longest we wait for the TCP connection, whatever the reply timeout. */
    static final int MAX_CONNECT_TIMEOUT_MILLIS = 20_000;

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: (.*))?");

    private ConsoleTunnel() {
    }

    /**
     * Opens {@code console} with the session's current ref and its connection's scheme, port and trust.
     * A 401 for a session the server has forgotten (expiry, toolstack restart) gets what API calls get:
     * one re-login, through a cheap call, and one retry.
     */
    public static Socket open(XapiSession session, Console console) throws ConsoleException {
        String used = session.ref();
        try {
            return open(session.settings(), used, console);
        } catch (ConsoleException e) {
            if (e.reason() != Reason.SESSION_INVALID) {
                throw e;
            }
            try {
                session.call("pool.get_all"); // logs in again if the server forgot the session
            } catch (XapiException | IOException | RuntimeException notBetter) {
                throw e;
            }
            String fresh = session.ref();
            if (fresh == null || fresh.equals(used)) {
                throw e; // the API still accepts the session: the host refuses it for its own reasons
            }
            return open(session.settings(), fresh, console);
        }
    }

    /**
     * Opens {@code console} (protocol {@code rfb}) for the session {@code sessionRef}.
     *
     * @return a connected socket positioned at the first RFB byte, read timeout cleared; the caller
     *     owns it
     */
    public static Socket open(ConnectionSettings settings, String sessionRef, Console console) throws ConsoleException {
        if (!"rfb".equalsIgnoreCase(console.protocol())) {
            throw new ConsoleException(Reason.NO_RFB_CONSOLE, "This console speaks " + printable(console.protocol())
                    + ", not RFB (VNC), so it cannot be shown.", List.of(console.ref(), console.protocol()));
        }
        return open(settings, sessionRef, console.location());
    }

    /** Opens the RFB console at {@code location} ({@code https://<host>/console?uuid=...}). */
    public static Socket open(ConnectionSettings settings, String sessionRef, String location) throws ConsoleException {
        Target target = Target.of(settings, location);
        Socket socket = connect(settings, target);
        try {
            int timeout = replyTimeoutMillis(settings);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            out.write(request(target, sessionRef).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String header = readHeader(socket.getInputStream(), target, timeout);
            checkStatus(header, target);
            socket.setSoTimeout(0);
            return socket;
        } catch (ConsoleException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ConsoleException(Reason.HOST_UNREACHABLE, "The connection to " + target.host
                    + " broke while opening the console: " + oneLine(e) + ".", List.of(target.host), e);
        }
    }

    /** The request line and headers; the session travels both in the query and as a cookie, as XenCenter sends it. */
    static String request(Target target, String sessionRef) {
        String ref = queryEncode(sessionRef);
        String query = target.rawQuery == null || target.rawQuery.isEmpty() ? "" : target.rawQuery + "&";
        return "CONNECT " + target.rawPath + "?" + query + "session_id=" + ref + " HTTP/1.0\r\n"
                + "Host: " + target.hostHeader + "\r\n"
                + "Cookie: session_id=" + ref + "\r\n"
                + "\r\n";
    }

    private static Socket connect(ConnectionSettings settings, Target target) throws ConsoleException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.socketHost, target.port),
                    Math.min(replyTimeoutMillis(settings), MAX_CONNECT_TIMEOUT_MILLIS));
            plain.setTcpNoDelay(true); // keys and pointer moves are tiny writes that must leave at once
        } catch (UnknownHostException e) {
            closeQuietly(plain);
            throw unreachable(target, "its name does not resolve", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            throw unreachable(target, "it did not answer in time", e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw unreachable(target, oneLine(e), e);
        }
        if (!target.tls) {
            return plain;
        }
        try {
            SSLContext context = settings.sslContext() != null ? settings.sslContext() : SSLContext.getDefault();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, target.socketHost, target.port, true);
            if (settings.sslContext() == null) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
            }
            tls.setSoTimeout(replyTimeoutMillis(settings));
            tls.startHandshake();
            return tls;
        } catch (SSLException | NoSuchAlgorithmException e) {
            closeQuietly(plain);
            throw new ConsoleException(Reason.TLS_FAILED, "The secure connection to " + target.host
                    + " for the console failed (is its certificate trusted?): " + oneLine(e) + ".",
                    List.of(target.host), e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw unreachable(target, oneLine(e), e);
        }
    }

    /** Reads up to and including the blank line that ends the header, one byte at a time. */
    static String readHeader(InputStream in, Target target, int timeoutMillis) throws ConsoleException {
        byte[] buf = new byte[MAX_HEADER_BYTES];
        int n = 0;
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw malformed(target, n == 0 ? "closed the connection without answering"
                            : "closed the connection in the middle of its reply");
                }
                if (n == buf.length) {
                    throw malformed(target, "sent a reply header longer than " + MAX_HEADER_BYTES / 1024 + " KiB");
                }
                buf[n++] = (byte) b;
                if (b == '\n' && endsHeader(buf, n)) {
                    return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new ConsoleException(Reason.UNAVAILABLE, "The host " + target.host
                    + " did not answer the console request within " + Math.max(1, timeoutMillis / 1000) + " s.",
                    List.of(target.host), e);
        } catch (IOException e) {
            throw new ConsoleException(Reason.HOST_UNREACHABLE, "The connection to " + target.host
                    + " broke while opening the console: " + oneLine(e) + ".", List.of(target.host), e);
        }
    }

    /** CRLF CRLF, or a bare LF LF from a lax server. */
    private static boolean endsHeader(byte[] buf, int n) {
        if (n >= 2 && buf[n - 2] == '\n') {
            return true;
        }
        return n >= 4 && buf[n - 2] == '\r' && buf[n - 3] == '\n' && buf[n - 4] == '\r';
    }

    private static void checkStatus(String header, Target target) throws ConsoleException {
        int eol = header.indexOf('\n');
        String line = header.substring(0, eol).replaceFirst("\r$", "");
        Matcher m = STATUS_LINE.matcher(line);
        if (!m.matches()) {
            throw malformed(target, "answered with something that is not HTTP");
        }
        int status = Integer.parseInt(m.group(1));
        String phrase = m.group(2) == null ? "" : printable(m.group(2).trim());
        List<String> params = List.of(target.host, Integer.toString(status), phrase);
        switch (status) {
            case 200 -> {
                return;
            }
            case 401 -> throw new ConsoleException(Reason.SESSION_INVALID, "The host " + target.host
                    + " no longer accepts this session for the console (401); log in again.", params);
            case 403 -> throw new ConsoleException(Reason.FORBIDDEN, "The host " + target.host
                    + " refused to open the console for this user (403).", params);
            case 404 -> throw new ConsoleException(Reason.NOT_ON_THIS_HOST, "The console is not on the host "
                    + target.host + " (404): the VM may have stopped or moved to another host.", params);
            case 500 -> throw new ConsoleException(Reason.HTTP_ERROR, "The host " + target.host
                    + " could not open the console (500): the VM may have stopped, paused or moved to another host.",
                    params);
            case 503 -> throw new ConsoleException(Reason.UNAVAILABLE, "The host " + target.host
                    + " cannot serve the console right now (503); try again shortly.", params);
            default -> throw new ConsoleException(Reason.HTTP_ERROR, "The host " + target.host
                    + " answered the console request with HTTP " + status + (phrase.isEmpty() ? "" : " " + phrase)
                    + ".", params);
        }
    }

    /** Where to connect and what to ask for, from the location and the API connection. */
    static final class Target {
        final String host;
        final String socketHost;
        final String hostHeader;
        final int port;
        final boolean tls;
        final String rawPath;
        final String rawQuery;

        private Target(String host, int port, boolean tls, String rawPath, String rawQuery) {
            this.host = host;
            // URI keeps an IPv6 literal's brackets; the resolver wants it without them
            this.socketHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            int defaultPort = tls ? 443 : 80;
            this.hostHeader = port == defaultPort ? host : host + ":" + port;
            this.port = port;
            this.tls = tls;
            this.rawPath = rawPath;
            this.rawQuery = rawQuery;
        }

        static Target of(ConnectionSettings settings, String location) throws ConsoleException {
            URI loc;
            try {
                loc = new URI(location == null ? "" : location);
            } catch (URISyntaxException e) {
                throw badLocation(location);
            }
            if (loc.getHost() == null || loc.getHost().isEmpty()) {
                throw badLocation(location);
            }
            URI api = settings.server();
            String scheme = api.getScheme() == null ? "" : api.getScheme().toLowerCase(Locale.ROOT);
            boolean tls = scheme.equals("https");
            if (!tls && !scheme.equals("http")) {
                throw new IllegalArgumentException("the API connection is not http(s)");
            }
            int port = api.getPort() >= 0 ? api.getPort() : tls ? 443 : 80;
            String path = loc.getRawPath() == null || loc.getRawPath().isEmpty() ? "/console" : loc.getRawPath();
            return new Target(loc.getHost(), port, tls, path, loc.getRawQuery());
        }

        private static ConsoleException badLocation(String location) {
            return new ConsoleException(Reason.BAD_LOCATION, "The console's location (" + printable(location)
                    + ") is not a URL with a host, so it cannot be opened.", List.of(printable(location)));
        }
    }

    /** Percent-encodes everything but unreserved characters and ':', so a ref can never break the header. */
    static String queryEncode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xFF));
            }
        }
        return b.toString();
    }

    private static ConsoleException unreachable(Target target, String why, Throwable cause) {
        return new ConsoleException(Reason.HOST_UNREACHABLE, "Cannot reach the console's host " + target.host
                + " on port " + target.port + ": " + why + ".", List.of(target.host, Integer.toString(target.port)),
                cause);
    }

    private static ConsoleException malformed(Target target, String what) {
        return new ConsoleException(Reason.MALFORMED_REPLY, "The host " + target.host + " " + what
                + " when asked for the console.", List.of(target.host));
    }

    private static int replyTimeoutMillis(ConnectionSettings settings) {
        long ms = settings.replyTimeout().toMillis();
        return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, ms);
    }

    /** At most 100 printable ASCII characters of text a server chose. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 100; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static String oneLine(Exception e) {
        String msg = e.getMessage();
        String text = msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
        return text.replaceAll("[\\r\\n]+", " ");
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do: the socket is being abandoned
        }
    }
}
