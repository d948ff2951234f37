package org.xapicenter.ui.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.connect.PoolLink;
import org.xapicenter.xapi.XapiException;

/**
 * A connection whose cache the test fills itself and whose API calls go to a handler the test
 * gives: the UI is tested against a real ObjectCache without a server.
 */
public final class CacheLink implements PoolLink {
    /** Answers a call the way a server would, or throws its XapiException. */
    @FunctionalInterface
    public interface Server {
        Object call(String method, List<Object> args) throws XapiException, IOException;
    }

    private final ObjectCache cache = new ObjectCache();
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile ConnectionState state = ConnectionState.CONNECTED;
    private volatile Exception lastError;
    private volatile Runnable closing = () -> { };
    private volatile boolean closed;
    private final Server server;
    private final String label;

    public CacheLink(String label, Server server) {
        this.label = label;
        this.server = server;
    }

    public void setState(ConnectionState s, Exception error) {
        state = s;
        lastError = error;
        listeners.forEach(l -> l.accept(s));
    }

    /** Every method called, in order ("Async.VM.start", "task.cancel"...). */
    public List<String> calls() {
        return calls;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public ObjectCache cache() {
        return cache;
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public Exception lastError() {
        return lastError;
    }

    @Override
    public void addStateListener(Consumer<ConnectionState> listener) {
        listeners.add(listener);
    }

    @Override
    public Object call(String method, Object... args) throws XapiException, IOException {
        calls.add(method);
        return server.call(method, List.of(args));
    }

    @Override
    public String callAsync(String method, Object... args) throws XapiException, IOException {
        calls.add("Async." + method);
        return (String) server.call("Async." + method, List.of(args));
    }

    @Override
    public void start() {
    }

    /** What close() does before it counts as closed (a slow logout, say). */
    public void onClose(Runnable closing) {
        this.closing = closing;
    }

    /** True once close() has run to its end. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closing.run();
        closed = true;
    }
}
