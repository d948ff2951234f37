package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.sidechannel.Endpoint;
import org.xapicenter.xapi.sidechannel.HttpReply;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.sidechannel.SideChannelException;

/**
 * Where one transfer's HTTP request goes and what it says, across the replies that make it go again:
 * a 302 to another host of the pool (the API connection's scheme and trust; the port the redirect names,
 * else the API's), and a 401 for a session the host has forgotten (one re-login, as API calls get).
 * Every other status that is not 200 becomes a {@link TransferErrors} code.
 */
final class TransferChannel {
    static final int MAX_REDIRECTS = 5;

    private final XapiSession session;
    private final String path;
    private final Map<String, String> query;
    private Endpoint endpoint;
    private String sessionRef;
    private int redirects;
    private boolean reloggedIn;

    /** @param query the request's parameters but the session, in order */
    TransferChannel(XapiSession session, String path, Map<String, String> query) {
        this.session = session;
        this.path = path;
        this.query = new LinkedHashMap<>(query);
        this.endpoint = Endpoint.api(session.settings());
        this.sessionRef = session.ref();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Connects to the current endpoint (no Nagle delay: the request header must leave at once). */
    SideChannel.Connection connect() throws SideChannelException {
        return SideChannel.connect(session.settings(), endpoint, true);
    }

    /**
     * The request line and header; the session travels both in the query and as a cookie, as XenCenter
     * sends it. HTTP/1.0: the connection is the transfer's alone and closes with it.
     *
     * @param contentLength the body's length, or -1 for a request without one
     */
    String requestHeader(String method, long contentLength) {
        String ref = SideChannel.queryEncode(sessionRef);
        StringBuilder b = new StringBuilder(256).append(method).append(' ').append(path).append('?');
        for (Map.Entry<String, String> e : query.entrySet()) {
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

    /**
     * Decides what a reply that is not 200 means.
     *
     * @return true when the request should be sent again (to the redirect's host, or with a fresh session)
     * @throws XapiException the reply is a refusal or error
     */
    boolean retryAfter(HttpReply reply) throws XapiException {
        switch (reply.status()) {
            case 301, 302, 303, 307, 308 -> {
                if (++redirects > MAX_REDIRECTS) {
                    throw new XapiException(TransferErrors.BAD_REDIRECT, List.of(endpoint.host(),
                            shown(reply.header("location"))));
                }
                endpoint = redirectTarget(reply.header("location"));
                return true;
            }
            case 401 -> {
                if (reloggedIn) {
                    throw TransferErrors.forStatus(reply, endpoint);
                }
                reloggedIn = true;
                String used = sessionRef;
                try {
                    session.call("pool.get_all"); // logs in again if the server forgot the session
                } catch (XapiException | IOException | RuntimeException notBetter) {
                    throw TransferErrors.forStatus(reply, endpoint);
                }
                String fresh = session.ref();
                if (fresh == null || fresh.equals(used)) {
                    throw TransferErrors.forStatus(reply, endpoint); // the host refuses the session for its own reasons
                }
                sessionRef = fresh;
                return true;
            }
            default -> throw TransferErrors.forStatus(reply, endpoint);
        }
    }

    /** A redirect or 401: the task is still waiting for the request that will follow. */
    static boolean mayRetry(HttpReply reply) {
        int s = reply.status();
        return s == 401 || s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
    }

    private Endpoint redirectTarget(String location) throws XapiException {
        try {
            URI uri = new URI(location == null ? "" : location.trim());
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new URISyntaxException(String.valueOf(location), "no host");
            }
            return endpoint.redirectedTo(uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw new XapiException(TransferErrors.BAD_REDIRECT, List.of(endpoint.host(), shown(location)));
        }
    }

    /**
     * A redirect's location as it may be shown and logged: xapi's carries the session in its query
     * ({@code ?session_id=OpaqueRef:...}), and a URL may carry a user and password, so only the scheme,
     * host, port and path are kept.
     */
    static String shown(String location) {
        if (location == null) {
            return "";
        }
        String s = location.trim();
        int cut = s.length();
        for (char c : new char[] {'?', '#'}) {
            int at = s.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        s = s.substring(0, cut);
        int scheme = s.indexOf("://");
        int authorityStart = scheme >= 0 ? scheme + 3 : 0;
        int authorityEnd = s.indexOf('/', authorityStart);
        String authority = s.substring(authorityStart, authorityEnd < 0 ? s.length() : authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(0, authorityStart) + authority.substring(at + 1)
                    + (authorityEnd < 0 ? "" : s.substring(authorityEnd));
        }
        // whatever else a hostile host wrote: no session ref survives, and it stays printable and short
        return SideChannel.printable(s.replaceAll("OpaqueRef:[^/\\s]*", "OpaqueRef:..."));
    }
}
