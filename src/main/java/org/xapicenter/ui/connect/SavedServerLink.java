package org.xapicenter.ui.connect;

import java.io.IOException;
import java.util.function.Consumer;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.xapi.XapiException;

/**
 * A saved server that is not connected: a row "name — disconnected" in the tree, with nothing behind
 * it. Connecting puts a real link in its place.
 */
final class SavedServerLink implements PoolLink {
    private final String name;
    private final ObjectCache empty = new ObjectCache();

    SavedServerLink(String name) {
        this.name = name;
    }

    @Override
    public String label() {
        return name;
    }

    @Override
    public ObjectCache cache() {
        return empty;
    }

    @Override
    public ConnectionState state() {
        return ConnectionState.DISCONNECTED;
    }

    @Override
    public Exception lastError() {
        return null;
    }

    @Override
    public void addStateListener(Consumer<ConnectionState> listener) {
        // never changes
    }

    @Override
    public Object call(String method, Object... args) throws XapiException, IOException {
        throw new IOException("Not connected to " + name + ".");
    }

    @Override
    public String callAsync(String method, Object... args) throws XapiException, IOException {
        throw new IOException("Not connected to " + name + ".");
    }

    @Override
    public void start() {
        // nothing to start: connecting replaces this link
    }

    @Override
    public void close() {
        // nothing open
    }
}
