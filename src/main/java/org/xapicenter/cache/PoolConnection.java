package org.xapicenter.cache;

import java.util.function.Consumer;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.XapiSession;

/**
 * One connection to a pool: login, the event.from loop that keeps {@link #cache()} current, and
 * reconnect. CONTRACT ONLY: being implemented on main.
 */
public final class PoolConnection implements AutoCloseable {
    private final ObjectCache cache = new ObjectCache();

    public PoolConnection(ConnectionSettings settings, String user, char[] password) {
    }

    /** Starts login and the event loop on a background thread; returns at once. */
    public void start() {
        throw new UnsupportedOperationException("being written");
    }

    public ObjectCache cache() {
        return cache;
    }

    /** The session for user actions; throws IllegalStateException when not connected. */
    public XapiSession session() {
        throw new UnsupportedOperationException("being written");
    }

    public ConnectionState state() {
        throw new UnsupportedOperationException("being written");
    }

    /** The error behind FAILED/RECONNECTING (an XapiException or IOException), else null. */
    public Exception lastError() {
        throw new UnsupportedOperationException("being written");
    }

    /** Called on the connection's thread whenever the state changes. */
    public void addStateListener(Consumer<ConnectionState> listener) {
        throw new UnsupportedOperationException("being written");
    }

    /** What the user typed as the server, for titles: {@code host[:port]}. */
    public String serverLabel() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("being written");
    }
}
