package org.xapicenter.sim.rrd;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.xapicenter.sim.store.Change;
import org.xapicenter.sim.store.ChangeSet;
import org.xapicenter.sim.store.ObjectStore;

/**
 * When each VM ran, in O(1) per VM: since when its data exists, its last start and its last stop. That is
 * enough to say whether a VM was running at a time (its RRD has data then) and how long it had been up
 * (a started VM ramps up). VMs present when the simulator started have a year of history; one halted then
 * stopped a few days before (deterministically from its uuid and the day), so its archived RRD has history
 * to serve. Power changes are read from the store's change log when asked ({@link #sync}), whoever made
 * them (VM.start, churn, imports), with the time the store recorded.
 */
public final class PowerHistory {
    static final long NEVER = Long.MIN_VALUE;

    /** One VM's life; {@code born} is when its RRD began (NEVER: before any archive reaches). */
    public record Life(long born, long lastStart, long lastStop, boolean running) {
        /** Whether the VM ran at {@code t} (seconds). */
        public boolean runningAt(double t) {
            if (born != NEVER && t < born) {
                return false;
            }
            if (running) {
                return t >= lastStart || lastStop == NEVER || t < lastStop;
            }
            return t < lastStop;
        }

        /** Seconds it had been up at {@code t}; large when it was up long before. */
        public double upFor(double t) {
            return lastStart != NEVER && t >= lastStart ? t - lastStart : 1e9;
        }

        /** When its RRD was last updated: now while it runs, else its stop. */
        public long lastUpdate(long now) {
            return running ? now : lastStop;
        }

        /** Whether any RRD exists for it (a VM never started has none). */
        public boolean hasRrd() {
            return running || born != Long.MAX_VALUE;
        }
    }

    private final ObjectStore store;
    private final long seed;
    private final Map<String, Life> lives = new HashMap<>();
    private long seen;

    public PowerHistory(ObjectStore store, long seed, long now) {
        this.store = store;
        this.seed = seed;
        synchronized (this) {
            store.atomically(() -> {
                seen = store.generation();
                for (String vm : store.refs("VM")) {
                    String state = store.getString(vm, "power_state");
                    if (state == null) {
                        continue;
                    }
                    if (Boolean.TRUE.equals(store.get(vm, "is_a_template"))
                            || Boolean.TRUE.equals(store.get(vm, "is_a_snapshot"))) {
                        // Templates and snapshots never ran: they have no RRD.
                        lives.put(vm, new Life(Long.MAX_VALUE, NEVER, Long.MAX_VALUE, false));
                        continue;
                    }
                    lives.put(vm, isRunning(state) ? new Life(NEVER, NEVER, NEVER, true)
                            : new Life(NEVER, NEVER, stoppedBefore(store.getString(vm, "uuid"), now), false));
                }
            });
        }
    }

    static boolean isRunning(String powerState) {
        return "Running".equals(powerState) || "Paused".equals(powerState);
    }

    /** A stop one to seven days before today (UTC), the same all day for the same seed and VM. */
    private long stoppedBefore(String uuid, long now) {
        long day = Math.floorDiv(now, 86_400L) * 86_400L;
        long h = Workload.mix(seed, String.valueOf(uuid).hashCode(), 7) >>> 1;
        return day - (1 + h % 7) * 86_400L + (h / 7) % 86_400L;
    }

    /** The life of {@code vm} as of the last {@link #sync}; null when the VM is unknown. */
    public synchronized Life life(String vm) {
        return lives.get(vm);
    }

    /** Reads the power changes made since the last call. */
    public synchronized void sync() {
        ChangeSet changes = store.changesSince(seen, (cls, ref) -> cls.name().equals("VM"));
        for (Change c : changes.changes()) {
            if (c.snapshot() == null) {
                lives.remove(c.ref());
                continue;
            }
            boolean running = isRunning((String) c.snapshot().get("power_state"));
            long when = seconds(c.timestamp());
            Life old = lives.get(c.ref());
            if (old == null) {
                // Created since the simulator started: no RRD until it first runs.
                lives.put(c.ref(), running ? new Life(when, when, NEVER, true)
                        : new Life(Long.MAX_VALUE, NEVER, Long.MAX_VALUE, false));
            } else if (running && !old.running()) {
                long born = old.born() == Long.MAX_VALUE ? when : old.born();
                lives.put(c.ref(), new Life(born, when, old.lastStop(), true));
            } else if (!running && old.running()) {
                lives.put(c.ref(), new Life(old.born(), old.lastStart(), when, false));
            }
        }
        seen = changes.generation();
    }

    private static long seconds(Instant t) {
        return t == null ? System.currentTimeMillis() / 1000 : t.getEpochSecond();
    }
}
