package org.xapicenter.ui.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import org.xapicenter.cache.ConnectionState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.xapicenter.cache.CacheBatch;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.live.FxCacheBridge;
import org.xapicenter.ui.live.FxPulse;

/** Every connection the window shows (FX thread). Starting one never blocks the FX thread. */
public final class Connections {
    private final ObservableList<ConnectionModel> all = FXCollections.observableArrayList();
    private final Function<ServerLogin, PoolLink> linkFactory;
    private final Executor background;
    private final List<BiConsumer<ConnectionModel, CacheBatch>> batchListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionModel>> stateListeners = new CopyOnWriteArrayList<>();
    /** Each shown connection's forwarder to {@link #stateListeners}, taken off when it is removed. */
    private final Map<ConnectionModel, ChangeListener<ConnectionState>> stateForwarders = new HashMap<>();

    private final Executor fx;
    /** Every connection's live updates reach the FX thread through this one pacer. */
    private final FxPulse pulse;

    /** The window's connections: cache batches reach the FX thread at most once per frame. */
    public Connections(Function<ServerLogin, PoolLink> linkFactory, Executor background) {
        this(linkFactory, background, Platform::runLater, FxCacheBridge.FRAME);
    }

    /**
     * @param fx runs work on the UI thread ({@code Platform::runLater}; tests may run it inline)
     * @param handOverGap least time between two hand-overs to {@code fx}, for all connections together
     */
    public Connections(Function<ServerLogin, PoolLink> linkFactory, Executor background, Executor fx,
            Duration handOverGap) {
        this.linkFactory = Objects.requireNonNull(linkFactory);
        this.background = Objects.requireNonNull(background);
        this.fx = Objects.requireNonNull(fx);
        this.pulse = new FxPulse(fx, Objects.requireNonNull(handOverGap));
    }

    /** Runs work on the UI thread. */
    public Executor fx() {
        return fx;
    }

    /** How many hand-overs of live updates (batches, state changes) went to the UI thread so far. */
    public long handOvers() {
        return pulse.handOvers();
    }

    public ObservableList<ConnectionModel> all() {
        return all;
    }

    /** Told on the FX thread of every merged batch of every connection. */
    public void addBatchListener(BiConsumer<ConnectionModel, CacheBatch> listener) {
        batchListeners.add(listener);
    }

    /**
     * Told on the FX thread whenever a shown connection's state changes. Views listen here rather
     * than on each connection, so a removed connection holds nothing of theirs.
     */
    public void addStateListener(Consumer<ConnectionModel> listener) {
        stateListeners.add(listener);
    }

    public Executor background() {
        return background;
    }

    /** Creates a connection for {@code login} and starts it in the background; clears the password. */
    public ConnectionModel connect(ServerLogin login) {
        PoolLink link;
        try {
            link = linkFactory.apply(login);
        } finally {
            // The connection keeps its own copy; ours should not linger in memory.
            java.util.Arrays.fill(login.password(), '\0');
        }
        return add(link);
    }

    /** Shows an existing link (started here, off the FX thread). */
    public ConnectionModel add(PoolLink link) {
        return add(link, all.size());
    }

    /**
     * Puts a new link where {@code old} was (a saved server connecting or disconnecting keeps its place
     * in the tree) and closes the old one in the background.
     */
    public ConnectionModel replace(ConnectionModel old, PoolLink link) {
        int at = all.indexOf(old);
        if (at < 0) {
            return add(link);
        }
        remove(old);
        return add(link, at);
    }

    private ConnectionModel add(PoolLink link, int at) {
        FxCacheBridge bridge = new FxCacheBridge(link.cache(), pulse);
        ConnectionModel model = new ConnectionModel(link, bridge, pulse);
        bridge.addListener(batch -> batchListeners.forEach(l -> l.accept(model, batch)));
        // Listen before the views read the cache: a batch landing in between is then delivered
        // (later, on this thread) instead of lost; applying it twice is harmless.
        bridge.start();
        ChangeListener<ConnectionState> forward = (o, was, now) -> stateListeners.forEach(l -> l.accept(model));
        model.stateProperty().addListener(forward);
        stateForwarders.put(model, forward);
        all.add(Math.min(at, all.size()), model);
        background.execute(() -> {
            try {
                link.start();
            } catch (RuntimeException e) {
                // the link reports the failure through its state and lastError
            }
            pulse.execute(model::refreshState);
        });
        return model;
    }

    /** Closes one connection and removes it from the window; the logout runs in the background. */
    public void remove(ConnectionModel model) {
        detach(model);
        Runnable close = () -> closeQuietly(model.link());
        try {
            background.execute(close);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: still log out, on a thread of its own rather than the FX thread
            closeOnOwnThread(model.link());
        }
    }

    /**
     * Closes every connection (window closing) and waits at most {@code wait} for their logouts:
     * the process exits right after, and a session left open stays on the server until it expires.
     *
     * @return true if every connection finished closing in time
     */
    public boolean closeAll(Duration wait) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (ConnectionModel m : List.copyOf(all)) {
            detach(m);
            // A thread each rather than the background pool: its threads may all be stuck in calls.
            closing.add(closeOnOwnThread(m.link()));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void detach(ConnectionModel model) {
        all.remove(model);
        model.bridge().close();
        ChangeListener<ConnectionState> forward = stateForwarders.remove(model);
        if (forward != null) {
            model.stateProperty().removeListener(forward);
        }
    }

    private static CompletableFuture<Void> closeOnOwnThread(PoolLink link) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            closeQuietly(link);
            done.complete(null);
        }, "xapicenter-close");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static void closeQuietly(PoolLink link) {
        try {
            link.close();
        } catch (RuntimeException e) {
            // nothing left to tell the user: the window is going away or the connection already is
        }
    }
}
