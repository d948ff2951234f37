package org.xapicenter.ui.perf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.cache.CacheListener;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.xapi.metrics.MetricsListener;
import org.xapicenter.xapi.metrics.MetricsOptions;
import org.xapicenter.xapi.metrics.MetricsWatch;
import org.xapicenter.xapi.metrics.PoolMetrics;

/**
 * Owns the {@link PoolMetrics} of each shown connection: created when a graph first needs one, closed
 * when the connection is removed or the window closes. Every connection's fetchers share one small
 * scheduler, since only the graphs on screen fetch at all. FX thread, except {@link #openWatches}.
 */
public final class ConnectionMetrics implements AutoCloseable {
    private final Map<ConnectionModel, PoolMetrics> byConnection = new HashMap<>();
    /** The cache listener of each connection's metrics, removed with them. */
    private final Map<ConnectionModel, Runnable> unlisten = new HashMap<>();
    private final Function<ConnectionModel, PoolMetrics> factory;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger openWatches = new AtomicInteger();
    private boolean closed;

    /** Real fetchers with the connection's live session; closes a connection's metrics when it goes. */
    public ConnectionMetrics(Connections connections) {
        this(connections, newScheduler(), MetricsOptions.DEFAULT);
    }

    private ConnectionMetrics(Connections connections, ScheduledExecutorService scheduler, MetricsOptions options) {
        this.scheduler = scheduler;
        this.factory = c -> new PoolMetrics(() -> c.link().transferSession(), scheduler, options);
        connections.all().addListener((ListChangeListener<ConnectionModel>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    change.getRemoved().forEach(this::forget);
                }
            }
        });
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "xapicenter-metrics-" + n.incrementAndGet());
            // Fetchers must never keep the process alive after the window closed.
            t.setDaemon(true);
            return t;
        });
        // No graph on screen, no fetch: the threads need not wait around either.
        pool.setKeepAliveTime(30, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** The connection's metrics, created on first use; null once closed. */
    public PoolMetrics of(ConnectionModel connection) {
        if (closed) {
            return null;
        }
        return byConnection.computeIfAbsent(connection, c -> {
            PoolMetrics m = factory.apply(c);
            forgetDestroyed(c, m);
            return m;
        });
    }

    /**
     * A VM or server the cache reports destroyed has no more data to come: its series are freed at once
     * rather than kept until the connection goes. (A reset batch, a reconnect, destroys nothing.)
     */
    private void forgetDestroyed(ConnectionModel c, PoolMetrics m) {
        ObjectCache cache = c.link() == null ? null : c.link().cache();
        if (cache == null) {
            return;
        }
        CacheListener listener = batch -> {
            if (batch.reset()) {
                return; // a refill after a reconnect: nothing was destroyed
            }
            for (CacheChange change : batch.changes()) {
                if (change.kind() == CacheChange.Kind.DEL && change.before() != null
                        && isGraphed(change.xapiClass()) && change.before().uuid() != null) {
                    m.forget(change.before().uuid());
                }
            }
        };
        cache.addListener(listener);
        unlisten.put(c, () -> cache.removeListener(listener));
    }

    private static boolean isGraphed(String xapiClass) {
        return "VM".equalsIgnoreCase(xapiClass) || "host".equalsIgnoreCase(xapiClass);
    }

    /** Watches a VM through the connection's metrics; the watch counts in {@link #openWatches} until closed. */
    MetricsWatch watchVm(ConnectionModel c, String vmUuid, String hostAddress, MetricsListener listener) {
        PoolMetrics m = of(c);
        return m == null ? null : counted(m.watchVm(vmUuid, hostAddress, listener));
    }

    /** Watches a host, counted like {@link #watchVm}. */
    MetricsWatch watchHost(ConnectionModel c, String hostUuid, String hostAddress, MetricsListener listener) {
        PoolMetrics m = of(c);
        return m == null ? null : counted(m.watchHost(hostUuid, hostAddress, listener));
    }

    private MetricsWatch counted(MetricsWatch watch) {
        openWatches.incrementAndGet();
        return new MetricsWatch() {
            private boolean done;

            @Override
            public long serverClockOffsetMillis() {
                return watch.serverClockOffsetMillis();
            }

            @Override
            public synchronized void close() {
                if (!done) {
                    done = true;
                    openWatches.decrementAndGet();
                    watch.close();
                }
            }
        };
    }

    /** Watches handed out and not closed yet, over every connection (tests, diagnostics). Any thread. */
    public int openWatches() {
        return openWatches.get();
    }

    /** Fetchers running now over every connection: zero once no graph is on screen (tests, diagnostics). */
    public int activeFetchers() {
        return byConnection.values().stream().mapToInt(PoolMetrics::activeFetchers).sum();
    }

    /** Whether a connection currently has metrics (created and not yet closed). */
    public boolean has(ConnectionModel connection) {
        return byConnection.containsKey(connection);
    }

    private void forget(ConnectionModel connection) {
        PoolMetrics m = byConnection.remove(connection);
        Runnable stopListening = unlisten.remove(connection);
        if (stopListening != null) {
            stopListening.run();
        }
        if (m != null) {
            closeQuietly(m);
        }
    }

    /** Stops every fetcher and the scheduler (the window closes). */
    @Override
    public void close() {
        closed = true;
        for (PoolMetrics m : List.copyOf(byConnection.values())) {
            closeQuietly(m);
        }
        byConnection.clear();
        unlisten.values().forEach(Runnable::run);
        unlisten.clear();
        scheduler.shutdownNow();
    }

    private static void closeQuietly(PoolMetrics m) {
        try {
            m.close();
        } catch (RuntimeException e) {
            // closing is best effort: the fetchers are daemons and stop with the scheduler anyway
        }
    }
}
