package org.xapicenter.xapi.sidechannel;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.xapicenter.xapi.ConnectionSettings;

/**
 * The raw-socket half of XAPI's HTTP side channels (console, /export, /import): the connection with the
 * API's TLS trust, and a bounded read of the reply header.
 *
 * <p>TLS trust is the API's: {@link ConnectionSettings#sslContext()} when given (a pinned decision, so,
 * as in the API transport, the certificate check is the context's alone), else the JDK's trust store
 * with hostname verification.
 *
 * <p>The reply header is read one byte at a time, so not one byte of what follows it (RFB, an XVA) is
 * swallowed by a buffer; it is bounded to {@value #MAX_HEADER_BYTES} bytes.
 */
public final class SideChannel {
    /** Longest reply header we read before giving up on the host. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Longest we wait for the TCP connection, whatever the reply timeout. */
    public static final int MAX_CONNECT_TIMEOUT_MILLIS = 20_000;

    private SideChannel() {
    }

    /** A connected socket; see {@link #connect(ConnectionSettings, Endpoint, boolean)}. */
    public record Connection(Socket socket, Socket plain) {
        /** Closes the TCP socket under any TLS layer: immediate, and unblocks readers and writers alike. */
        public void abort() {
            closeQuietly(plain);
            closeQuietly(socket);
        }
    }

    /**
     * Connects to {@code target}, with TLS when its scheme says so, read timeout set to the settings'
     * reply timeout.
     *
     * @param noDelay for interactive streams (console): small writes leave at once
     */
    public static Connection connect(ConnectionSettings settings, Endpoint target, boolean noDelay)
            throws SideChannelException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.socketHost(), target.port()),
                    Math.min(replyTimeoutMillis(settings), MAX_CONNECT_TIMEOUT_MILLIS));
            plain.setTcpNoDelay(noDelay);
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
        try {
            plain.setSoTimeout(replyTimeoutMillis(settings));
        } catch (IOException e) {
            closeQuietly(plain);
            throw unreachable(target, oneLine(e), e);
        }
        if (!target.tls()) {
            return new Connection(plain, plain);
        }
        try {
            SSLContext context = settings.sslContext() != null ? settings.sslContext() : SSLContext.getDefault();
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, target.socketHost(), target.port(), true);
            if (settings.sslContext() == null) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
            }
            tls.setSoTimeout(replyTimeoutMillis(settings));
            tls.startHandshake();
            return new Connection(tls, plain);
        } catch (SSLException | NoSuchAlgorithmException e) {
            closeQuietly(plain);
            throw new SideChannelException(SideChannelException.Kind.TLS_FAILED, target.host(), oneLine(e),
                    "The secure connection to " + target.host() + " failed (is its certificate trusted?): "
                            + oneLine(e) + ".", e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw unreachable(target, oneLine(e), e);
        }
    }

    /** Reads up to and including the blank line that ends the header, one byte at a time. */
    public static String readHeader(InputStream in, Endpoint target, int timeoutMillis) throws SideChannelException {
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
            throw new SideChannelException(SideChannelException.Kind.REPLY_TIMEOUT, target.host(),
                    "within " + Math.max(1, timeoutMillis / 1000) + " s",
                    "The host " + target.host() + " did not answer within " + Math.max(1, timeoutMillis / 1000)
                            + " s.", e);
        } catch (SideChannelException e) {
            throw e;
        } catch (IOException e) {
            throw new SideChannelException(SideChannelException.Kind.BROKEN, target.host(), oneLine(e),
                    "The connection to " + target.host() + " broke before it answered: " + oneLine(e) + ".", e);
        }
    }

    /** CRLF CRLF, or a bare LF LF from a lax server. */
    private static boolean endsHeader(byte[] buf, int n) {
        if (n >= 2 && buf[n - 2] == '\n') {
            return true;
        }
        return n >= 4 && buf[n - 2] == '\r' && buf[n - 3] == '\n' && buf[n - 4] == '\r';
    }

    /** Percent-encodes everything but unreserved characters and ':', so a value can never break the header. */
    public static String queryEncode(String s) {
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

    /** At most 100 printable ASCII characters of text a server chose. */
    public static String printable(String s) {
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

    public static int replyTimeoutMillis(ConnectionSettings settings) {
        long ms = settings.replyTimeout().toMillis();
        return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, ms);
    }

    public static String oneLine(Exception e) {
        String msg = e.getMessage();
        String text = msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
        return text.replaceAll("[\\r\\n]+", " ");
    }

    public static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do: the socket is being abandoned
        }
    }

    private static SideChannelException unreachable(Endpoint target, String why, Throwable cause) {
        return new SideChannelException(SideChannelException.Kind.UNREACHABLE, target.host(), why,
                "Cannot reach " + target.host() + " on port " + target.port() + ": " + why + ".", cause);
    }

    private static SideChannelException malformed(Endpoint target, String what) {
        return new SideChannelException(SideChannelException.Kind.MALFORMED, target.host(), what,
                "The host " + target.host() + " " + what + ".", null);
    }
}
