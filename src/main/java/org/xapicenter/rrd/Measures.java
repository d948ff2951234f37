package org.xapicenter.rrd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns wire data sources into what a user reads: labels, units, derived measures (CPU fraction -> %,
 * KiB -> bytes, free memory -> used memory), and which graph each belongs to.
 *
 * <p>Wire names (xapi's rrdd): host {@code cpuN}, {@code cpu_avg} (fractions 0..1),
 * {@code memory_total_kib}, {@code memory_free_kib} (KiB), {@code loadavg}, {@code pif_<dev>_rx|tx}
 * (bytes/s, {@code aggr} = all PIFs); VM {@code cpuN}, {@code memory}, {@code memory_target} (bytes),
 * {@code memory_internal_free} (KiB), {@code vif_<n>_rx|tx}, {@code vbd_<dev>_read|write} (bytes/s),
 * {@code vbd_<dev>_<other>} (latencies and the like, plain numbers); host {@code io_throughput_read|write_<sr>}
 * (MiB/s per SR, shown in bytes/s in the disk graph). The derived {@value #MEMORY_USED}
 * is (host) {@code (memory_total_kib - memory_free_kib) * 1024} or (VM) {@code memory -
 * memory_internal_free * 1024}, present only when both inputs are; at a time only one input has, it is
 * absent (no row is invented).
 *
 * <p>Shown by default: every {@code cpuN} of a VM; a host's {@code cpu_avg} (its {@code cpuN} only when
 * it has no {@code cpu_avg}); used and total memory; VIFs of a VM, PIFs of a host but the aggregate;
 * disk read and write. Order: by graph (CPU, memory, network, disk, other), then within a graph as a
 * user expects (average CPU first, then CPU 0, 1, ... 10 numerically; used, total, free, target memory;
 * devices in natural order, receive before send, read before write).
 */
public final class Measures {
    /** The derived used-memory measure's name in its {@link SeriesKey}. */
    public static final String MEMORY_USED = "memory_used";

    private static final Pattern CPU = Pattern.compile("cpu(\\d+)");
    private static final Pattern PIF = Pattern.compile("pif_(.+)_(rx|tx)");
    private static final Pattern VIF = Pattern.compile("vif_(.+)_(rx|tx)");
    private static final Pattern VBD = Pattern.compile("vbd_([^_]+)_(.+)");
    private static final Pattern SR_THROUGHPUT = Pattern.compile("io_throughput_(read|write)_(.+)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private Measures() {
    }

    /** The measures available for the object {@code uuid} in {@code archive}, in a stable order. */
    public static List<Measure> available(TimeSeriesStore store, Archive archive, String uuid) {
        return describe(store.keys(archive, uuid));
    }

    /** The measures the data sources {@code keys} (of one object) give, in a stable order. */
    public static List<Measure> describe(Set<SeriesKey> keys) {
        List<Ranked> ranked = new ArrayList<>();
        boolean hasCpuAvg = keys.stream().anyMatch(k -> k.name().equals("cpu_avg"));
        SeriesKey total = null;
        SeriesKey free = null;
        SeriesKey vmMemory = null;
        SeriesKey vmInternalFree = null;
        for (SeriesKey key : keys) {
            String name = key.name();
            boolean host = key.objectType().equals("host");
            Matcher m;
            if ((m = CPU.matcher(name)).matches()) {
                ranked.add(new Ranked(new Measure(key, "CPU " + m.group(1), Unit.PERCENT, GraphKind.CPU,
                        !host || !hasCpuAvg), 1, naturalKey(m.group(1)), 0));
            } else if (name.equals("cpu_avg")) {
                ranked.add(new Ranked(new Measure(key, "Average CPU", Unit.PERCENT, GraphKind.CPU, true), 0, "", 0));
            } else if (name.equals("memory_total_kib")) {
                total = key;
                ranked.add(memory(key, "Total memory", true, 1));
            } else if (name.equals("memory_free_kib")) {
                free = key;
                ranked.add(memory(key, "Free memory", false, 2));
            } else if (name.equals("memory")) {
                vmMemory = key;
                ranked.add(memory(key, "Total memory", true, 1));
            } else if (name.equals("memory_internal_free")) {
                vmInternalFree = key;
                ranked.add(memory(key, "Free memory", false, 2));
            } else if (name.equals("memory_target")) {
                ranked.add(memory(key, "Target memory", false, 3));
            } else if ((m = PIF.matcher(name)).matches()) {
                boolean aggregate = m.group(1).equals("aggr");
                String device = aggregate ? "(all)" : m.group(1);
                ranked.add(new Ranked(new Measure(key, "Network " + device + direction(m.group(2)),
                        Unit.BYTES_PER_SECOND, GraphKind.NETWORK, !aggregate), aggregate ? 1 : 0,
                        naturalKey(m.group(1)), m.group(2).equals("rx") ? 0 : 1));
            } else if ((m = VIF.matcher(name)).matches()) {
                ranked.add(new Ranked(new Measure(key, "VIF " + m.group(1) + direction(m.group(2)),
                        Unit.BYTES_PER_SECOND, GraphKind.NETWORK, true), 0, naturalKey(m.group(1)),
                        m.group(2).equals("rx") ? 0 : 1));
            } else if ((m = VBD.matcher(name)).matches()) {
                String what = m.group(2);
                boolean throughput = what.equals("read") || what.equals("write");
                ranked.add(new Ranked(new Measure(key, "Disk " + m.group(1) + " " + what.replace('_', ' '),
                        throughput ? Unit.BYTES_PER_SECOND : Unit.NUMBER, GraphKind.DISK, throughput),
                        throughput ? 0 : 1, naturalKey(m.group(1)), what.equals("read") ? 0 : what.equals("write") ? 1 : 2,
                        what));
            } else if (host && (m = SR_THROUGHPUT.matcher(name)).matches()) {
                // a host's storage throughput per SR (first 8 characters of its uuid), MiB/s on the wire
                ranked.add(new Ranked(new Measure(key, "Storage " + m.group(2) + " " + m.group(1),
                        Unit.BYTES_PER_SECOND, GraphKind.DISK, true), 0, naturalKey(m.group(2)),
                        m.group(1).equals("read") ? 0 : 1));
            } else if (name.equals("loadavg")) {
                ranked.add(new Ranked(new Measure(key, "Load average", Unit.NUMBER, GraphKind.OTHER, false), 0, "", 0));
            } else if (!name.equals(MEMORY_USED)) {
                ranked.add(new Ranked(new Measure(key, name, Unit.NUMBER, GraphKind.OTHER, false), 1,
                        naturalKey(name), 0));
            }
        }
        if (total != null && free != null) {
            ranked.add(memory(new SeriesKey(total.objectType(), total.uuid(), MEMORY_USED), "Used memory", true, 0));
        } else if (vmMemory != null && vmInternalFree != null) {
            ranked.add(memory(new SeriesKey(vmMemory.objectType(), vmMemory.uuid(), MEMORY_USED), "Used memory", true, 0));
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.measure.graph().ordinal())
                .thenComparingInt(r -> r.group)
                .thenComparing(r -> r.device)
                .thenComparingInt(r -> r.order)
                .thenComparing(r -> r.tail)
                .thenComparing(r -> r.measure.key().name()));
        List<Measure> out = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            out.add(r.measure);
        }
        return List.copyOf(out);
    }

    /** The measure's values in its display unit, limited to {@code from <= t <= to}. */
    public static Series values(TimeSeriesStore store, Archive archive, Measure measure, long from, long to) {
        SeriesKey key = measure.key();
        if (key.name().equals(MEMORY_USED)) {
            if (key.objectType().equals("host")) {
                Series total = store.series(archive, sibling(key, "memory_total_kib"), from, to);
                Series free = store.series(archive, sibling(key, "memory_free_kib"), from, to);
                return joined(total, 1024, free, 1024);
            }
            Series memory = store.series(archive, sibling(key, "memory"), from, to);
            Series free = store.series(archive, sibling(key, "memory_internal_free"), from, to);
            return joined(memory, 1, free, 1024);
        }
        Series raw = store.series(archive, key, from, to);
        double factor = factor(key.name());
        if (factor == 1 || raw.size() == 0) {
            return raw;
        }
        double[] v = raw.values(); // a fresh copy the store made for us
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return raw;
    }

    /** What a wire value is multiplied by for display: 100 for CPU fractions, 1024 for KiB. */
    static double factor(String name) {
        if (name.equals("cpu_avg") || CPU.matcher(name).matches()) {
            return 100;
        }
        if (name.endsWith("_kib") || name.equals("memory_internal_free")) {
            return 1024;
        }
        if (SR_THROUGHPUT.matcher(name).matches()) {
            return 1024 * 1024;
        }
        return 1;
    }

    /** a * fa - b * fb at the times both have. */
    private static Series joined(Series a, double fa, Series b, double fb) {
        long[] ta = a.times();
        long[] tb = b.times();
        long[] t = new long[Math.min(ta.length, tb.length)];
        double[] v = new double[t.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < ta.length && j < tb.length) {
            if (ta[i] < tb[j]) {
                i++;
            } else if (ta[i] > tb[j]) {
                j++;
            } else {
                t[k] = ta[i];
                v[k++] = a.values()[i++] * fa - b.values()[j++] * fb;
            }
        }
        return k == 0 ? Series.EMPTY
                : new Series(k == t.length ? t : java.util.Arrays.copyOf(t, k), k == v.length ? v : java.util.Arrays.copyOf(v, k));
    }

    private static SeriesKey sibling(SeriesKey key, String name) {
        return new SeriesKey(key.objectType(), key.uuid(), name);
    }

    private static Ranked memory(SeriesKey key, String label, boolean shown, int order) {
        return new Ranked(new Measure(key, label, Unit.BYTES, GraphKind.MEMORY, shown), 0, "", order);
    }

    private static String direction(String rxTx) {
        return rxTx.equals("rx") ? " receive" : " send";
    }

    /** Sorts "2" before "10" and "eth2" before "eth10": digit runs are zero-padded. */
    static String naturalKey(String s) {
        Matcher m = DIGITS.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceFirst("^0+(?=.)", "");
            m.appendReplacement(sb, "0".repeat(Math.max(0, 20 - digits.length())) + digits);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private record Ranked(Measure measure, int group, String device, int order, String tail) {
        Ranked(Measure measure, int group, String device, int order) {
            this(measure, group, device, order, "");
        }
    }
}
