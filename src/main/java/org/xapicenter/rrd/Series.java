package org.xapicenter.rrd;

/**
 * Times and values of one data source, ascending by time, no duplicate time. NaN marks a row the host
 * had no value for (a gap a graph leaves open). Arrays are owned by the series: never modify them.
 */
public record Series(long[] times, double[] values) {
    public static final Series EMPTY = new Series(new long[0], new double[0]);

    public int size() {
        return times.length;
    }
}
