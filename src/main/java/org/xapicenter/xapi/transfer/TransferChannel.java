package org.xapicenter.xapi.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.sidechannel.Endpoint;
import org.xapicenter.xapi.sidechannel.HttpReply;
import org.xapicenter.xapi.sidechannel.SideChannel;
import org.xapicenter.xapi.sidechannel.SideChannelException;
import org.xapicenter.xapi.sidechannel.SideChannelRequest;

/**
 * Where one transfer's HTTP request goes and what it says, across the replies that make it go again:
 * a 302 to another host of the pool (the API connection's scheme and trust; the port the redirect names,
 * else the API's), and a 401 for a session the host has forgotten (one re-login, as API calls get).
 * Every other status that is not 200 becomes a {@link TransferErrors} code.
 */
final class TransferChannel {
    static final int MAX_REDIRECTS = 5;

    private final XapiSession session;
    private final SideChannelRequest request;

    /** @param query the request's parameters but the session, in order */
    TransferChannel(XapiSession session, String path, Map<String, String> query) {
        this.session = session;
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(Map.entry(k, v)));
        // a renewal that hands back the refused ref gives up: the host refuses the session for its own reasons
        this.request = new SideChannelRequest(session, Endpoint.api(session.settings()), path, pairs, MAX_REDIRECTS,
                () -> session, false);
    }

    Endpoint endpoint() {
        return request.endpoint();
    }

    /** Connects to the current endpoint (no Nagle delay: the request header must leave at once). */
    SideChannel.Connection connect() throws SideChannelException {
        return SideChannel.connect(session.settings(), request.endpoint(), true);
    }

    /**
     * The request line and header ({@link SideChannelRequest#header}).
     *
     * @param contentLength the body's length, or -1 for a request without one
     */
    String requestHeader(String method, long contentLength) {
        return request.header(method, contentLength);
    }

    /**
     * Decides what a reply that is not 200 means.
     *
     * @return true when the request should be sent again (to the redirect's host, or with a fresh session)
     * @throws XapiException the reply is a refusal or error
     */
    boolean retryAfter(HttpReply reply) throws XapiException {
        Endpoint from = request.endpoint();
        return switch (request.retryAfter(reply)) {
            case REDIRECTED, RENEWED -> true;
            case TOO_MANY_REDIRECTS, BAD_REDIRECT -> throw new XapiException(TransferErrors.BAD_REDIRECT,
                    List.of(from.host(), shown(reply.header("location"))));
            case SESSION_REFUSED, OTHER -> throw TransferErrors.forStatus(reply, from);
        };
    }

    /** A redirect or 401: the task is still waiting for the request that will follow. */
    static boolean mayRetry(HttpReply reply) {
        return SideChannelRequest.mayRetry(reply);
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
