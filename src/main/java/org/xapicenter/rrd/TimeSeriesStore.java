package org.xapicenter.rrd;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every series of a connection, per archive, keyed by {@link SeriesKey}. Updates merge without
 * duplicates (a row already held is replaced by the newer copy) or invented rows (a time no update
 * brought stays absent; a NaN row stays NaN), and each archive keeps only its span plus
 * {@link #MARGIN_STEPS} steps behind the newest row of each object (older rows are dropped).
 * Thread-safe: fetchers write from their threads, graphs read; one read-write lock guards the whole,
 * and every read returns a copy.
 *
 * <p>Series live in primitive arrays (times and values side by side, ascending): a merge of an update
 * that continues a series appends, one that overlaps it rebuilds it in a single pass.
 */
public final class TimeSeriesStore {
    /** Rows kept beyond the archive's span, so a range that ends slightly off the newest row is full. */
    public static final int MARGIN_STEPS = 10;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Archive, Map<String, ObjectSeries>> archives = new EnumMap<>(Archive.class);

    public TimeSeriesStore() {
        for (Archive a : Archive.values()) {
            archives.put(a, new HashMap<>());
        }
    }

    /** Merges every column of {@code update} into the archive with its step; ignores other steps. */
    public void merge(RrdUpdate update) {
        Archive archive = update.archive();
        if (archive == null || update.rowCount() == 0) {
            return;
        }
        long[] times = update.times();
        long newestOfUpdate = times[times.length - 1];
        List<LegendEntry> columns = update.columns();
        lock.writeLock().lock();
        try {
            Map<String, ObjectSeries> objects = archives.get(archive);
            for (int c = 0; c < columns.size(); c++) {
                LegendEntry entry = columns.get(c);
                if (!entry.cf().equals("AVERAGE")) {
                    continue; // the model keeps AVERAGE only
                }
                SeriesKey key = entry.key();
                ObjectSeries object = objects.computeIfAbsent(key.uuid(), u -> new ObjectSeries());
                object.newest = Math.max(object.newest, newestOfUpdate);
                object.series.computeIfAbsent(key, k -> new Column()).merge(times, update.values()[c]);
            }
            // Trim every series of the objects this update touched, by their own newest row.
            long keepSpan = archive.span().getSeconds() + MARGIN_STEPS * archive.step();
            Set<String> touched = new LinkedHashSet<>();
            for (LegendEntry entry : columns) {
                touched.add(entry.key().uuid());
            }
            for (String uuid : touched) {
                ObjectSeries object = objects.get(uuid);
                if (object != null) {
                    long cutoff = object.newest - keepSpan;
                    for (Column column : object.series.values()) {
                        column.dropBefore(cutoff);
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Merges every archive of a full dump. */
    public void merge(RrdDump dump) {
        for (RrdUpdate u : dump.archives().values()) {
            merge(u);
        }
    }

    /** A copy of the series, or {@link Series#EMPTY}. Raw wire units (see {@link Measures} for display). */
    public Series series(Archive archive, SeriesKey key) {
        return series(archive, key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The series, limited to {@code from <= t <= to}. */
    public Series series(Archive archive, SeriesKey key, long from, long to) {
        lock.readLock().lock();
        try {
            ObjectSeries object = archives.get(archive).get(key.uuid());
            Column column = object == null ? null : object.series.get(key);
            return column == null ? Series.EMPTY : column.copy(from, to);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The data sources held for the object {@code uuid} in {@code archive}, in the order they arrived. */
    public Set<SeriesKey> keys(Archive archive, String uuid) {
        lock.readLock().lock();
        try {
            ObjectSeries object = archives.get(archive).get(uuid);
            return object == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(object.series.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The newest row time held for the object in the archive, if any. */
    public OptionalLong lastTime(Archive archive, String uuid) {
        lock.readLock().lock();
        try {
            ObjectSeries object = archives.get(archive).get(uuid);
            return object == null ? OptionalLong.empty() : OptionalLong.of(object.newest);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Forgets every series of the object (it was destroyed). */
    public void forget(String uuid) {
        lock.writeLock().lock();
        try {
            for (Map<String, ObjectSeries> objects : archives.values()) {
                objects.remove(uuid);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The series of one object in one archive, and the newest row any of them holds. */
    private static final class ObjectSeries {
        final Map<SeriesKey, Column> series = new LinkedHashMap<>();
        long newest = Long.MIN_VALUE;
    }

    /** One series: {@code size} rows in {@code times}/{@code values} from index {@code head}, ascending. */
    private static final class Column {
        long[] times = new long[0];
        double[] values = new double[0];
        int head;
        int size;

        void merge(long[] newTimes, double[] newValues) {
            int n = newTimes.length;
            if (n == 0) {
                return;
            }
            if (size == 0 || newTimes[0] > times[head + size - 1]) {
                append(newTimes, newValues, 0, n);
                return;
            }
            // Overlap or out of order: merge two ascending runs, the update winning on equal times.
            long[] t = new long[size + n];
            double[] v = new double[size + n];
            int i = head;
            int end = head + size;
            int j = 0;
            int k = 0;
            while (i < end || j < n) {
                if (j >= n || (i < end && times[i] < newTimes[j])) {
                    t[k] = times[i];
                    v[k++] = values[i++];
                } else {
                    if (i < end && times[i] == newTimes[j]) {
                        i++; // replaced by the newer copy
                    }
                    t[k] = newTimes[j];
                    v[k++] = newValues[j++];
                }
            }
            times = t;
            values = v;
            head = 0;
            size = k;
        }

        private void append(long[] newTimes, double[] newValues, int from, int count) {
            int needed = size + count;
            if (head + needed > times.length) {
                if (needed <= times.length && head > 0) {
                    System.arraycopy(times, head, times, 0, size);
                    System.arraycopy(values, head, values, 0, size);
                } else {
                    int capacity = Math.max(needed, times.length + (times.length >> 1));
                    long[] t = new long[capacity];
                    double[] v = new double[capacity];
                    System.arraycopy(times, head, t, 0, size);
                    System.arraycopy(values, head, v, 0, size);
                    times = t;
                    values = v;
                }
                head = 0;
            }
            System.arraycopy(newTimes, from, times, head + size, count);
            System.arraycopy(newValues, from, values, head + size, count);
            size = needed;
        }

        void dropBefore(long cutoff) {
            int end = head + size;
            int first = lowerBound(cutoff, head, end);
            size = end - first;
            head = first;
            if (size == 0) {
                head = 0;
            }
        }

        Series copy(long from, long to) {
            int end = head + size;
            int a = lowerBound(from, head, end);
            int b = to == Long.MAX_VALUE ? end : lowerBound(to + 1, a, end);
            if (a >= b) {
                return Series.EMPTY;
            }
            return new Series(Arrays.copyOfRange(times, a, b), Arrays.copyOfRange(values, a, b));
        }

        /** The first index in [from, to) whose time is >= t. */
        private int lowerBound(long t, int from, int to) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
