package org.xapicenter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.LegendEntry;
import org.xapicenter.rrd.Measure;
import org.xapicenter.rrd.Measures;
import org.xapicenter.rrd.RrdLimits;
import org.xapicenter.rrd.RrdUpdate;
import org.xapicenter.rrd.Series;
import org.xapicenter.rrd.SeriesKey;
import org.xapicenter.rrd.TimeSeriesStore;
import org.xapicenter.rrd.XportParser;

/**
 * How long a one-day {@code rrd_updates} of a host with 100 VMs x 12 data sources takes to parse (XML and
 * JSON, as XAPI writes them: newest first, {@code %0.15g}, JSON values as strings) and to merge into the
 * store, at minute resolution (1,440 rows) and from the hour archive (24 rows). Prints; asserts only that
 * the work was done; also the same documents parsed keeping one VM's columns, and the steady 5 s merge.
 * Run: {@code mvn -o -q test -Dsurefire.excludedGroups=none -Dtest=RrdParseBenchmark}.
 */
@Tag("benchmark")
class RrdParseBenchmark {
    static final int VMS = 100;
    static final String[] SOURCES = {"cpu0", "cpu1", "cpu2", "cpu3", "memory", "memory_internal_free", "vif_0_rx",
        "vif_0_tx", "vbd_xvda_read", "vbd_xvda_write", "vbd_xvdb_read", "vbd_xvdb_write"};
    static final int RUNS = 7;
    static final long END = 1_763_700_000L - 1_763_700_000L % 86_400;

    @Test
    void oneDayAtMinuteResolution() throws IOException {
        run("1 day x 1440 rows", 60, 1440);
    }

    @Test
    void oneDayFromTheHourArchive() throws IOException {
        run("1 day x 24 rows", 3600, 24);
    }

    private static void run(String what, long step, int rows) throws IOException {
        List<String> legend = legend();
        byte[] xml = xml(legend, step, rows).getBytes(StandardCharsets.US_ASCII);
        byte[] json = json(legend, step, rows).getBytes(StandardCharsets.US_ASCII);
        String columns = legend.size() + " columns";
        RrdUpdate parsed = null;
        for (String format : new String[] {"xml", "json"}) {
            byte[] doc = format.equals("xml") ? xml : json;
            long[] nanos = new long[RUNS];
            for (int i = -2; i < RUNS; i++) { // two warm-up runs
                long t0 = System.nanoTime();
                parsed = XportParser.parse(new ByteArrayInputStream(doc), RrdLimits.DEFAULT);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            assertThat(parsed.rowCount()).isEqualTo(rows);
            assertThat(parsed.columns()).hasSize(legend.size());
            long median = median(nanos);
            System.out.printf(Locale.ROOT, "parse %s %s x %s: %.1f MB in %d ms (median of %d), %.0f rows/s, %.1f M values/s%n",
                    format, what, columns, doc.length / 1e6, median / 1_000_000, RUNS, rows / (median / 1e9),
                    (double) rows * legend.size() / (median / 1e9) / 1e6);
        }
        // a host that ignores vm_uuid: the client keeps only the one VM it shows
        String wanted = uuid(VMS / 2);
        for (String format : new String[] {"xml", "json"}) {
            byte[] doc = format.equals("xml") ? xml : json;
            long[] nanos = new long[RUNS];
            RrdUpdate kept = null;
            for (int i = -2; i < RUNS; i++) {
                long t0 = System.nanoTime();
                kept = XportParser.parse(new ByteArrayInputStream(doc), RrdLimits.DEFAULT,
                        key -> key.uuid().equals(wanted));
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            assertThat(kept.columns()).hasSize(SOURCES.length);
            System.out.printf(Locale.ROOT, "parse %s %s x %s keeping one VM's %d: %d ms (median of %d)%n", format, what,
                    columns, SOURCES.length, median(nanos) / 1_000_000, RUNS);
        }
        long[] merges = new long[RUNS];
        long[] reads = new long[RUNS];
        for (int i = -2; i < RUNS; i++) {
            TimeSeriesStore store = new TimeSeriesStore();
            long t0 = System.nanoTime();
            store.merge(parsed);
            long t1 = System.nanoTime();
            // what a Performance tab reads: every default measure of one VM, and the CPU of all of them
            int points = 0;
            for (int vm = 0; vm < VMS; vm++) {
                String uuid = uuid(vm);
                for (Measure m : Measures.available(store, Archive.ofStep(step), uuid)) {
                    if (vm == 0 || m.key().name().equals("cpu0")) {
                        Series s = Measures.values(store, Archive.ofStep(step), m, Long.MIN_VALUE, Long.MAX_VALUE);
                        points += s.size();
                    }
                }
            }
            long t2 = System.nanoTime();
            assertThat(points).isPositive();
            assertThat(store.series(Archive.ofStep(step), new SeriesKey("vm", uuid(VMS - 1), "cpu0")).size()).isPositive();
            if (i >= 0) {
                merges[i] = t1 - t0;
                reads[i] = t2 - t1;
            }
        }
        System.out.printf(Locale.ROOT, "merge %s x %s into TimeSeriesStore: %.1f ms (median of %d);"
                + " reading every measure of one VM and cpu0 of all %d VMs: %.1f ms%n", what, columns,
                median(merges) / 1e6, RUNS, VMS, median(reads) / 1e6);
    }

    /**
     * The steady state of a shown host: a 5 s update of 2 rows (the newest held one again, and one new)
     * merged into a store already holding the 10-minute span of every column.
     */
    @Test
    void incrementalFiveSecondUpdates() throws IOException {
        List<String> legendText = legend();
        List<LegendEntry> legend = new ArrayList<>();
        for (String e : legendText) {
            legend.add(LegendEntry.parse(e));
        }
        TimeSeriesStore store = new TimeSeriesStore();
        long newest = END;
        store.merge(fiveSecondUpdate(legend, newest - 600, 121));
        int updates = 2_000;
        long nanos = 0;
        for (int i = 0; i < updates; i++) {
            RrdUpdate next = fiveSecondUpdate(legend, newest, 2); // built outside the timing
            long t0 = System.nanoTime();
            store.merge(next);
            nanos += System.nanoTime() - t0;
            newest += 5;
        }
        assertThat(store.lastTime(Archive.FIVE_SECONDS, uuid(0))).hasValue(newest);
        System.out.printf(Locale.ROOT, "merge a 2-row 5 s update of %d columns (overlapping the newest row) into a"
                + " full 10-minute store: %.2f ms per update (mean of %d)%n", legend.size(), nanos / 1e6 / updates,
                updates);
    }

    private static RrdUpdate fiveSecondUpdate(List<LegendEntry> legend, long first, int rows) {
        long[] times = new long[rows];
        double[][] values = new double[legend.size()][rows];
        for (int r = 0; r < rows; r++) {
            times[r] = first + 5L * r;
            for (int c = 0; c < legend.size(); c++) {
                values[c][r] = (times[r] + c) % 97;
            }
        }
        return new RrdUpdate(first, times[rows - 1], 5, legend, times, values);
    }

    static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    static String uuid(int vm) {
        return String.format(Locale.ROOT, "0d0c1b2a-aaaa-bbbb-cccc-%012d", vm);
    }

    static List<String> legend() {
        List<String> legend = new ArrayList<>();
        for (int vm = 0; vm < VMS; vm++) {
            for (String s : SOURCES) {
                legend.add("AVERAGE:vm:" + uuid(vm) + ":" + s);
            }
        }
        return legend;
    }

    static final String[] FRACTIONS = spellings(false);
    static final String[] AMOUNTS = spellings(true);

    /** A value as %0.15g prints it, deterministic and varied; now and then a NaN. */
    static String value(int row, int column) {
        int h = (int) ((row * 2_654_435_761L + column * 40_503L) & 0xfff);
        return column % 12 < 4 ? FRACTIONS[h] : AMOUNTS[h];
    }

    /** 4096 distinct spellings, made once (formatting 1.7 million values would dwarf the parse). */
    static String[] spellings(boolean amounts) {
        String[] out = new String[4096];
        for (int h = 0; h < out.length; h++) {
            double v = amounts ? h * 262_144.123456789 : h / 4096.0 + 1e-7;
            out[h] = h == 7 ? "NaN" : String.format(Locale.ROOT, "%.15g", v).replaceFirst("0+(e|$)", "$1")
                    .replaceFirst("\\.$", "");
        }
        return out;
    }

    static String xml(List<String> legend, long step, int rows) {
        StringBuilder sb = new StringBuilder(rows * legend.size() * 28);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><xport><meta><start>").append(END - (rows - 1) * step)
                .append("</start><step>").append(step).append("</step><end>").append(END).append("</end><rows>")
                .append(rows).append("</rows><columns>").append(legend.size()).append("</columns><legend>");
        for (String e : legend) {
            sb.append("<entry>").append(e).append("</entry>");
        }
        sb.append("</legend></meta><data>");
        for (int r = 0; r < rows; r++) { // newest first, as XAPI writes
            sb.append("<row><t>").append(END - r * step).append("</t>");
            for (int c = 0; c < legend.size(); c++) {
                sb.append("<v>").append(value(r, c)).append("</v>");
            }
            sb.append("</row>");
        }
        return sb.append("</data></xport>").toString();
    }

    static String json(List<String> legend, long step, int rows) {
        StringBuilder sb = new StringBuilder(rows * legend.size() * 22);
        sb.append("{\"meta\":{\"start\":").append(END - (rows - 1) * step).append(",\"step\":").append(step)
                .append(",\"end\":").append(END).append(",\"rows\":").append(rows).append(",\"columns\":")
                .append(legend.size()).append(",\"legend\":[");
        for (int i = 0; i < legend.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(legend.get(i)).append('"');
        }
        sb.append("]},\"data\":[");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ",").append("{\"t\":").append(END - r * step).append(",\"values\":[");
            for (int c = 0; c < legend.size(); c++) {
                sb.append(c == 0 ? "" : ",").append('"').append(value(r, c)).append('"');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }
}
