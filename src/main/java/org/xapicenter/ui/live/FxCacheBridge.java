package org.xapicenter.ui.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.xapicenter.cache.CacheBatch;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.cache.CacheListener;
import org.xapicenter.cache.ObjectCache;

/**
 * Carries cache batches from the cache thread to the FX thread, merged.
 *
 * <p>Batches arriving while a hand-over is already queued are folded into it, and hand-overs go
 * through an {@link FxPulse} (one per window, shared by every connection's bridge) that runs at
 * most one {@code Platform.runLater} per frame ({@link #FRAME}): an event storm on any number of
 * connections costs the FX thread one merged batch per connection per pulse, never one task per
 * event.
 */
public final class FxCacheBridge implements CacheListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FxCacheBridge.class.getName());
    /** One frame at JavaFX's 60 Hz pulse. */
    public static final Duration FRAME = Duration.ofNanos(1_000_000_000L / 60);
    private final ObjectCache cache;
    private final FxPulse pulse;
    /** One instance, so that asking the pulse again before it ran is a no-op. */
    private final Runnable drain = this::deliver;
    private final List<Consumer<CacheBatch>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Map<String, CacheChange> pending = new LinkedHashMap<>();
    private boolean pendingReset;
    private long handOvers;

    /** Hands over through {@code Platform.runLater}, at most once per frame. */
    public FxCacheBridge(ObjectCache cache) {
        this(cache, Platform::runLater, FRAME);
    }

    /**
     * @param fxExecutor runs work on the UI thread (tests pass a queue they drain themselves)
     * @param minGap the least time between two hand-overs ({@link Duration#ZERO}: as soon as queued)
     */
    public FxCacheBridge(ObjectCache cache, Executor fxExecutor, Duration minGap) {
        this(cache, new FxPulse(fxExecutor, minGap));
    }

    /** Hands over through {@code pulse}, which the window's other bridges may share. */
    public FxCacheBridge(ObjectCache cache, FxPulse pulse) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.pulse = Objects.requireNonNull(pulse, "pulse");
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
        synchronized (lock) {
            if (batch.reset()) {
                // Listeners rebuild from the cache on a reset, so older changes are moot.
                pending = new LinkedHashMap<>();
                pendingReset = true;
            }
            for (CacheChange c : batch.changes()) {
                fold(c);
            }
        }
        if (pulse.request(drain)) {
            synchronized (lock) {
                handOvers++;
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
