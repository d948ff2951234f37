package org.xapicenter.sim.xva;

import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import org.xapicenter.sim.http.SessionAuth;
import org.xapicenter.sim.store.ObjectStore;

/**
 * The parts of a transfer request (/export, /import) that xapi reads the same way for both: the query,
 * the session (cookie {@code session_id}, else query {@code session_id}, else HTTP Basic credentials) and
 * the task ({@code task_id} in the query or a cookie).
 */
final class TransferRequest {
    private final HttpRequest head;
    private final Map<String, List<String>> query;

    TransferRequest(HttpRequest head) {
        this.head = head;
        this.query = new QueryStringDecoder(head.uri()).parameters();
    }

    HttpRequest head() {
        return head;
    }

    /** The first value of query parameter {@code name}, or null. */
    String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** xapi's flag reading: present and "true" (any case). */
    boolean flag(String name) {
        return "true".equalsIgnoreCase(param(name));
    }

    private String cookie(String name) {
        String header = head.headers().get(HttpHeaderNames.COOKIE);
        if (header != null) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equals(name)) {
                    return c.value();
                }
            }
        }
        return null;
    }

    /** Whether the request carries a valid session or the pool's credentials. */
    boolean authenticated(ObjectStore store, String user, String password) {
        return SessionAuth.authenticated(head, store, user, password);
    }

    /** The task the client made for this transfer, or null when it gave none. */
    String taskId() {
        String t = param("task_id");
        return t != null ? t : cookie("task_id");
    }
}
