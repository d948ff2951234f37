package org.xapicenter.xapi.metrics;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.function.Consumer;
import org.xapicenter.rrd.RrdFormatException;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.sidechannel.Endpoint;
import org.xapicenter.xapi.sidechannel.HttpReply;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.wire.BoundedInputStream;

/**
 * One {@code GET} of a performance document over an XAPI side channel: the API's scheme, port and TLS
 * trust ({@link SideChannel}), the session as cookie and query parameter (as XenCenter sends it), one
 * redirect followed (a VM's RRD lives on its resident host), one new session after a 401 (the connection
 * may have logged in anew), a body bounded by {@code maxBytes} and read with the API's reply timeout.
 */
final class RrdRequest {
    /** Reads the body; the stream ends where the document ends. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private final SessionSource sessions;
    private final String path;
    private final List<Map.Entry<String, String>> query;
    private final long maxBytes;
    private final Consumer<SideChannel.Connection> inFlight;
    private final ScheduledExecutorService timer;
    private final MetricsOptions options;

    /**
     * @param query the parameters but the session, in order; a name may repeat ({@code vm_uuid=} per VM)
     * @param inFlight told of each connection as it opens (and null once it is done), so that a stopping
     *     fetcher can abort it
     * @param timer runs the whole-request deadline ({@link MetricsOptions#deadlineFor}), which aborts the
     *     connection of a host that trickles its reply
     */
    RrdRequest(SessionSource sessions, String path, List<Map.Entry<String, String>> query, long maxBytes,
               Consumer<SideChannel.Connection> inFlight, ScheduledExecutorService timer, MetricsOptions options) {
        this.timer = timer;
        this.options = options;
        this.sessions = sessions;
        this.path = path;
        this.query = List.copyOf(query);
        this.maxBytes = maxBytes;
        this.inFlight = inFlight;
    }

    /**
     * Sends the request to {@code address} (empty or null: the API's own host) and reads the reply.
     *
     * @throws FetchFailure the host refused, redirected twice, or answered another status than 200
     * @throws RrdFormatException the document is malformed or too large
     * @throws IOException the connection failed (a {@code SideChannelException} names how)
     * @throws XapiException the session could not be had
     */
    <T> T get(String address, BodyReader<T> reader) throws IOException, XapiException {
        XapiSession session = sessions.current();
        Endpoint endpoint = address == null || address.isEmpty() ? Endpoint.api(session.settings())
                : Endpoint.of(session.settings(), urlHost(address));
        String ref = session.ref();
        Duration deadline = options.deadlineFor(session.settings().replyTimeout());
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        boolean redirected = false;
        boolean renewed = false;
        while (true) {
            SideChannel.Connection connection = SideChannel.connect(session.settings(), endpoint, true);
            inFlight.accept(connection);
            AtomicBoolean expired = new AtomicBoolean();
            ScheduledFuture<?> watchdog = schedule(() -> {
                expired.set(true);
                connection.abort(); // unblocks the read however slowly the bytes come
            }, deadlineNanos - System.nanoTime());
            try {
                OutputStream out = connection.socket().getOutputStream();
                out.write(requestHeader(endpoint, ref).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = connection.socket().getInputStream();
                int timeout = SideChannel.replyTimeoutMillis(session.settings());
                HttpReply reply = HttpReply.parse(SideChannel.readHeader(in, endpoint, timeout), endpoint);
                int status = reply.status();
                if (status == 200) {
                    return readBody(reply, in, endpoint, timeout, reader);
                }
                if (isRedirect(status)) {
                    if (redirected) {
                        throw new FetchFailure("The host " + endpoint.host() + " redirected the request for "
                                + "performance data a second time.", status, null);
                    }
                    redirected = true;
                    endpoint = redirectTarget(endpoint, reply.header("location"), status);
                    continue;
                }
                if (status == 401 && !renewed) {
                    renewed = true;
                    session = sessions.current();
                    ref = freshRef(session, ref);
                    continue;
                }
                throw forStatus(endpoint, reply);
            } catch (IOException | RuntimeException e) {
                if (expired.get()) {
                    throw new FetchFailure("The host " + endpoint.host() + " did not send its performance data within "
                            + Math.max(1, deadline.toSeconds()) + " s.", 0, e);
                }
                throw e;
            } finally {
                if (watchdog != null) {
                    watchdog.cancel(false);
                }
                inFlight.accept(null);
                connection.abort();
            }
        }
    }

    private ScheduledFuture<?> schedule(Runnable abort, long delayNanos) {
        try {
            return timer.schedule(abort, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            abort.run(); // the connection is closing: so is this request
            return null;
        }
    }

    /** A host's {@code address} as a URL names it: an IPv6 literal in brackets. */
    static String urlHost(String address) {
        String a = address.trim();
        return a.indexOf(':') >= 0 && !a.startsWith("[") ? "[" + a + "]" : a;
    }

    /**
     * The session's ref after a 401: when the source hands back the very session that was refused, one
     * cheap call lets it log in again if the server forgot it (as a transfer does).
     */
    private static String freshRef(XapiSession session, String refused) throws IOException, XapiException {
        if (refused.equals(session.ref())) {
            session.call("pool.get_all");
        }
        return session.ref();
    }

    /** HTTP/1.0: one request per connection, which closes after the reply. */
    private String requestHeader(Endpoint endpoint, String sessionRef) {
        String ref = SideChannel.queryEncode(sessionRef);
        StringBuilder b = new StringBuilder(256).append("GET ").append(path).append('?');
        for (Map.Entry<String, String> e : query) {
            b.append(e.getKey()).append('=').append(SideChannel.queryEncode(e.getValue())).append('&');
        }
        return b.append("session_id=").append(ref).append(" HTTP/1.0\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n")
                .append("Cookie: session_id=").append(ref).append("\r\n")
                .append("User-Agent: XapiCenter\r\n")
                .append("Connection: close\r\n\r\n").toString();
    }

    private <T> T readBody(HttpReply reply, InputStream raw, Endpoint endpoint, int timeoutMillis, BodyReader<T> reader)
            throws IOException {
        String encoding = reply.header("transfer-encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw new FetchFailure("The host " + endpoint.host() + " sent its performance data in a transfer encoding "
                    + "we do not read (" + SideChannel.printable(encoding) + ").", 200, null);
        }
        NetworkWatch watched = new NetworkWatch(raw);
        InputStream body = watched;
        String length = reply.header("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new RrdFormatException("The host sent a Content-Length that is not a number.", "Content-Length");
            }
            if (n < 0 || n > maxBytes) {
                throw new RrdFormatException("The host announced " + n + " bytes of performance data, more than the "
                        + "limit of " + maxBytes + " bytes.", "Content-Length");
            }
            body = new ExactLength(watched, n);
        }
        // without a length the body runs until the host closes: the bound still holds
        BoundedInputStream bounded = new BoundedInputStream(new BufferedInputStream(body, 64 * 1024), maxBytes);
        try {
            return reader.read(bounded);
        } catch (IOException | RuntimeException e) {
            // The network's failure explains a parser's complaint about a truncated document, not the reverse.
            if (watched.failure instanceof SocketTimeoutException t) {
                throw new FetchFailure("The host " + endpoint.host() + " stopped sending its performance data for "
                        + Math.max(1, timeoutMillis / 1000) + " s.", 200, t);
            }
            if (watched.failure != null) {
                throw new FetchFailure("The connection to " + endpoint.host() + " broke while it sent its performance "
                        + "data: " + SideChannel.printable(SideChannel.oneLine(watched.failure)) + ".", 200, watched.failure);
            }
            if (bounded.exceeded()) {
                throw new RrdFormatException("The host sent more than " + maxBytes + " bytes of performance data.",
                        "byte " + (maxBytes + 1), e);
            }
            throw e;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The redirect's host and port with our scheme and trust; its query (which carries a session) is never shown. */
    private static Endpoint redirectTarget(Endpoint from, String location, int status) throws FetchFailure {
        try {
            URI uri = new URI(location == null ? "" : location.trim());
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new URISyntaxException("", "no host");
            }
            return from.redirectedTo(uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw new FetchFailure("The host " + from.host() + " redirected the request for performance data to an "
                    + "address we cannot read.", status, null);
        }
    }

    private static FetchFailure forStatus(Endpoint endpoint, HttpReply reply) {
        int status = reply.status();
        String phrase = reply.phrase().isEmpty() ? "" : " " + reply.phrase();
        String what = switch (status) {
            case 401, 403 -> "refused the session for its performance data";
            case 404 -> "has no performance data for this object";
            default -> status >= 500 ? "could not serve its performance data" : "refused the request for performance data";
        };
        return new FetchFailure("The host " + endpoint.host() + " " + what + " (HTTP " + status + phrase + ").",
                status, null);
    }

    /** Remembers the I/O failure under the parser, which may report it as a malformed document. */
    private static final class NetworkWatch extends FilterInputStream {
        IOException failure;

        NetworkWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** The body of a reply with a Content-Length: ends there, whatever follows. */
    private static final class ExactLength extends FilterInputStream {
        long left;

        ExactLength(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= Math.max(0, s);
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
