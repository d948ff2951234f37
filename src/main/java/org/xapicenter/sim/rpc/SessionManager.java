package org.xapicenter.sim.rpc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/** Logins and session validation. Sessions are store objects of class {@code session} (no events). */
public final class SessionManager {
    /** xapi keeps at most this many sessions per originator (or user); the oldest is evicted. */
    public static final int MAX_SESSIONS_PER_ORIGINATOR = 500;

    private final ObjectStore store;
    private final String user;
    private final String password;
    private final Duration failureDelay;
    private volatile String thisHost = "OpaqueRef:NULL";
    private final Map<String, java.util.ArrayDeque<String>> byOriginator = new java.util.HashMap<>();

    public SessionManager(ObjectStore store, String user, String password, Duration failureDelay) {
        this.store = store;
        this.user = user;
        this.password = password;
        this.failureDelay = failureDelay;
    }

    public void setThisHost(String hostRef) {
        this.thisHost = hostRef;
    }

    public String login(String uname, String pwd, String originator) throws XapiException {
        if (!user.equals(uname) || !password.equals(pwd)) {
            // Like xapi, answer a failed login slowly: password guessing should be expensive.
            try {
                Thread.sleep(failureDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw Errors.of("SESSION_AUTHENTICATION_FAILED", uname,
                    "Authentication failure");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("this_host", thisHost);
        values.put("last_active", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        values.put("pool", Boolean.FALSE);
        values.put("is_local_superuser", Boolean.TRUE);
        values.put("auth_user_name", uname);
        values.put("originator", originator == null ? "" : originator);
        values.put("validation_time", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        values.put("uuid", UUID.randomUUID().toString());
        // Not from the seeded source: anyone could predict a deterministic session ref.
        String session = store.create("session", "OpaqueRef:" + UUID.randomUUID(), values);
        String key = originator == null || originator.isEmpty() ? "user:" + uname : "originator:" + originator;
        synchronized (byOriginator) {
            java.util.ArrayDeque<String> sessions = byOriginator.computeIfAbsent(key, k -> new java.util.ArrayDeque<>());
            sessions.addLast(session);
            sessions.removeIf(s -> !store.exists(s));
            while (sessions.size() > MAX_SESSIONS_PER_ORIGINATOR) {
                logout(sessions.pollFirst());
            }
        }
        return session;
    }

    public void logout(String session) {
        if (store.isA(session, "session")) {
            store.destroy(session);
        }
    }

    public void require(String session) throws XapiException {
        if (session == null || !store.isA(session, "session")) {
            throw Errors.sessionInvalid(String.valueOf(session));
        }
    }
}
