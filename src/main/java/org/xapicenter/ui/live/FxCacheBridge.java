package org.xapicenter.ui.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.xapicenter.cache.CacheBatch;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.cache.CacheListener;
import org.xapicenter.cache.ObjectCache;

/**
 * Carries cache batches from the cache thread to the FX thread, merged.
 *
 * <p>Batches arriving while a hand-over is already queued are folded into it, so there is at most
 * one {@code Platform.runLater} outstanding at any time, and hand-overs are spaced at least one
 * frame ({@link #FRAME}) apart: an event storm costs the FX thread at most one merged batch per
 * pulse, never one task per event.
 */
public final class FxCacheBridge implements CacheListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FxCacheBridge.class.getName());
    /** One frame at JavaFX's 60 Hz pulse. */
    public static final Duration FRAME = Duration.ofNanos(1_000_000_000L / 60);
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xapicenter-fx-pacer");
        t.setDaemon(true);
        return t;
    });

    private final ObjectCache cache;
    private final Executor fxExecutor;
    private final List<Consumer<CacheBatch>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Map<String, CacheChange> pending = new LinkedHashMap<>();
    private boolean pendingReset;
    private boolean scheduled;
    private long handOvers;
    private final long minGapNanos;
    private long lastDelivery;
    private boolean delivered;

    /** Hands over through {@code Platform.runLater}, at most once per frame. */
    public FxCacheBridge(ObjectCache cache) {
        this(cache, Platform::runLater, FRAME);
    }

    /**
     * @param fxExecutor runs work on the UI thread (tests pass a queue they drain themselves)
     * @param minGap the least time between two hand-overs ({@link Duration#ZERO}: as soon as queued)
     */
    public FxCacheBridge(ObjectCache cache, Executor fxExecutor, Duration minGap) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.minGapNanos = minGap.toNanos();
    }

    public ObjectCache cache() {
        return cache;
    }

    /** Starts listening to the cache. */
    public FxCacheBridge start() {
        cache.addListener(this);
        return this;
    }

    /** Adds a listener called on the FX thread with each merged batch. */
    public void addListener(Consumer<CacheBatch> listener) {
        listeners.add(listener);
    }

    @Override
    public void onBatch(CacheBatch batch) {
        boolean schedule;
        long wait;
        synchronized (lock) {
            if (batch.reset()) {
                // Listeners rebuild from the cache on a reset, so older changes are moot.
                pending = new LinkedHashMap<>();
                pendingReset = true;
            }
            for (CacheChange c : batch.changes()) {
                fold(c);
            }
            schedule = !scheduled;
            scheduled = true;
            if (schedule) {
                handOvers++;
            }
            wait = delivered ? lastDelivery + minGapNanos - System.nanoTime() : 0;
        }
        if (schedule) {
            if (wait <= 0) {
                handOver();
            } else {
                // The FX thread had a batch less than a frame ago: this one waits for the next pulse.
                LATER.schedule(this::handOver, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void handOver() {
        try {
            fxExecutor.execute(this::deliver);
        } catch (IllegalStateException toolkitGone) {
            // The window has closed: nothing left to update, and the cache thread must not fail.
            synchronized (lock) {
                scheduled = false;
            }
        }
    }

    private void fold(CacheChange c) {
        CacheChange earlier = pending.get(c.ref());
        if (earlier == null) {
            pending.put(c.ref(), c);
            return;
        }
        var before = earlier.before();
        var after = c.after();
        if (before == null && after == null) {
            pending.remove(c.ref()); // came and went between two pulses
            return;
        }
        CacheChange.Kind kind = before == null ? CacheChange.Kind.ADD
                : after == null ? CacheChange.Kind.DEL : CacheChange.Kind.MOD;
        String cls = after != null ? after.xapiClass() : before.xapiClass();
        pending.put(c.ref(), new CacheChange(kind, cls, c.ref(), before, after));
    }

    private void deliver() {
        CacheBatch merged;
        synchronized (lock) {
            merged = new CacheBatch(List.copyOf(pending.values()), pendingReset);
            pending = new LinkedHashMap<>();
            pendingReset = false;
            scheduled = false;
            lastDelivery = System.nanoTime();
            delivered = true;
        }
        if (!merged.reset() && merged.changes().isEmpty()) {
            return;
        }
        for (Consumer<CacheBatch> l : listeners) {
            try {
                l.accept(merged);
            } catch (RuntimeException e) {
                // One broken view must not stop the others from seeing the batch.
                LOG.log(System.Logger.Level.ERROR, "a view failed to apply a cache batch", e);
            }
        }
    }

    /** How many hand-overs to the FX thread were queued so far (for tests and diagnostics). */
    public long handOvers() {
        synchronized (lock) {
            return handOvers;
        }
    }

    @Override
    public void close() {
        cache.removeListener(this);
    }
}
