package org.xapicenter.rrd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every series of a connection, per archive, keyed by {@link SeriesKey}. Updates merge without
 * duplicates (a row already held is replaced by the newer copy) or invented rows (a time no update
 * brought stays absent; a NaN row stays NaN), and each archive keeps only its span plus
 * {@link #MARGIN_STEPS} steps behind the newest row of each object (older rows are dropped).
 * Thread-safe: fetchers write from their threads, graphs read (the FX thread among them); each object
 * of each archive has its own read-write lock, so a big merge of a host's update blocks only readers of
 * the objects it is writing at that moment, one object at a time; every read returns a copy.
 *
 * <p>Series live in primitive arrays (times and values side by side, ascending) with spare capacity.
 * An update that continues a series, or overlaps only its newest rows (the fetcher's usual "since the
 * newest held minus one step"), is merged at the end in place; only an update reaching back before the
 * oldest held row rebuilds the series in a single pass.
 */
public final class TimeSeriesStore {
    /** Rows kept beyond the archive's span, so a range that ends slightly off the newest row is full. */
    public static final int MARGIN_STEPS = 10;

    /** Filled once in the constructor, never changed: only the inner maps are concurrent. */
    private final Map<Archive, Map<String, ObjectSeries>> archives = new EnumMap<>(Archive.class);

    public TimeSeriesStore() {
        for (Archive a : Archive.values()) {
            archives.put(a, new ConcurrentHashMap<>());
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
        long keepSpan = archive.span().getSeconds() + MARGIN_STEPS * archive.step();
        // Group the AVERAGE columns by object (legend order kept), then write one object at a time.
        Map<String, List<Integer>> byObject = new LinkedHashMap<>();
        List<LegendEntry> columns = update.columns();
        for (int c = 0; c < columns.size(); c++) {
            LegendEntry entry = columns.get(c);
            if (entry.cf().equals("AVERAGE")) { // the model keeps AVERAGE only
                byObject.computeIfAbsent(entry.key().uuid(), u -> new ArrayList<>()).add(c);
            }
        }
        Map<String, ObjectSeries> objects = archives.get(archive);
        for (Map.Entry<String, List<Integer>> e : byObject.entrySet()) {
            ObjectSeries object = objects.computeIfAbsent(e.getKey(), u -> new ObjectSeries());
            object.lock.writeLock().lock();
            try {
                object.newest = Math.max(object.newest, newestOfUpdate);
                for (int c : e.getValue()) {
                    object.series.computeIfAbsent(columns.get(c).key(), k -> new Column())
                            .merge(times, update.values()[c]);
                }
                // Trim every series of the object by its own newest row.
                long cutoff = object.newest - keepSpan;
                for (Column column : object.series.values()) {
                    column.dropBefore(cutoff);
                }
            } finally {
                object.lock.writeLock().unlock();
            }
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
        ObjectSeries object = archives.get(archive).get(key.uuid());
        if (object == null) {
            return Series.EMPTY;
        }
        object.lock.readLock().lock();
        try {
            Column column = object.series.get(key);
            return column == null ? Series.EMPTY : column.copy(from, to);
        } finally {
            object.lock.readLock().unlock();
        }
    }

    /** The data sources held for the object {@code uuid} in {@code archive}, in the order they arrived. */
    public Set<SeriesKey> keys(Archive archive, String uuid) {
        ObjectSeries object = archives.get(archive).get(uuid);
        if (object == null) {
            return Set.of();
        }
        object.lock.readLock().lock();
        try {
            return Collections.unmodifiableSet(new LinkedHashSet<>(object.series.keySet()));
        } finally {
            object.lock.readLock().unlock();
        }
    }

    /** The newest row time held for the object in the archive, if any. */
    public OptionalLong lastTime(Archive archive, String uuid) {
        ObjectSeries object = archives.get(archive).get(uuid);
        if (object == null) {
            return OptionalLong.empty();
        }
        object.lock.readLock().lock();
        try {
            return object.newest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(object.newest);
        } finally {
            object.lock.readLock().unlock();
        }
    }

    /**
     * Forgets every series of the object (it was destroyed, or nobody watches it any more). A merge
     * running at the same moment may finish into the forgotten copy; the next one starts afresh.
     */
    public void forget(String uuid) {
        for (Map<String, ObjectSeries> objects : archives.values()) {
            objects.remove(uuid);
        }
    }

    /** Times the series' arrays were allocated anew (growth or rebuild), for tests of the merge paths. */
    int allocations(Archive archive, SeriesKey key) {
        ObjectSeries object = archives.get(archive).get(key.uuid());
        if (object == null) {
            return 0;
        }
        object.lock.readLock().lock();
        try {
            Column column = object.series.get(key);
            return column == null ? 0 : column.allocations;
        } finally {
            object.lock.readLock().unlock();
        }
    }

    /** The series of one object in one archive, the newest row any of them holds, and their lock. */
    private static final class ObjectSeries {
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<SeriesKey, Column> series = new LinkedHashMap<>();
        long newest = Long.MIN_VALUE;
    }

    /** One series: {@code size} rows in {@code times}/{@code values} from index {@code head}, ascending. */
    private static final class Column {
        long[] times = new long[0];
        double[] values = new double[0];
        int head;
        int size;
        int allocations;

        /** Merges ascending unique rows; on a time held already the update's value wins. */
        void merge(long[] newTimes, double[] newValues) {
            int n = newTimes.length;
            if (n == 0) {
                return;
            }
            int end = head + size;
            if (size == 0 || newTimes[0] > times[end - 1]) {
                append(newTimes, newValues, 0, n);
                return;
            }
            if (newTimes[0] == times[end - 1]) {
                // the usual incremental update: its first row is the newest held one, again
                values[end - 1] = newValues[0];
                append(newTimes, newValues, 1, n - 1);
                return;
            }
            if (newTimes[0] >= times[head]) {
                mergeTail(newTimes, newValues, lowerBound(newTimes[0], head, end));
                return;
            }
            rebuild(newTimes, newValues);
        }

        /**
         * The update starts inside the held rows, at index {@code from}: set the held rows from there
         * aside (usually a few), cut them off and append the merge of both runs in place.
         */
        private void mergeTail(long[] newTimes, double[] newValues, int from) {
            int end = head + size;
            long[] heldTimes = Arrays.copyOfRange(times, from, end);
            double[] heldValues = Arrays.copyOfRange(values, from, end);
            size = from - head;
            int n = newTimes.length;
            reserve(heldTimes.length + n);
            int k = head + size;
            int i = 0;
            int j = 0;
            while (i < heldTimes.length || j < n) {
                if (j >= n || (i < heldTimes.length && heldTimes[i] < newTimes[j])) {
                    times[k] = heldTimes[i];
                    values[k++] = heldValues[i++];
                } else {
                    if (i < heldTimes.length && heldTimes[i] == newTimes[j]) {
                        i++; // replaced by the newer copy
                    }
                    times[k] = newTimes[j];
                    values[k++] = newValues[j++];
                }
            }
            size = k - head;
        }

        /** An update reaching back before the oldest held row: merge both runs into new arrays. */
        private void rebuild(long[] newTimes, double[] newValues) {
            int n = newTimes.length;
            allocations++;
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
            if (count <= 0) {
                return;
            }
            reserve(count);
            System.arraycopy(newTimes, from, times, head + size, count);
            System.arraycopy(newValues, from, values, head + size, count);
            size += count;
        }

        /**
         * Room for {@code more} rows after the held ones: slides the rows to the front when the trimmed
         * head left enough room, else grows by half (amortised: a steady 5 s stream allocates rarely).
         */
        private void reserve(int more) {
            int needed = size + more;
            if (head + needed <= times.length) {
                return;
            }
            if (needed <= times.length && head > 0) {
                System.arraycopy(times, head, times, 0, size);
                System.arraycopy(values, head, values, 0, size);
            } else {
                int capacity = Math.max(needed, times.length + (times.length >> 1));
                allocations++;
                long[] t = new long[capacity];
                double[] v = new double[capacity];
                System.arraycopy(times, head, t, 0, size);
                System.arraycopy(values, head, v, 0, size);
                times = t;
                values = v;
            }
            head = 0;
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
