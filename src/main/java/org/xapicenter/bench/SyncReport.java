package org.xapicenter.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one {@code bench sync} run.
 *
 * @param vms            ordinary VMs in the filled cache (no templates, snapshots or control domains)
 * @param objects        every object in the filled cache
 * @param loginToCacheMs from the start of login until the cache holds every object
 * @param heapPeakMb     most heap in use while filling, above the level before login
 * @param heapRetainedMb heap the filled cache keeps after a full GC
 * @param eventsPerSecond object changes the cache applied per second while the server churned
 * @param lagMillis      for each rename made through a second session, the time until the cache saw it
 */
public record SyncReport(int vms, int objects, long loginToCacheMs, double heapPeakMb, double heapRetainedMb,
                         double eventsPerSecond, List<Long> lagMillis) {

    public long lagPercentile(double p) {
        if (lagMillis.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(lagMillis);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The one line scripts read. */
    public String keyValueLine() {
        return String.format(Locale.ROOT, "sync vms=%d objects=%d login_to_cache_ms=%d heap_peak_mb=%.1f heap_mb=%.1f "
                        + "events_per_s=%.1f lag_p50_ms=%d lag_p99_ms=%d lag_samples=%d",
                vms, objects, loginToCacheMs, heapPeakMb, heapRetainedMb, eventsPerSecond,
                lagPercentile(50), lagPercentile(99), lagMillis.size());
    }
}
