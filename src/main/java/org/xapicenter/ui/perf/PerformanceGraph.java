package org.xapicenter.ui.perf;

import java.util.List;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.Measure;
import org.xapicenter.rrd.Series;
import org.xapicenter.rrd.Unit;

/**
 * One graph as the view model computed it for the current object and range.
 *
 * @param kind which graph
 * @param unit of its value axis (every series is in this unit)
 * @param offers every measure its "Data sources" menu lists, with whether it is plotted
 * @param lines the plotted measures and their values in {@code unit}, in {@code offers} order
 */
public record PerformanceGraph(GraphKind kind, Unit unit, List<Offer> offers, List<Line> lines) {

    /** A measure the graph may plot. */
    public record Offer(Measure measure, boolean shown) {
    }

    /** A plotted measure and its values. */
    public record Line(Measure measure, Series series) {
        /** The line as the chart takes it. */
        public ChartSeries chartSeries() {
            return new ChartSeries(measure.key().name(), measure.label(), series.times(), series.values());
        }

        /** Whether it has at least one real value. */
        public boolean hasValues() {
            for (double v : series.values()) {
                if (!Double.isNaN(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The unit every measure of a graph kind is shown in. */
    public static Unit unitOf(GraphKind kind) {
        return switch (kind) {
            case CPU -> Unit.PERCENT;
            case MEMORY -> Unit.BYTES;
            case NETWORK, DISK -> Unit.BYTES_PER_SECOND;
            case OTHER -> Unit.NUMBER;
        };
    }
}
