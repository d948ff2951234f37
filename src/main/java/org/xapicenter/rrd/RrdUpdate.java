package org.xapicenter.rrd;

import java.util.List;

/**
 * One parsed {@code xport}: columns and rows, rows always oldest first whatever order the document
 * used (XAPI writes newest first, rrdtool oldest first).
 *
 * @param start {@code <meta><start>}, epoch seconds (server clock)
 * @param end {@code <meta><end>}
 * @param step seconds between rows ({@code <meta><step>})
 * @param columns the legend, one entry per column
 * @param times row times, ascending, unique, epoch seconds
 * @param values {@code values[column][row]}; NaN where the host had no value
 */
public record RrdUpdate(long start, long end, long step, List<LegendEntry> columns, long[] times, double[][] values) {

    public int rowCount() {
        return times.length;
    }

    /** The archive whose step this update has, or null. */
    public Archive archive() {
        return Archive.ofStep(step);
    }
}
