package org.xapicenter.ui.perf;

/**
 * One line of a graph.
 *
 * @param id stable identity (the measure's key), used to toggle and to keep colours across redraws
 * @param label what the legend shows
 * @param times epoch seconds, ascending
 * @param values in the chart's unit; NaN leaves a gap
 */
public record ChartSeries(String id, String label, long[] times, double[] values) {
}
