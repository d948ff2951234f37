package org.xapicenter.rrd;

/**
 * Something a graph can plot, with the label and unit a user reads: a data source as the host names it
 * or one derived from several ({@code memory_used} from {@code memory_total_kib} and
 * {@code memory_free_kib}).
 *
 * @param key the series (a derived one has a derived name)
 * @param label "CPU 0", "Used memory", "NIC 0 receive", "Disk xvda write"
 * @param unit the unit of {@link Measures#values}
 * @param graph the default graph it belongs to
 * @param shownByDefault whether a new Performance tab plots it without being asked
 */
public record Measure(SeriesKey key, String label, Unit unit, GraphKind graph, boolean shownByDefault) {
}
