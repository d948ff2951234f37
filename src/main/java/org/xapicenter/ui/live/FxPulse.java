package org.xapicenter.ui.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The window's one door to the FX thread for live updates: work requested from any thread waits
 * in a set and is run together in a single hand-over, at most one per frame. However many
 * connections are busy, the FX thread gets one {@code Platform.runLater} per pulse, not one each.
 *
 * <p>Requesting the same Runnable instance again before it ran is a no-op, so a source that
 * keeps one drain Runnable is run once per hand-over however often it asks.
 */
public final class FxPulse implements Executor {
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xapicenter-fx-pacer");
        t.setDaemon(true);
        return t;
    });

    private final Executor fx;
    private final long minGapNanos;
    private final Object lock = new Object();
    private Set<Runnable> pending = new LinkedHashSet<>();
    private boolean outstanding;
    private boolean delivered;
    private long lastDelivery;
    private long handOvers;

    /**
     * @param fx runs work on the UI thread ({@code Platform::runLater}; tests pass a queue or run inline)
     * @param minGap the least time between two hand-overs ({@link Duration#ZERO}: as soon as asked)
     */
    public FxPulse(Executor fx, Duration minGap) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.minGapNanos = minGap.toNanos();
    }

    /** Same as {@link #request}: runs {@code work} on the FX thread with the next hand-over. */
    @Override
    public void execute(Runnable work) {
        request(work);
    }

    /**
     * Runs {@code work} on the FX thread with the next hand-over.
     *
     * @return false if that very Runnable was already waiting
     */
    public boolean request(Runnable work) {
        boolean added;
        boolean schedule;
        long wait;
        synchronized (lock) {
            added = pending.add(work);
            schedule = !outstanding;
            outstanding = true;
            if (schedule) {
                handOvers++;
            }
            wait = delivered ? lastDelivery + minGapNanos - System.nanoTime() : 0;
        }
        if (schedule) {
            if (wait <= 0) {
                handOver();
            } else {
                // The FX thread had a hand-over less than a frame ago: this one waits for the next pulse.
                LATER.schedule(this::handOver, wait, TimeUnit.NANOSECONDS);
            }
        }
        return added;
    }

    private void handOver() {
        try {
            fx.execute(this::runPending);
        } catch (IllegalStateException toolkitGone) {
            // The window has closed: nothing left to update, and the calling thread must not fail.
            synchronized (lock) {
                pending = new LinkedHashSet<>();
                outstanding = false;
            }
        }
    }

    private void runPending() {
        List<Runnable> now;
        synchronized (lock) {
            now = new ArrayList<>(pending);
            pending = new LinkedHashSet<>();
            // Work asked for while these run gets a hand-over of its own, a frame later.
            outstanding = false;
            delivered = true;
            lastDelivery = System.nanoTime();
        }
        for (Runnable r : now) {
            r.run();
        }
    }

    /** How many hand-overs to the FX thread were queued so far (for tests and diagnostics). */
    public long handOvers() {
        synchronized (lock) {
            return handOvers;
        }
    }
}
