package org.xapicenter.xapi.metrics;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.LegendEntry;
import org.xapicenter.rrd.RrdDump;
import org.xapicenter.rrd.RrdDumpParser;
import org.xapicenter.rrd.RrdUpdate;
import org.xapicenter.rrd.TimeSeriesStore;
import org.xapicenter.rrd.XportParser;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.sidechannel.SideChannel;

/**
 * Fetches the performance data of everything watched at one host address: first one full RRD per
 * watched object, then {@code rrd_updates} per archive whenever that archive's step has passed since its
 * last fetch, starting one step before the newest row held (so nothing is missed; the store drops the
 * row it already has). One fetch at a time, timed by the shared scheduler and run on the I/O executor
 * (blocking reads never hold the scheduler); each request has a whole-request deadline. Nothing is scheduled
 * while no watch wants updates, and nothing at all once {@link #stop stopped}.
 *
 * <p>A failure (the host down, a timeout, a 5xx, a malformed document) is told to the listeners once per
 * streak and retried after {@link MetricsOptions#retryDelay}, doubling up to a minute; the first success
 * after it is told as {@link MetricsListener#updated}, even when it brought no new row.
 */
final class RrdFetcher {
    static final long MAX_RETRY_MILLIS = 60_000;
    /** How far inside an archive's reach a first start stays (see {@link #startOf}). */
    static final long START_MARGIN_SECONDS = 10;

    /** One watch on this address. */
    static final class Watch {
        final boolean host;
        final String uuid;
        final boolean updates;
        final MetricsListener listener;

        /** @param updates whether the object has new data here (a host, a VM running on it) */
        Watch(boolean host, String uuid, boolean updates, MetricsListener listener) {
            this.host = host;
            this.uuid = uuid;
            this.updates = updates;
            this.listener = listener;
        }
    }

    private final String address;
    private final SessionSource sessions;
    private final ScheduledExecutorService scheduler;
    /** Runs the fetches: blocking I/O never holds the scheduler, which only times them. */
    private final Executor io;
    private final MetricsOptions options;
    private final TimeSeriesStore store;
    private final LongConsumer clockOffset;

    private final Object lock = new Object();
    private final List<Watch> watches = new ArrayList<>();
    private final Deque<Watch> pendingDumps = new ArrayDeque<>();
    /** Local clock millis of each archive's last successful fetch (a full RRD counts for every archive). */
    private final Map<Archive, Long> lastFetch = new EnumMap<>(Archive.class);
    /** Every watched object this address sent data for: the newest row among them is where updates resume. */
    private final Set<String> objects = new HashSet<>();
    private ScheduledFuture<?> next;
    /** Which scheduled tick is the live one: a tick that was replaced while it waited for the lock stands down. */
    private long generation;
    private boolean running;
    private boolean stopped;
    private boolean clockMeasured;
    private long offsetMillis;
    private boolean offsetKnown;
    private Exception streak;
    private long retryMillis;
    private volatile SideChannel.Connection inFlight;
    private final LongConsumer requests;

    /**
     * @param address the host's address, or empty for the API's own
     * @param clockOffset told each measured server clock offset
     * @param requests told of each request sent (tests count them), may be null
     */
    RrdFetcher(String address, SessionSource sessions, ScheduledExecutorService scheduler, Executor io,
               MetricsOptions options, TimeSeriesStore store, LongConsumer clockOffset, LongConsumer requests) {
        this.address = address;
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.io = io;
        this.options = options;
        this.store = store;
        this.clockOffset = clockOffset;
        this.requests = requests;
        this.retryMillis = firstRetryMillis();
    }

    String address() {
        return address;
    }

    /** The clock offset of the host read here, once measured (else empty). */
    OptionalLong clockOffsetMillis() {
        synchronized (lock) {
            return offsetKnown ? OptionalLong.of(offsetMillis) : OptionalLong.empty();
        }
    }

    /** Adds a watch: its object's full RRD is fetched next. */
    void add(Watch watch) {
        Exception failing;
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("fetcher stopped");
            }
            watches.add(watch);
            pendingDumps.add(watch);
            failing = streak;
            if (!running && failing == null) {
                scheduleLocked(0);
            }
        }
        if (failing != null) {
            // the new graph learns of the failure at once, on a fetcher thread as listeners expect
            try {
                io.execute(() -> tell(watch.listener, l -> l.failed(FetchFailure.sentence(failing), failing)));
            } catch (RejectedExecutionException e) {
                // the connection is closing
            }
        }
    }

    /** Removes a watch; returns true when none remains (the fetcher has then stopped). */
    boolean remove(Watch watch) {
        SideChannel.Connection abort = null;
        synchronized (lock) {
            watches.remove(watch);
            pendingDumps.remove(watch);
            if (watches.stream().noneMatch(w -> w.uuid.equals(watch.uuid))) {
                objects.remove(watch.uuid); // its rows no longer say where this address's updates resume
            }
            if (!watches.isEmpty()) {
                return false;
            }
            stopLocked();
            abort = inFlight;
        }
        if (abort != null) {
            abort.abort();
        }
        return true;
    }

    /** Stops for good: no request is sent after this returns, and one in flight is aborted. */
    void stop() {
        SideChannel.Connection abort;
        synchronized (lock) {
            stopLocked();
            abort = inFlight;
        }
        if (abort != null) {
            abort.abort();
        }
    }

    private void stopLocked() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private void scheduleLocked(long delayMillis) {
        if (stopped) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        long ticket = ++generation;
        try {
            next = scheduler.schedule(() -> runTick(ticket), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            next = null; // the scheduler is shutting down with the connection
        }
    }

    /** Hands the tick to the I/O executor: the scheduler's few threads only keep time. */
    private void runTick(long ticket) {
        try {
            io.execute(() -> tick(ticket));
        } catch (RejectedExecutionException e) {
            // the connection is closing
        }
    }

    /** One fetch, then the next one scheduled. Never throws: the executor would drop the fetcher. */
    private void tick(long ticket) {
        Watch dump;
        Archive archive = null;
        boolean hostData;
        List<String> vms;
        Set<String> wanted;
        synchronized (lock) {
            if (stopped || ticket != generation || running) {
                return; // replaced by a later schedule while it waited for the lock: one fetch at a time
            }
            next = null;
            running = true;
            dump = pendingDumps.peek();
            hostData = watches.stream().anyMatch(w -> w.host);
            vms = liveVmsLocked();
            wanted = watchedLocked();
            if (dump == null) {
                archive = dueArchive(options.clock().millis());
                if (archive == null) {
                    running = false;
                    scheduleNextLocked();
                    return;
                }
            }
        }
        Set<String> fresh = null;
        Exception failure = null;
        try {
            measureClockOnce();
            fresh = dump != null ? fetchDump(dump) : fetchUpdate(archive, hostData, vms, wanted);
        } catch (IOException | XapiException | RuntimeException e) {
            failure = e;
        }
        afterFetch(dump, archive, fresh, failure);
    }

    private void afterFetch(Watch dump, Archive archive, Set<String> fresh, Exception failure) {
        List<MetricsListener> told = new ArrayList<>();
        boolean recovered = false;
        boolean newFailure = false;
        boolean dumpNotFound = failure instanceof FetchFailure f && f.notFound() && dump != null;
        synchronized (lock) {
            running = false;
            if (stopped) {
                return;
            }
            long now = options.clock().millis();
            if (failure == null || dumpNotFound) {
                if (dump != null) {
                    pendingDumps.remove(dump);
                    if (failure == null) {
                        for (Archive a : Archive.values()) {
                            lastFetch.putIfAbsent(a, now);
                        }
                    }
                } else {
                    lastFetch.put(archive, now);
                }
                if (failure == null && streak != null) {
                    recovered = true;
                    clockMeasured = false; // a host back from an outage may have a new clock
                    streak = null;
                    retryMillis = firstRetryMillis();
                }
                for (Watch w : watches) {
                    if (dumpNotFound ? w == dump : recovered || w == dump || fresh.contains(w.uuid)) {
                        told.add(w.listener);
                    }
                }
                scheduleNextLocked();
            } else {
                newFailure = streak == null;
                streak = failure;
                if (newFailure) {
                    for (Watch w : watches) {
                        told.add(w.listener);
                    }
                }
                scheduleLocked(retryMillis);
                retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            }
        }
        if (failure != null) {
            String sentence = FetchFailure.sentence(failure);
            Exception error = failure;
            told.forEach(l -> tell(l, x -> x.failed(sentence, error)));
        } else {
            Set<String> uuids = Set.copyOf(fresh);
            told.forEach(l -> tell(l, x -> x.updated(uuids)));
        }
    }

    private void scheduleNextLocked() {
        if (!pendingDumps.isEmpty()) {
            scheduleLocked(0);
            return;
        }
        if (watches.stream().noneMatch(w -> w.updates)) {
            return; // only halted VMs here: their history is all there is
        }
        long now = options.clock().millis();
        long soonest = Long.MAX_VALUE;
        for (Archive a : Archive.values()) {
            Long last = lastFetch.get(a);
            long due = last == null ? now : last + a.step() * 1000;
            soonest = Math.min(soonest, due);
        }
        scheduleLocked(soonest - now);
    }

    /** The archive whose step has passed since its last fetch (the finest first), or null. */
    private Archive dueArchive(long now) {
        if (watches.stream().noneMatch(w -> w.updates)) {
            return null;
        }
        for (Archive a : Archive.values()) {
            Long last = lastFetch.get(a);
            if (last == null || now - last >= a.step() * 1000) {
                return a;
            }
        }
        return null;
    }

    private void measureClockOnce() {
        String hostUuid;
        synchronized (lock) {
            if (clockMeasured) {
                return;
            }
            // once per start and per recovery: while the host is down, retries must not wait on the API too
            clockMeasured = true;
            hostUuid = watches.stream().filter(w -> w.host).map(w -> w.uuid).findFirst().orElse(null);
        }
        try {
            long offset = ServerClock.offsetMillis(sessions.current(), hostUuid, address, options.clock());
            synchronized (lock) {
                offsetMillis = offset;
                offsetKnown = true;
            }
            clockOffset.accept(offset);
        } catch (IOException | XapiException | RuntimeException e) {
            // the fetch that follows says what is wrong with the host; the clock is measured next time
        }
    }

    private Set<String> fetchDump(Watch watch) throws IOException, XapiException {
        String type = watch.host ? "host" : "vm";
        List<Map.Entry<String, String>> query = List.of(Map.entry("uuid", watch.uuid));
        RrdDump dump = request(watch.host ? "/host_rrd" : "/vm_rrd", query,
                in -> RrdDumpParser.parse(in, type, watch.uuid, options.limits()));
        synchronized (lock) {
            if (!watches.contains(watch)) {
                return Set.of(); // closed during the request: its object may be forgotten now
            }
        }
        Map<Archive, OptionalLong> before = new EnumMap<>(Archive.class);
        for (Archive a : Archive.values()) {
            before.put(a, store.lastTime(a, watch.uuid));
        }
        store.merge(dump);
        Set<String> fresh = new LinkedHashSet<>();
        for (Archive a : Archive.values()) {
            if (newer(store.lastTime(a, watch.uuid), before.get(a))) {
                fresh.add(watch.uuid);
            }
        }
        synchronized (lock) {
            objects.add(watch.uuid);
        }
        return fresh;
    }

    /**
     * The VMs running here that are watched. The VM filter applies whether or not {@code host=true} is sent;
     * see {@link #updateQuery} for how they are asked for.
     */
    private List<String> liveVmsLocked() {
        Set<String> vms = new LinkedHashSet<>();
        for (Watch w : watches) {
            if (!w.host && w.updates) {
                vms.add(w.uuid);
            }
        }
        return new ArrayList<>(vms);
    }

    /** The uuids of every object watched here: the only columns an update may bring into the store. */
    private Set<String> watchedLocked() {
        Set<String> uuids = new HashSet<>();
        for (Watch w : watches) {
            uuids.add(w.uuid);
        }
        return uuids;
    }

    /**
     * The query of an update. One watched VM is asked for by {@code vm_uuid=} and none by
     * {@code vm_uuid=none}, which every xcp-rrdd understands, so a host with thousands of VMs sends only what
     * is shown. Several VMs are not named: xcp-rrdd takes {@code vm_uuid} several times only since xen-api
     * 1acecd6cf6 (v26.10, 2026-03) and an older host would answer with the first VM alone; without the
     * parameter every host sends all its VMs and the parser's column filter keeps the watched ones.
     */
    static List<Map.Entry<String, String>> updateQuery(Archive archive, long start, boolean hostData, List<String> vms,
                                                       boolean json) {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        query.add(Map.entry("start", Long.toString(start)));
        query.add(Map.entry("cf", "AVERAGE"));
        query.add(Map.entry("interval", Long.toString(archive.step())));
        if (hostData) {
            query.add(Map.entry("host", "true"));
        }
        if (vms.isEmpty()) {
            query.add(Map.entry("vm_uuid", "none"));
        } else if (vms.size() == 1) {
            query.add(Map.entry("vm_uuid", vms.get(0)));
        }
        if (json) {
            query.add(Map.entry("json", "true"));
        }
        return query;
    }

    private Set<String> fetchUpdate(Archive archive, boolean hostData, List<String> vms, Set<String> wanted)
            throws IOException, XapiException {
        long start = startOf(archive);
        List<Map.Entry<String, String>> query = updateQuery(archive, start, hostData, vms, options.json());
        // a host that ignores vm_uuid (an older one, rrdtool): unwatched columns are never even stored
        java.util.function.Predicate<org.xapicenter.rrd.SeriesKey> keep = key -> wanted.contains(key.uuid());
        RrdUpdate parsed = request("/rrd_updates", query, in -> options.json()
                ? XportParser.parseJson(in, options.limits(), keep) : XportParser.parseXml(in, options.limits(), keep));
        Set<String> stillWanted;
        synchronized (lock) {
            stillWanted = watchedLocked(); // a watch closed during the request: its object may be forgotten now
        }
        stillWanted.retainAll(wanted);
        RrdUpdate update = Columns.keepOnly(parsed, stillWanted);
        Set<String> uuids = new LinkedHashSet<>();
        for (LegendEntry e : update.columns()) {
            uuids.add(e.key().uuid());
        }
        Map<String, OptionalLong> before = new HashMap<>();
        for (String uuid : uuids) {
            before.put(uuid, store.lastTime(archive, uuid));
        }
        // an update whose step is not the archive's (a host that ignored interval) is merged where it belongs
        store.merge(update);
        Archive merged = update.archive() != null ? update.archive() : archive;
        Set<String> fresh = new LinkedHashSet<>();
        for (String uuid : uuids) {
            if (merged == archive ? newer(store.lastTime(archive, uuid), before.get(uuid))
                    : update.rowCount() > 0) {
                fresh.add(uuid);
            }
        }
        synchronized (lock) {
            objects.addAll(uuids);
        }
        return fresh;
    }

    /**
     * One step before the newest row held for the archive from this address, in the host's time; without
     * any, or when that is beyond the archive's reach, the archive's whole span back from the host's now.
     *
     * <p>The host picks the archive by {@code start} as well as by {@code interval}: a start it no longer
     * holds in the archive asked for gets the next coarser one, so the start stays inside the span, with a
     * margin for the clock offset's error and for the host's rounding down to its 5 s beat.
     */
    private long startOf(Archive archive) {
        List<String> here;
        long offset;
        synchronized (lock) {
            here = new ArrayList<>(objects);
            offset = offsetMillis;
        }
        long serverNow = (options.clock().millis() + offset) / 1000;
        long oldestReachable = serverNow - archive.span().getSeconds() + Math.max(archive.step(), START_MARGIN_SECONDS);
        long newest = Long.MIN_VALUE;
        for (String uuid : here) {
            OptionalLong t = store.lastTime(archive, uuid);
            if (t.isPresent()) {
                newest = Math.max(newest, t.getAsLong());
            }
        }
        return newest == Long.MIN_VALUE ? oldestReachable : Math.max(newest - archive.step(), oldestReachable);
    }

    private <T> T request(String path, List<Map.Entry<String, String>> query, RrdRequest.BodyReader<T> reader)
            throws IOException, XapiException {
        synchronized (lock) {
            if (stopped) {
                throw new IOException("stopped");
            }
        }
        if (requests != null) {
            requests.accept(1);
        }
        return new RrdRequest(sessions, path, query, options.limits().maxBytes(), this::inFlight, scheduler, options)
                .get(address, reader);
    }

    private void inFlight(SideChannel.Connection connection) {
        boolean abort;
        synchronized (lock) {
            inFlight = connection;
            abort = stopped && connection != null;
        }
        if (abort) {
            connection.abort(); // stopped while connecting: the request is not sent whole
        }
    }

    private static boolean newer(OptionalLong after, OptionalLong before) {
        return after.isPresent() && (before.isEmpty() || after.getAsLong() > before.getAsLong());
    }

    private long firstRetryMillis() {
        return Math.max(1, Math.min(MAX_RETRY_MILLIS, options.retryDelay().toMillis()));
    }

    private static void tell(MetricsListener listener, java.util.function.Consumer<MetricsListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            // a listener's bug must not stop the data of every other graph
        }
    }
}
