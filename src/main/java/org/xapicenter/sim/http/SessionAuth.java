package org.xapicenter.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import org.xapicenter.sim.store.ObjectStore;

/**
 * Who may use the HTTP handlers (/console, /export, /import), as xapi decides it: a session in the
 * {@code session_id} cookie, else in the {@code session_id} query parameter, else HTTP Basic with the
 * pool's credentials.
 */
public final class SessionAuth {
    private SessionAuth() {
    }

    public static boolean authenticated(HttpRequest head, ObjectStore store, String user, String password) {
        String cookieHeader = head.headers().get(HttpHeaderNames.COOKIE);
        if (cookieHeader != null) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(cookieHeader)) {
                if (c.name().equals("session_id")) {
                    // xapi takes the cookie over the query parameter.
                    return store.isA(c.value(), "session");
                }
            }
        }
        List<String> sessions = new QueryStringDecoder(head.uri()).parameters().get("session_id");
        if (sessions != null && !sessions.isEmpty()) {
            return store.isA(sessions.get(0), "session");
        }
        String auth = head.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                return pair.equals(user + ":" + password);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
