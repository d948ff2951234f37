package org.xapicenter.xapi.metrics;

/** Keeps an object's data coming while a graph shows it; closing the last watch of a host stops its fetcher. */
public interface MetricsWatch extends AutoCloseable {
    @Override
    void close();

    /**
     * Milliseconds to add to the local clock to get the clock of the host this watch's data comes from
     * (measured with {@code host.get_servertime} on that host: for a VM, its resident host), so a graph's
     * "now" is that host's. Until the host has been measured, the pool's most recent measurement; 0 for a
     * watch that never fetches.
     */
    default long serverClockOffsetMillis() {
        return 0;
    }
}
