package org.xapicenter.xapi.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.xapicenter.rrd.TimeSeriesStore;

/**
 * The performance data of one pool connection: one {@link RrdFetcher} per host address, created when a
 * graph first watches an object there and stopped when the last watch closes, all writing into one
 * {@link TimeSeriesStore}.
 *
 * <p>Fetchers are per address, not per host: in the simulator's single-listener mode every host has the
 * same address, and that listener answers for all of them at once. Thread-safe; the methods do not
 * block: the scheduler only times the fetches, which run on this object's own cached executor of daemon
 * threads ({@code metrics-fetch-N}, closed by {@link #close}), one fetch at a time per fetcher, each
 * aborted by {@link MetricsOptions#deadlineFor its deadline} when a host trickles.
 *
 * <p>What a watch's listener hears, on a fetch thread: {@code updated(uuids)} after a merge that
 * added rows for its object (the set names every object that got rows), and after its object's full RRD
 * is in; {@code failed(sentence, error)} once per failure streak of its fetcher (also at once when it
 * joins a fetcher that is failing), then {@code updated} on the first success, even without new rows.
 * A full RRD the host does not have (404) is told once to that watch and not asked for again.
 *
 * <p>An object's series are forgotten {@link MetricsOptions#forgetAfter} after its last watch closed, or
 * sooner when more than {@link MetricsOptions#keepRecent} objects wait for that; {@link #forget} drops
 * a destroyed object's at once.
 */
public final class PoolMetrics implements AutoCloseable {
    private final SessionSource session;
    private final ScheduledExecutorService scheduler;
    private final MetricsOptions options;
    private final TimeSeriesStore store = new TimeSeriesStore();
    /** Runs every fetch (blocking I/O); the scheduler only times them. Daemon threads, closed with this. */
    private final ExecutorService io = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "metrics-fetch-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private final Map<String, RrdFetcher> fetchers = new HashMap<>();
    private final AtomicLong clockOffset = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final LongConsumer countRequests = n -> requests.addAndGet(n);
    /** Open watches per object uuid. */
    private final Map<String, Integer> open = new HashMap<>();
    /** Objects whose last watch closed, oldest first, each with the task that forgets its series. */
    private final LinkedHashMap<String, ScheduledFuture<?>> waiting = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param session the connection's live session
     */
    public PoolMetrics(SessionSource session, ScheduledExecutorService scheduler, MetricsOptions options) {
        this.session = Objects.requireNonNull(session, "session");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.options = options == null ? MetricsOptions.DEFAULT : options;
    }

    public TimeSeriesStore store() {
        return store;
    }

    /**
     * Watches a host: one full fetch of {@code /host_rrd}, then {@code rrd_updates?host=true} per archive
     * as each archive's step passes.
     *
     * @param hostAddress the host's {@code address} field; empty means the API's own address
     */
    public MetricsWatch watchHost(String hostUuid, String hostAddress, MetricsListener listener) {
        return watch(hostAddress, new RrdFetcher.Watch(true, Objects.requireNonNull(hostUuid, "hostUuid"), true,
                orNone(listener)));
    }

    /**
     * Watches a VM: one full fetch of {@code /vm_rrd?uuid=} (which the pool redirects to the VM's host),
     * then, while it runs, {@code rrd_updates} from {@code residentHostAddress}. A VM that is not running
     * ({@code residentHostAddress} null) gets only the full fetch, from the API's address.
     */
    public MetricsWatch watchVm(String vmUuid, String residentHostAddress, MetricsListener listener) {
        return watch(residentHostAddress, new RrdFetcher.Watch(false, Objects.requireNonNull(vmUuid, "vmUuid"),
                residentHostAddress != null, orNone(listener)));
    }

    /**
     * Milliseconds to add to the local clock to get the server's: the most recent measurement of any
     * fetcher (host.get_servertime). A graph should prefer its own {@link MetricsWatch#serverClockOffsetMillis}.
     */
    public long serverClockOffsetMillis() {
        return clockOffset.get();
    }

    /** The server's time now, by {@link MetricsOptions#clock} and the measured offset, in epoch milliseconds. */
    public long serverNowMillis() {
        return options.clock().millis() + clockOffset.get();
    }

    /** How many HTTP requests the fetchers have sent so far (a diagnostic, and what tests count). */
    public long requestsSent() {
        return requests.get();
    }

    /** How many fetchers run now: one per host address with at least one open watch. */
    public synchronized int activeFetchers() {
        return fetchers.size();
    }

    /**
     * Forgets every series of the object now (the cache reports it destroyed). A watch still open on it
     * keeps its updates coming, so only a destroyed object's data stays gone.
     */
    public synchronized void forget(String uuid) {
        ScheduledFuture<?> pending = waiting.remove(uuid);
        if (pending != null) {
            pending.cancel(false);
        }
        store.forget(uuid);
    }

    /** Stops every fetcher; open watches stay harmless (closing them does nothing). */
    @Override
    public void close() {
        List<RrdFetcher> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(fetchers.values());
            fetchers.clear();
            waiting.values().forEach(f -> f.cancel(false));
            waiting.clear();
        }
        all.forEach(RrdFetcher::stop);
        io.shutdown(); // a fetch still reading was aborted by stop and ends by itself
    }

    private MetricsWatch watch(String address, RrdFetcher.Watch watch) {
        String key = address == null ? "" : address.trim();
        RrdFetcher fetcher;
        synchronized (this) {
            if (closed) {
                return () -> {
                };
            }
            fetcher = fetchers.computeIfAbsent(key, a -> new RrdFetcher(a, session, scheduler, io, options, store,
                    clockOffset::set, countRequests));
            fetcher.add(watch);
            open.merge(watch.uuid, 1, Integer::sum);
            ScheduledFuture<?> pending = waiting.remove(watch.uuid);
            if (pending != null) {
                pending.cancel(false); // watched again before it was forgotten: its rows are still there
            }
        }
        return new MetricsWatch() {
            private boolean done;

            @Override
            public long serverClockOffsetMillis() {
                return fetcher.clockOffsetMillis().orElse(clockOffset.get());
            }

            @Override
            public void close() {
                synchronized (PoolMetrics.this) {
                    if (done) {
                        return;
                    }
                    done = true;
                    if (fetcher.remove(watch) && fetchers.get(key) == fetcher) {
                        fetchers.remove(key);
                    }
                    if (!closed && open.merge(watch.uuid, -1, Integer::sum) <= 0) {
                        open.remove(watch.uuid);
                        forgetLaterLocked(watch.uuid);
                    }
                }
            }
        };
    }

    /**
     * The object's series stay a while after its last watch closed, so switching back to it is instant,
     * and then go: a host reports its VMs for as long as it runs, and a long session must not keep them all.
     */
    private void forgetLaterLocked(String uuid) {
        ScheduledFuture<?> task;
        try {
            task = scheduler.schedule(() -> forgetIfUnwatched(uuid), options.forgetAfter().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            store.forget(uuid); // the scheduler is closing with the connection
            return;
        }
        waiting.put(uuid, task);
        while (waiting.size() > options.keepRecent()) {
            Map.Entry<String, ScheduledFuture<?>> eldest = waiting.entrySet().iterator().next();
            waiting.remove(eldest.getKey());
            eldest.getValue().cancel(false);
            store.forget(eldest.getKey());
        }
    }

    private synchronized void forgetIfUnwatched(String uuid) {
        if (waiting.remove(uuid) != null && !open.containsKey(uuid)) {
            store.forget(uuid);
        }
    }

    private static MetricsListener orNone(MetricsListener listener) {
        return listener != null ? listener : uuids -> {
        };
    }
}
