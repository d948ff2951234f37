package org.xapicenter.ui.connect;

import java.io.IOException;
import java.util.function.Consumer;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.cache.PoolConnection;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.xapi.XapiException;

/** A {@link PoolLink} over a real {@link PoolConnection}. */
public final class PoolConnectionLink implements PoolLink {
    private final PoolConnection connection;
    private final String name;

    public PoolConnectionLink(PoolConnection connection) {
        this(connection, "");
    }

    public PoolConnectionLink(PoolConnection connection, String name) {
        this.connection = connection;
        this.name = name == null ? "" : name;
    }

    public static PoolConnectionLink open(ServerLogin login) {
        return new PoolConnectionLink(new PoolConnection(login.settings(), login.user(), login.password()), login.name());
    }

    @Override
    public String label() {
        return name.isBlank() ? connection.serverLabel() : name;
    }

    @Override
    public ObjectCache cache() {
        return connection.cache();
    }

    @Override
    public ConnectionState state() {
        return connection.state();
    }

    @Override
    public Exception lastError() {
        return connection.lastError();
    }

    @Override
    public void addStateListener(Consumer<ConnectionState> listener) {
        connection.addStateListener(listener);
    }

    @Override
    public Object call(String method, Object... args) throws XapiException, IOException {
        return session().call(method, args);
    }

    @Override
    public String callAsync(String method, Object... args) throws XapiException, IOException {
        return session().callAsync(method, args);
    }

    @Override
    public org.xapicenter.xapi.XapiSession transferSession() throws IOException {
        return session();
    }

    private org.xapicenter.xapi.XapiSession session() throws IOException {
        try {
            return connection.session();
        } catch (IllegalStateException e) {
            throw new IOException("not connected", e);
        }
    }

    @Override
    public java.net.Socket openConsole(org.xapicenter.xapi.record.Console console) throws XapiException, IOException {
        return org.xapicenter.xapi.console.Consoles.open(session(), console);
    }

    @Override
    public java.util.Optional<java.time.Instant> nextAttempt() {
        return connection.nextAttempt();
    }

    @Override
    public boolean passwordRefused() {
        return connection.passwordRefused();
    }

    @Override
    public java.util.Optional<String> poolUuid() {
        return connection.poolUuid();
    }

    @Override
    public java.util.List<String> knownMembers() {
        return connection.knownMembers();
    }

    /** The connection underneath (for wiring that needs more than the window's view of it). */
    public PoolConnection connection() {
        return connection;
    }

    @Override
    public void start() {
        connection.start();
    }

    @Override
    public void close() {
        connection.close();
    }
}
