package org.xapicenter.rrd;

import java.util.List;

/**
 * Turns wire data sources into what a user reads: labels, units, derived measures (CPU fraction -> %,
 * KiB -> bytes, free memory -> used memory), and which graph each belongs to.
 */
public final class Measures {
    private Measures() {
    }

    /** The measures available for the object {@code uuid} in {@code archive}, in a stable order. */
    public static List<Measure> available(TimeSeriesStore store, Archive archive, String uuid) {
        throw new UnsupportedOperationException("rrd-lib implements Measures.available");
    }

    /** The measure's values in its display unit, limited to {@code from <= t <= to}. */
    public static Series values(TimeSeriesStore store, Archive archive, Measure measure, long from, long to) {
        throw new UnsupportedOperationException("rrd-lib implements Measures.values");
    }
}
