package org.xapicenter.ui.connect;

import java.io.IOException;
import java.util.function.Consumer;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.xapi.XapiException;

/**
 * What the window needs of one pool connection: its live cache, its state and a way to call the
 * API. {@link PoolConnectionLink} is the real one; tests may feed a cache of their own.
 */
public interface PoolLink extends AutoCloseable {
    /** The server as the user typed it, for titles. */
    String label();

    ObjectCache cache();

    ConnectionState state();

    /** The error behind FAILED/RECONNECTING, else null. */
    Exception lastError();

    /** Told on any thread whenever the state changes. */
    void addStateListener(Consumer<ConnectionState> listener);

    /** Blocking call of {@code method} (session prepended). Never call on the FX thread. */
    Object call(String method, Object... args) throws XapiException, IOException;

    /** Blocking call of {@code Async.method}; returns the task ref. Never call on the FX thread. */
    String callAsync(String method, Object... args) throws XapiException, IOException;

    /**
     * Opens the byte stream of an RFB console ({@code CONNECT /console} with this connection's
     * session and TLS trust); the socket then carries RFB. Blocking: never call on the FX thread.
     */
    default java.net.Socket openConsole(org.xapicenter.xapi.record.Console console) throws XapiException, IOException {
        throw new IOException("This connection cannot open consoles.");
    }

    /**
     * The live API session, for XVA transfers that run on their own HTTP connection with the same
     * session and TLS trust. Blocking: never call on the FX thread.
     */
    default org.xapicenter.xapi.XapiSession transferSession() throws IOException {
        throw new IOException("This connection cannot transfer files.");
    }

    /** When the next reconnect attempt starts, while reconnecting and waiting; else empty. */
    default java.util.Optional<java.time.Instant> nextAttempt() {
        return java.util.Optional.empty();
    }

    /** Whether the server refused the password (the window asks for it once; no retry loop). */
    default boolean passwordRefused() {
        return false;
    }

    /** The pool's uuid once connected (to refuse the same pool twice), else empty. */
    default java.util.Optional<String> poolUuid() {
        return java.util.Optional.empty();
    }

    /** The pool's hosts' addresses as last seen, to save for failover. */
    default java.util.List<String> knownMembers() {
        return java.util.List.of();
    }

    /** Starts connecting; returns at once. */
    void start();

    @Override
    void close();
}
