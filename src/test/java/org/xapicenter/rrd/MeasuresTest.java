package org.xapicenter.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuresTest {
    static RrdUpdate update(String type, String uuid, long[] times, Object... namesAndValues) {
        List<LegendEntry> legend = new ArrayList<>();
        double[][] values = new double[namesAndValues.length / 2][];
        for (int i = 0; i < namesAndValues.length; i += 2) {
            legend.add(new LegendEntry("AVERAGE", new SeriesKey(type, uuid, (String) namesAndValues[i])));
            values[i / 2] = (double[]) namesAndValues[i + 1];
        }
        return new RrdUpdate(times[0], times[times.length - 1], 60, legend, times, values);
    }

    static double[] d(double... v) {
        return v;
    }

    static final long[] T = {60, 120};

    @Test
    void aVmsMeasuresLabelsUnitsGraphsAndOrder() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update("vm", "v", T, "vbd_xvda_write", d(1, 2), "cpu10", d(0.1, 0.2), "memory", d(2e9, 2e9),
                "vif_0_tx", d(1, 1), "cpu2", d(0.5, 0.25), "vif_0_rx", d(3, 3), "memory_internal_free", d(1024, 2048),
                "vbd_xvda_read", d(5, 5), "memory_target", d(2e9, 2e9), "vbd_xvda_read_latency", d(3, 3),
                "cpu0", d(1, 0), "vif_10_rx", d(1, 1), "vif_2_rx", d(1, 1), "runstate_blocked", d(0.5, 0.5)));
        List<Measure> m = Measures.available(store, Archive.ONE_MINUTE, "v");
        assertThat(m).extracting(Measure::label).containsExactly("CPU 0", "CPU 2", "CPU 10",
                "Used memory", "Total memory", "Free memory", "Target memory",
                "VIF 0 receive", "VIF 0 send", "VIF 2 receive", "VIF 10 receive",
                "Disk xvda read", "Disk xvda write", "Disk xvda read latency",
                "runstate_blocked");
        assertThat(m).filteredOn(Measure::shownByDefault).extracting(Measure::label).containsExactly("CPU 0", "CPU 2",
                "CPU 10", "Used memory", "Total memory", "VIF 0 receive", "VIF 0 send", "VIF 2 receive", "VIF 10 receive",
                "Disk xvda read", "Disk xvda write");
        assertThat(m.get(0).unit()).isEqualTo(Unit.PERCENT);
        assertThat(m.get(0).graph()).isEqualTo(GraphKind.CPU);
        assertThat(m.get(3).key()).isEqualTo(new SeriesKey("vm", "v", "memory_used"));
        assertThat(m.get(3).unit()).isEqualTo(Unit.BYTES);
        assertThat(m.get(7).unit()).isEqualTo(Unit.BYTES_PER_SECOND);
        assertThat(m.get(7).graph()).isEqualTo(GraphKind.NETWORK);
        assertThat(m.get(11).graph()).isEqualTo(GraphKind.DISK);
        assertThat(m.get(13).unit()).isEqualTo(Unit.NUMBER);
        assertThat(m.get(14).graph()).isEqualTo(GraphKind.OTHER);

        Series cpu2 = Measures.values(store, Archive.ONE_MINUTE, m.get(1), 0, 1000);
        assertThat(cpu2.values()).containsExactly(50.0, 25.0);
        Series used = Measures.values(store, Archive.ONE_MINUTE, m.get(3), 0, 1000);
        assertThat(used.times()).containsExactly(60, 120);
        assertThat(used.values()).containsExactly(2e9 - 1024 * 1024, 2e9 - 2048 * 1024);
        Series free = Measures.values(store, Archive.ONE_MINUTE, m.get(5), 100, 1000);
        assertThat(free.values()).containsExactly(2048.0 * 1024);
        Series rx = Measures.values(store, Archive.ONE_MINUTE, m.get(7), 0, 1000);
        assertThat(rx.values()).containsExactly(3.0, 3.0);
        // the display conversion leaves the store's raw values alone
        assertThat(store.series(Archive.ONE_MINUTE, new SeriesKey("vm", "v", "cpu2")).values()).containsExactly(0.5, 0.25);
    }

    @Test
    void aVmWithoutGuestToolsHasNoUsedMemory() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update("vm", "v", T, "memory", d(1e9, 1e9), "cpu0", d(0.5, 0.5)));
        assertThat(Measures.available(store, Archive.ONE_MINUTE, "v")).extracting(Measure::label)
                .containsExactly("CPU 0", "Total memory");
    }

    @Test
    void aHostsMeasures() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update("host", "h", new long[] {60, 120, 180}, "loadavg", d(0.5, 1, 2), "memory_free_kib",
                d(1024, 2048, Double.NaN), "cpu1", d(0.1, 0.1, 0.1), "pif_aggr_rx", d(1, 1, 1), "pif_eth1_tx", d(4, 4, 4),
                "cpu_avg", d(0.2, 0.3, 0.4), "memory_total_kib", d(8192, 8192, 8192), "pif_eth0_rx", d(9, 9, 9),
                "cpu0", d(0.3, 0.5, 0.7)));
        List<Measure> m = Measures.available(store, Archive.ONE_MINUTE, "h");
        assertThat(m).extracting(Measure::label).containsExactly("Average CPU", "CPU 0", "CPU 1", "Used memory",
                "Total memory", "Free memory", "Network eth0 receive", "Network eth1 send", "Network (all) receive",
                "Load average");
        assertThat(m).filteredOn(Measure::shownByDefault).extracting(Measure::label).containsExactly("Average CPU",
                "Used memory", "Total memory", "Network eth0 receive", "Network eth1 send");
        Series used = Measures.values(store, Archive.ONE_MINUTE, m.get(3), 0, 1000);
        assertThat(used.times()).containsExactly(60, 120, 180);
        assertThat(used.values()).containsExactly(7168.0 * 1024, 6144.0 * 1024, Double.NaN);
        assertThat(Measures.values(store, Archive.ONE_MINUTE, m.get(4), 0, 1000).values())
                .containsExactly(8192.0 * 1024, 8192.0 * 1024, 8192.0 * 1024);
        assertThat(Measures.values(store, Archive.ONE_MINUTE, m.get(0), 0, 1000).values())
                .containsExactly(20.0, 30.0, 40.0);
        assertThat(Measures.values(store, Archive.ONE_MINUTE, m.get(9), 0, 1000).values())
                .containsExactly(0.5, 1.0, 2.0);
        assertThat(Measures.values(store, Archive.FIVE_SECONDS, m.get(9), 0, 1000).size()).isZero();
    }

    @Test
    void aHostsStorageThroughputIsItsDiskGraphInBytesPerSecond() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update("host", "h", T, "io_throughput_write_2b7b1501", d(1, 2), "io_throughput_read_2b7b1501",
                d(0.5, 0.25), "io_throughput_total_2b7b1501", d(1.5, 2.25)));
        List<Measure> m = Measures.available(store, Archive.ONE_MINUTE, "h");
        assertThat(m).extracting(Measure::label).containsExactly("Storage 2b7b1501 read", "Storage 2b7b1501 write",
                "io_throughput_total_2b7b1501");
        assertThat(m.get(0).graph()).isEqualTo(GraphKind.DISK);
        assertThat(m.get(0).shownByDefault()).isTrue();
        assertThat(Measures.values(store, Archive.ONE_MINUTE, m.get(0), 0, 1000).values())
                .containsExactly(524288.0, 262144.0);
    }

    @Test
    void aHostWithoutCpuAvgShowsEveryCpu() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update("host", "h", T, "cpu1", d(0.1, 0.1), "cpu0", d(0.3, 0.5)));
        assertThat(Measures.available(store, Archive.ONE_MINUTE, "h")).filteredOn(Measure::shownByDefault)
                .extracting(Measure::label).containsExactly("CPU 0", "CPU 1");
    }

    @Test
    void usedMemoryExistsOnlyWhereBothInputsHaveARow() {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(update("host", "h", new long[] {60, 120}, "memory_total_kib", d(100, 100)));
        store.merge(update("host", "h", new long[] {120, 180}, "memory_free_kib", d(40, 50)));
        Measure used = Measures.available(store, Archive.ONE_MINUTE, "h").get(0);
        assertThat(used.label()).isEqualTo("Used memory");
        Series s = Measures.values(store, Archive.ONE_MINUTE, used, 0, 1000);
        assertThat(s.times()).containsExactly(120);
        assertThat(s.values()).containsExactly(60.0 * 1024);
    }
}
