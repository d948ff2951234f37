package org.xapicenter.xapi.sidechannel;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

/**
 * Where one side-channel request (an export, an import, a performance document) goes and what its
 * header says, across the replies that make it go again: a redirect to another host of the pool (the
 * API connection's scheme and trust; the port the redirect names, else the API's), and a 401 for a
 * session the host has forgotten (one renewal). What a refusal means to the user is the caller's: this
 * class only says which kind it is ({@link Outcome}).
 */
public final class SideChannelRequest {
    /** What a reply that is not 200 leads to. */
    public enum Outcome {
        /** Send again, to {@link #endpoint()} (the redirect's host). */
        REDIRECTED,
        /** Send again, with {@link #sessionRef()} (a renewed session). */
        RENEWED,
        /** A redirect past the allowed number. */
        TOO_MANY_REDIRECTS,
        /** A redirect whose location names no host we can read. */
        BAD_REDIRECT,
        /** A 401 after the one renewal, or one the renewal could not cure. */
        SESSION_REFUSED,
        /** Any other status: the caller's error. */
        OTHER
    }

    /** Gives the session to use after a 401 (the connection may have logged in anew). */
    @FunctionalInterface
    public interface Renewal {
        XapiSession session() throws IOException, XapiException;
    }

    private final String path;
    private final List<Map.Entry<String, String>> query;
    private final int maxRedirects;
    private final Renewal renewal;
    private final boolean resendSameRef;
    private Endpoint endpoint;
    private String sessionRef;
    private int redirects;
    private boolean renewed;

    /**
     * @param query the parameters but the session, in order; a name may repeat
     * @param renewal asked once after a 401; when it hands back the very session that was refused, one
     *     cheap call ({@code pool.get_all}) lets that session log in again if the server forgot it
     * @param resendSameRef whether to send again when the renewed ref is the refused one (a pool member
     *     may learn of a new session late); transfers give up instead
     */
    public SideChannelRequest(XapiSession session, Endpoint endpoint, String path, List<Map.Entry<String, String>> query,
                              int maxRedirects, Renewal renewal, boolean resendSameRef) {
        this.path = path;
        this.query = List.copyOf(query);
        this.maxRedirects = maxRedirects;
        this.renewal = renewal;
        this.resendSameRef = resendSameRef;
        this.endpoint = endpoint;
        this.sessionRef = session.ref();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String sessionRef() {
        return sessionRef;
    }

    /**
     * The request line and header; the session travels both in the query and as a cookie, as XenCenter
     * sends it. HTTP/1.0: one request per connection, which closes after the reply.
     *
     * @param contentLength the body's length, or -1 for a request without one
     */
    public String header(String method, long contentLength) {
        String ref = SideChannel.queryEncode(sessionRef);
        StringBuilder b = new StringBuilder(256).append(method).append(' ').append(path).append('?');
        for (Map.Entry<String, String> e : query) {
            b.append(e.getKey()).append('=').append(SideChannel.queryEncode(e.getValue())).append('&');
        }
        b.append("session_id=").append(ref).append(" HTTP/1.0\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n")
                .append("Cookie: session_id=").append(ref).append("\r\n")
                .append("User-Agent: XapiCenter\r\n");
        if (contentLength >= 0) {
            b.append("Content-Type: application/octet-stream\r\n")
                    .append("Content-Length: ").append(contentLength).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** A redirect or 401: the request may go again. */
    public static boolean mayRetry(HttpReply reply) {
        return reply.status() == 401 || isRedirect(reply.status());
    }

    public static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Decides what a reply that is not 200 means; {@link Outcome#REDIRECTED} and {@link Outcome#RENEWED} resend. */
    public Outcome retryAfter(HttpReply reply) {
        int status = reply.status();
        if (isRedirect(status)) {
            if (++redirects > maxRedirects) {
                return Outcome.TOO_MANY_REDIRECTS;
            }
            Endpoint target = redirectTarget(endpoint, reply.header("location"));
            if (target == null) {
                return Outcome.BAD_REDIRECT;
            }
            endpoint = target;
            return Outcome.REDIRECTED;
        }
        if (status != 401) {
            return Outcome.OTHER;
        }
        if (renewed) {
            return Outcome.SESSION_REFUSED;
        }
        renewed = true;
        String used = sessionRef;
        String fresh;
        try {
            XapiSession session = renewal.session();
            if (used.equals(session.ref())) {
                session.call("pool.get_all"); // logs in again if the server forgot the session
            }
            fresh = session.ref();
        } catch (XapiException | IOException | RuntimeException notBetter) {
            return Outcome.SESSION_REFUSED;
        }
        if (fresh == null || (!resendSameRef && fresh.equals(used))) {
            return Outcome.SESSION_REFUSED; // the host refuses the session for its own reasons
        }
        sessionRef = fresh;
        return Outcome.RENEWED;
    }

    /** The redirect's host and port with our scheme and trust, or null when the location names no host. */
    static Endpoint redirectTarget(Endpoint from, String location) {
        try {
            URI uri = new URI(location == null ? "" : location.trim());
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return null;
            }
            return from.redirectedTo(uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
