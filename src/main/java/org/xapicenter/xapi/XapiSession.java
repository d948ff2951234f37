package org.xapicenter.xapi;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.record.Records;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xapi.transport.Transports;

/**
 * A logged-in session on one XAPI server.
 *
 * <p>Thread-safe: the cache's event loop and UI actions share one session. When the server forgets the
 * session ({@code SESSION_INVALID}: expiry, eviction, a restarted toolstack) the next call logs in again
 * with the same credentials and is retried once; callers see at most the second failure.
 *
 * <p>The password is held (as a private char array) only so that re-login is possible; it is cleared
 * on {@link #close()}, or when a re-login still in flight at close finishes, and appears in no log, message or {@code toString}. A {@code HOST_IS_SLAVE
 * [coordinator address]} at login arrives as a {@link XapiException}; following it is the caller's job.
 */
public final class XapiSession implements Closeable {
    /** The API version we announce at login; xapi uses it only to adapt deprecated behaviour. */
    public static final String API_VERSION = "2.21";

    private final ConnectionSettings settings;
    private final RpcTransport transport;
    private final String user;
    private final char[] password;
    /** Serializes re-logins, so a wave of SESSION_INVALIDs logs in once; taken before {@code this}, never after. */
    private final Object reloginLock = new Object();
    // ref, closed and loginInFlight change only under this object's monitor, so close() and a
    // re-login agree on who logs out which session and on when the password may be zeroed.
    private volatile String ref;
    private volatile boolean closed;
    private boolean loginInFlight;

    private XapiSession(ConnectionSettings settings, RpcTransport transport, String user, char[] password) {
        this.settings = settings;
        this.transport = transport;
        this.user = user;
        this.password = password.clone();
    }

    /** Logs in with {@code session.login_with_password(user, password, version, originator)}. */
    public static XapiSession login(ConnectionSettings settings, String user, char[] password)
            throws XapiException, IOException {
        return login(settings, Transports.open(settings), user, password);
    }

    /**
     * Logs in over a transport the caller opened (tests, or a caller that wraps the transport). The
     * session owns the transport from now on and closes it on {@link #close()} or failed login.
     */
    public static XapiSession login(ConnectionSettings settings, RpcTransport transport, String user, char[] password)
            throws XapiException, IOException {
        XapiSession s = new XapiSession(settings, transport, user, password);
        try {
            s.ref = s.loginOnce();
            return s;
        } catch (XapiException | IOException | RuntimeException e) {
            s.forget();
            throw e;
        }
    }

    private String loginOnce() throws XapiException, IOException {
        Object r = transport.call("session.login_with_password",
                List.of(user, new String(password), API_VERSION, XapiCenterVersion.originator()));
        if (!(r instanceof String sessionRef) || sessionRef.isEmpty()) {
            throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of("login returned no session reference"));
        }
        return sessionRef;
    }

    /** The current session ref (it changes after a transparent re-login). */
    public String ref() {
        return ref;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public String user() {
        return user;
    }

    /** Calls {@code method} with the session ref prepended; one re-login and retry on SESSION_INVALID. */
    public Object call(String method, Object... args) throws XapiException, IOException {
        return callWithTimeout(defaultTimeoutMillis(), method, args);
    }

    /** As {@link #call} but waiting up to {@code replyTimeoutMillis} for the reply (event.from). */
    public Object callWithTimeout(int replyTimeoutMillis, String method, Object... args)
            throws XapiException, IOException {
        if (closed) {
            throw new IOException("session closed");
        }
        String used = ref;
        try {
            return transport.call(method, withSession(used, args), replyTimeoutMillis);
        } catch (XapiException e) {
            if (!"SESSION_INVALID".equals(e.code()) || method.startsWith("session.")) {
                throw e;
            }
            String fresh = relogin(used);
            return transport.call(method, withSession(fresh, args), replyTimeoutMillis);
        }
    }

    /** Ends every call of this session in flight (they fail with an IOException); see {@link RpcTransport#abortCalls()}. */
    public void abortCalls() {
        transport.abortCalls();
    }

    /** Calls {@code Async.<method>} and returns the task ref at once. */
    public String callAsync(String method, Object... args) throws XapiException, IOException {
        Object task = call("Async." + method, args);
        if (!(task instanceof String taskRef) || taskRef.isEmpty()) {
            throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of("Async." + method + " returned no task"));
        }
        return taskRef;
    }

    /** {@code <class>.get_record(ref)} as a typed record. */
    public XapiRecord getRecord(String xapiClass, String objectRef) throws XapiException, IOException {
        Object v = call(xapiClass + ".get_record", objectRef);
        return Records.of(xapiClass, objectRef, asStruct(v, xapiClass + ".get_record"));
    }

    /** {@code <class>.get_all_records()} as typed records by ref, in the server's order. */
    public Map<String, XapiRecord> getAllRecords(String xapiClass) throws XapiException, IOException {
        Map<String, ?> all = asStruct(call(xapiClass + ".get_all_records"), xapiClass + ".get_all_records");
        Map<String, XapiRecord> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : all.entrySet()) {
            out.put(e.getKey(), Records.of(xapiClass, e.getKey(), asStruct(e.getValue(), xapiClass + " record")));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Logs out; never throws and never waits for a re-login in flight: such a re-login sees the close
     * when it completes and logs its new session out itself.
     */
    @Override
    public void close() {
        String r;
        boolean releaseNow;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = ref;
            releaseNow = !loginInFlight;
        }
        logoutQuietly(r);
        if (releaseNow) {
            forget();
        }
    }

    private String relogin(String failedRef) throws XapiException, IOException {
        synchronized (reloginLock) {
            synchronized (this) {
                if (closed) {
                    throw new IOException("session closed");
                }
                if (!failedRef.equals(ref)) {
                    return ref; // another thread already logged in again
                }
                loginInFlight = true; // from here close() leaves the password and transport to us
            }
            String fresh = null;
            try {
                fresh = loginOnce();
            } finally {
                boolean closedMeanwhile;
                synchronized (this) {
                    loginInFlight = false;
                    closedMeanwhile = closed;
                    if (!closedMeanwhile && fresh != null) {
                        ref = fresh;
                    }
                }
                if (closedMeanwhile) {
                    // close() already logged out the old session and cannot know this one
                    logoutQuietly(fresh);
                    forget();
                }
            }
            if (closed) {
                throw new IOException("session closed");
            }
            return fresh;
        }
    }

    private void logoutQuietly(String sessionRef) {
        if (sessionRef == null) {
            return;
        }
        try {
            transport.call("session.logout", List.of(sessionRef), Math.min(defaultTimeoutMillis(), 10_000));
        } catch (XapiException | IOException | RuntimeException e) {
            // the session dies with the server's expiry anyway; closing must not fail
        }
    }

    private void forget() {
        Arrays.fill(password, '\0');
        try {
            transport.close();
        } catch (RuntimeException e) {
            // nothing useful to do with a failure to release a transport
        }
    }

    private static List<Object> withSession(String sessionRef, Object[] args) {
        List<Object> params = new ArrayList<>(args.length + 1);
        params.add(sessionRef);
        params.addAll(Arrays.asList(args));
        return params;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asStruct(Object v, String what) throws XapiException {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of(what + " did not return a struct"));
    }

    @Override
    public String toString() {
        return "XapiSession[" + user + "@" + settings.serverAddress() + (closed ? ", closed" : "") + "]";
    }

    private int defaultTimeoutMillis() {
        long ms = settings.replyTimeout().toMillis();
        return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, ms);
    }
}
