package org.xapicenter.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeSeriesStoreTest {
    static final SeriesKey CPU = new SeriesKey("vm", "v-1", "cpu0");
    static final SeriesKey MEM = new SeriesKey("vm", "v-1", "memory");
    static final SeriesKey OTHER = new SeriesKey("vm", "v-2", "cpu0");

    /** An update of {@code step} with the given times, cpu0 = t / 1000 and memory = t. */
    static RrdUpdate update(long step, long... times) {
        double[] cpu = new double[times.length];
        double[] mem = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            cpu[i] = times[i] / 1000.0;
            mem[i] = times[i];
        }
        return new RrdUpdate(times.length == 0 ? 0 : times[0], times.length == 0 ? 0 : times[times.length - 1], step,
                List.of(new LegendEntry("AVERAGE", CPU), new LegendEntry("AVERAGE", MEM)), times, new double[][] {cpu, mem});
    }

    static long[] range(long from, long to, long step) {
        long[] t = new long[(int) ((to - from) / step) + 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = from + i * step;
        }
        return t;
    }

    @Test
    void overlappingUpdatesLeaveNoDuplicateAndTheNewerCopyWins() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(5, 100, 105, 110, 115));
        RrdUpdate newer = new RrdUpdate(110, 125, 5, List.of(new LegendEntry("AVERAGE", CPU)),
                new long[] {110, 115, 120, 125}, new double[][] {{9, Double.NaN, 11, 12}});
        store.merge(newer);
        Series s = store.series(Archive.FIVE_SECONDS, CPU);
        assertThat(s.times()).containsExactly(100, 105, 110, 115, 120, 125);
        assertThat(s.values()).containsExactly(0.1, 0.105, 9, Double.NaN, 11, 12);
        assertThat(store.lastTime(Archive.FIVE_SECONDS, "v-1")).hasValue(125);
        // memory was not in the second update: it keeps its own rows, nothing is invented
        assertThat(store.series(Archive.FIVE_SECONDS, MEM).times()).containsExactly(100, 105, 110, 115);
    }

    @Test
    void aGapStaysAGap() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(60, 60, 120));
        store.merge(update(60, 600, 660));
        assertThat(store.series(Archive.ONE_MINUTE, CPU).times()).containsExactly(60, 120, 600, 660);
    }

    @Test
    void outOfOrderUpdatesMergeAscending() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(5, 200, 205, 210));
        store.merge(update(5, 100, 105));
        store.merge(update(5, 150, 205));
        Series s = store.series(Archive.FIVE_SECONDS, CPU);
        assertThat(s.times()).containsExactly(100, 105, 150, 200, 205, 210);
        assertThat(s.values()).containsExactly(0.1, 0.105, 0.15, 0.2, 0.205, 0.21);
    }

    @Test
    void eachArchiveKeepsItsSpanAndAMarginBehindTheObjectsNewestRow() {
        TimeSeriesStore store = new TimeSeriesStore();
        long keep = Archive.FIVE_SECONDS.span().getSeconds() + TimeSeriesStore.MARGIN_STEPS * 5; // 650 s
        for (long t = 0; t <= 5000; t += 50) {
            store.merge(update(5, range(t, t + 45, 5)));
        }
        Series s = store.series(Archive.FIVE_SECONDS, CPU);
        assertThat(s.times()[s.size() - 1]).isEqualTo(5045);
        assertThat(s.times()[0]).isEqualTo(5045 - keep);
        assertThat(s.size()).isEqualTo((int) (keep / 5) + 1);
        // another object is trimmed by its own newest row, not by v-1's
        store.merge(new RrdUpdate(0, 10, 5, List.of(new LegendEntry("AVERAGE", OTHER)), new long[] {0, 5, 10},
                new double[][] {{1, 2, 3}}));
        assertThat(store.series(Archive.FIVE_SECONDS, OTHER).times()).containsExactly(0, 5, 10);
        // an update older than the kept span is dropped at once
        store.merge(update(5, 100, 105));
        assertThat(store.series(Archive.FIVE_SECONDS, CPU).times()[0]).isEqualTo(5045 - keep);
    }

    @Test
    void unknownStepsAndOtherConsolidationFunctionsAreIgnored() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(7, 7, 14));
        store.merge(new RrdUpdate(5, 5, 5, List.of(new LegendEntry("MAX", CPU)), new long[] {5}, new double[][] {{1}}));
        assertThat(store.keys(Archive.FIVE_SECONDS, "v-1")).isEmpty();
        assertThat(store.lastTime(Archive.FIVE_SECONDS, "v-1")).isEmpty();
        assertThat(store.series(Archive.FIVE_SECONDS, CPU)).isSameAs(Series.EMPTY);
    }

    @Test
    void rangeKeysAndForget() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(3600, range(0, 36000, 3600)));
        Series s = store.series(Archive.ONE_HOUR, CPU, 3600, 10800);
        assertThat(s.times()).containsExactly(3600, 7200, 10800);
        assertThat(store.series(Archive.ONE_HOUR, CPU, 3601, 3602).size()).isZero();
        assertThat(store.keys(Archive.ONE_HOUR, "v-1")).containsExactly(CPU, MEM);
        assertThat(store.keys(Archive.FIVE_SECONDS, "v-1")).isEmpty();
        // a copy: changing it changes nothing held
        s.values()[0] = -1;
        assertThat(store.series(Archive.ONE_HOUR, CPU, 3600, 3600).values()).containsExactly(3.6);
        store.forget("v-1");
        assertThat(store.keys(Archive.ONE_HOUR, "v-1")).isEmpty();
        assertThat(store.lastTime(Archive.ONE_HOUR, "v-1")).isEmpty();
    }

    @Test
    void concurrentMergesAndReadsSeeAscendingUniqueSeries() throws Exception {
        TimeSeriesStore store = new TimeSeriesStore();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean done = new AtomicBoolean();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int offset = w;
                writers.add(pool.submit(() -> {
                    // two fetchers writing overlapping windows in both directions
                    for (long t = 0; t < 2000; t += 10) {
                        long start = offset == 0 ? t : 2000 - t;
                        store.merge(update(5, range(start, start + 50, 5)));
                    }
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (!done.get() || reads == 0) {
                        Series s = store.series(Archive.FIVE_SECONDS, CPU);
                        for (int i = 1; i < s.size(); i++) {
                            if (s.times()[i] <= s.times()[i - 1]) {
                                throw new AssertionError("not ascending at " + i);
                            }
                        }
                        for (int i = 0; i < s.size(); i++) {
                            if (s.values()[i] != s.times()[i] / 1000.0) {
                                throw new AssertionError("value of " + s.times()[i] + " is " + s.values()[i]);
                            }
                        }
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            for (Future<Integer> f : readers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        Series s = store.series(Archive.FIVE_SECONDS, CPU);
        assertThat(s.times()[s.size() - 1]).isEqualTo(2050);
        long keep = Archive.FIVE_SECONDS.span().getSeconds() + TimeSeriesStore.MARGIN_STEPS * 5;
        assertThat(s.times()[0]).isGreaterThanOrEqualTo(2050 - keep);
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.times()[i]).isGreaterThan(s.times()[i - 1]);
        }
    }

    @Test
    void incrementalUpdatesOverlappingByOneRowAppendInPlace() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(5, range(1000, 1600, 5))); // the first fetch: the archive's whole span
        int afterFirst = store.allocations(Archive.FIVE_SECONDS, CPU);
        long newest = 1600;
        for (int i = 0; i < 2000; i++) {
            // the fetcher asks from "newest held - step": the reply repeats the newest row, then one new
            RrdUpdate next = update(5, newest, newest + 5);
            next.values()[0][0] = -1; // the repeated row's newer copy wins
            store.merge(next);
            newest += 5;
        }
        Series s = store.series(Archive.FIVE_SECONDS, CPU);
        assertThat(s.times()[s.size() - 1]).isEqualTo(newest);
        long keep = Archive.FIVE_SECONDS.span().getSeconds() + TimeSeriesStore.MARGIN_STEPS * 5;
        assertThat(s.times()[0]).isEqualTo(newest - keep);
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.times()[i]).isEqualTo(s.times()[i - 1] + 5);
            assertThat(s.values()[i - 1]).isEqualTo(-1.0); // every row but the newest was replaced once
        }
        assertThat(s.values()[s.size() - 1]).isEqualTo(newest / 1000.0);
        // 2,000 merges, yet the trimmed head leaves room to slide into: at most one growth after the first
        assertThat(store.allocations(Archive.FIVE_SECONDS, CPU) - afterFirst).isLessThanOrEqualTo(1);
    }

    @Test
    void anUpdateStartingInsideTheHeldRowsKeepsTheHeldRowsItDoesNotCarry() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(5, 100, 105, 110, 120, 130));
        int before = store.allocations(Archive.FIVE_SECONDS, CPU);
        RrdUpdate newer = new RrdUpdate(110, 135, 5, List.of(new LegendEntry("AVERAGE", CPU)),
                new long[] {110, 115, 125, 130, 135}, new double[][] {{1, 2, 3, 4, 5}});
        store.merge(newer);
        Series s = store.series(Archive.FIVE_SECONDS, CPU);
        assertThat(s.times()).containsExactly(100, 105, 110, 115, 120, 125, 130, 135);
        assertThat(s.values()).containsExactly(0.1, 0.105, 1, 2, 0.12, 3, 4, 5);
        // merged at the end: no rebuild, at most one growth for the new rows
        assertThat(store.allocations(Archive.FIVE_SECONDS, CPU) - before).isLessThanOrEqualTo(1);
    }

    @Test
    void readersOfOtherObjectsAreNotHeldByAMerge() throws Exception {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update(5, 100, 105));
        store.merge(new RrdUpdate(100, 105, 5, List.of(new LegendEntry("AVERAGE", OTHER)), new long[] {100, 105},
                new double[][] {{1, 2}}));
        // a merge of v-1 that waits while it holds v-1's write lock: its legend blocks when read under the lock
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LegendEntry entry = new LegendEntry("AVERAGE", new SeriesKey("vm", "v-1", "cpu0"));
        List<LegendEntry> blockingLegend = new AbstractList<>() {
            private final AtomicInteger reads = new AtomicInteger();

            @Override
            public LegendEntry get(int index) {
                if (reads.incrementAndGet() == 2) { // the first read groups by object, the second is under the lock
                    inside.countDown();
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return entry;
            }

            @Override
            public int size() {
                return 1;
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> merging = pool.submit(() -> store.merge(new RrdUpdate(110, 110, 5, blockingLegend,
                    new long[] {110}, new double[][] {{3}})));
            assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
            // v-1 is being written; v-2 reads meanwhile (a store-wide lock would hold this read until release)
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<Series> read = reader.submit(() -> store.series(Archive.FIVE_SECONDS, OTHER));
                assertThat(read.get(30, TimeUnit.SECONDS).values()).containsExactly(1, 2);
                assertThat(reader.submit(() -> store.lastTime(Archive.FIVE_SECONDS, "v-2")).get(30, TimeUnit.SECONDS))
                        .hasValue(105);
            } finally {
                reader.shutdownNow();
            }
            release.countDown();
            merging.get(60, TimeUnit.SECONDS);
            assertThat(store.lastTime(Archive.FIVE_SECONDS, "v-1")).hasValue(110);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
