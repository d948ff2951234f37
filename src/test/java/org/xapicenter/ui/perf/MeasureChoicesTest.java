package org.xapicenter.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.Measure;
import org.xapicenter.rrd.SeriesKey;
import org.xapicenter.rrd.Unit;

class MeasureChoicesTest {
    private static Measure m(String name, Unit unit, GraphKind graph, boolean byDefault) {
        return new Measure(new SeriesKey("host", "u", name), name, unit, graph, byDefault);
    }

    private static final Measure CPU_AVG = m("cpu_avg", Unit.PERCENT, GraphKind.CPU, true);
    private static final Measure CPU0 = m("cpu0", Unit.PERCENT, GraphKind.CPU, false);
    private static final Measure LOAD = m("loadavg", Unit.NUMBER, GraphKind.OTHER, false);
    private static final Measure AGGR = m("pif_aggr_rx", Unit.BYTES_PER_SECOND, GraphKind.OTHER, false);
    private static final Measure ETH0 = m("pif_eth0_rx", Unit.BYTES_PER_SECOND, GraphKind.NETWORK, true);
    private static final List<Measure> ALL = List.of(CPU_AVG, CPU0, LOAD, AGGR, ETH0);

    @Test
    void defaultsFromTheMeasuresAndOtherOnesOfTheSameUnitOffered() {
        MeasureChoices c = new MeasureChoices();
        assertThat(c.offers("host", GraphKind.CPU, ALL)).containsExactly(new PerformanceGraph.Offer(CPU_AVG, true),
                new PerformanceGraph.Offer(CPU0, false));
        assertThat(c.offers("host", GraphKind.NETWORK, ALL)).containsExactly(new PerformanceGraph.Offer(AGGR, false),
                new PerformanceGraph.Offer(ETH0, true));
        assertThat(c.offers("host", GraphKind.OTHER, ALL)).containsExactly(new PerformanceGraph.Offer(LOAD, false));
        assertThat(c.offers("host", GraphKind.DISK, List.of(CPU_AVG))).isEmpty();
    }

    @Test
    void choicesArePerObjectTypeAndGraph() {
        MeasureChoices c = new MeasureChoices();
        c.choose("host", GraphKind.CPU, "cpu0", true);
        c.choose("host", GraphKind.CPU, "cpu_avg", false);
        assertThat(c.offers("host", GraphKind.CPU, ALL)).containsExactly(new PerformanceGraph.Offer(CPU_AVG, false),
                new PerformanceGraph.Offer(CPU0, true));
        assertThat(c.offers("vm", GraphKind.CPU, ALL)).containsExactly(new PerformanceGraph.Offer(CPU_AVG, true),
                new PerformanceGraph.Offer(CPU0, false));
    }
}
