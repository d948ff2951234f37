package org.xapicenter.sim.rpc;

import java.time.Duration;
import java.util.Map;

/**
 * How long simulated operations take. Demo (base 2 s): 1.5-3 s, so a person sees progress bars
 * move; tests: milliseconds. Each operation has a weight relative to the base duration, so a reboot looks longer
 * than a pause, deterministically.
 */
public final class Pacing {
    private static final Map<String, Double> WEIGHTS = Map.ofEntries(
            Map.entry("start", 1.0), Map.entry("resume", 0.9), Map.entry("clean_shutdown", 0.9),
            Map.entry("hard_shutdown", 0.75), Map.entry("clean_reboot", 1.5), Map.entry("hard_reboot", 1.1),
            Map.entry("suspend", 1.2), Map.entry("pause", 0.75), Map.entry("unpause", 0.75));

    private final Duration base;

    public Pacing(Duration base) {
        this.base = base;
    }

    public Duration durationOf(String operation) {
        double w = WEIGHTS.getOrDefault(operation, 1.0);
        return Duration.ofNanos((long) (base.toNanos() * w));
    }

    public Duration base() {
        return base;
    }
}
