package org.xapicenter.xapi;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * A logged-in session on one XAPI server. CONTRACT ONLY: being implemented on the xapi branch.
 *
 * <p>Thread-safe: the cache's event loop and UI actions share one session.
 */
public final class XapiSession implements Closeable {

    private XapiSession() {
    }

    /** Logs in with {@code session.login_with_password(user, password, version, originator)}. */
    public static XapiSession login(ConnectionSettings settings, String user, char[] password)
            throws XapiException, IOException {
        throw new UnsupportedOperationException("being written");
    }

    public String ref() {
        throw new UnsupportedOperationException("being written");
    }

    public ConnectionSettings settings() {
        throw new UnsupportedOperationException("being written");
    }

    /** Calls {@code method} with the session ref prepended; one re-login and retry on SESSION_INVALID. */
    public Object call(String method, Object... args) throws XapiException, IOException {
        throw new UnsupportedOperationException("being written");
    }

    /** As {@link #call} but waiting up to {@code replyTimeoutMillis} for the reply (event.from). */
    public Object callWithTimeout(int replyTimeoutMillis, String method, Object... args)
            throws XapiException, IOException {
        throw new UnsupportedOperationException("being written");
    }

    /** Calls {@code Async.<method>} and returns the task ref at once. */
    public String callAsync(String method, Object... args) throws XapiException, IOException {
        throw new UnsupportedOperationException("being written");
    }

    public XapiRecord getRecord(String xapiClass, String ref) throws XapiException, IOException {
        throw new UnsupportedOperationException("being written");
    }

    public Map<String, XapiRecord> getAllRecords(String xapiClass) throws XapiException, IOException {
        throw new UnsupportedOperationException("being written");
    }

    /** Logs out; never throws. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("being written");
    }
}
