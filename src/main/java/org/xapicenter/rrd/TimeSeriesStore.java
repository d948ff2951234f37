package org.xapicenter.rrd;

import java.util.OptionalLong;
import java.util.Set;

/**
 * Every series of a connection, per archive, keyed by {@link SeriesKey}. Updates merge without
 * duplicates (a row already held is replaced by the newer copy) or gaps, and each archive keeps only
 * its span (older rows are dropped). Thread-safe: fetchers write from their threads, graphs read.
 */
public final class TimeSeriesStore {

    /** Merges every column of {@code update} into the archive with its step; ignores other steps. */
    public void merge(RrdUpdate update) {
        throw new UnsupportedOperationException("rrd-lib implements TimeSeriesStore.merge");
    }

    /** Merges every archive of a full dump. */
    public void merge(RrdDump dump) {
        throw new UnsupportedOperationException("rrd-lib implements TimeSeriesStore.merge(dump)");
    }

    /** A copy of the series, or {@link Series#EMPTY}. Raw wire units (see {@link Measures} for display). */
    public Series series(Archive archive, SeriesKey key) {
        throw new UnsupportedOperationException("rrd-lib implements TimeSeriesStore.series");
    }

    /** The series, limited to {@code from <= t <= to}. */
    public Series series(Archive archive, SeriesKey key, long from, long to) {
        throw new UnsupportedOperationException("rrd-lib implements TimeSeriesStore.series(range)");
    }

    /** The data sources held for the object {@code uuid} in {@code archive}. */
    public Set<SeriesKey> keys(Archive archive, String uuid) {
        throw new UnsupportedOperationException("rrd-lib implements TimeSeriesStore.keys");
    }

    /** The newest row time held for the object in the archive, if any. */
    public OptionalLong lastTime(Archive archive, String uuid) {
        throw new UnsupportedOperationException("rrd-lib implements TimeSeriesStore.lastTime");
    }

    /** Forgets every series of the object (it was destroyed). */
    public void forget(String uuid) {
        throw new UnsupportedOperationException("rrd-lib implements TimeSeriesStore.forget");
    }
}
