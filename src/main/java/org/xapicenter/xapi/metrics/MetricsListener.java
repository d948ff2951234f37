package org.xapicenter.xapi.metrics;

import java.util.Set;

/** Told on a fetcher's thread; a UI must hop to its own thread (and batch). */
public interface MetricsListener {
    /** New rows for these object uuids have been merged into the store. */
    void updated(Set<String> uuids);

    /**
     * The host could not be read; {@code sentence} is one friendly line (the XAPI code and parameters, if
     * any, are in {@code error}). The fetcher retries on its own; {@link #updated} follows when it recovers.
     */
    default void failed(String sentence, Exception error) {
    }
}
