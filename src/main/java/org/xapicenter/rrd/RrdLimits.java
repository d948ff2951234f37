package org.xapicenter.rrd;

/**
 * Bounds every parser checks before it allocates: a hostile or broken host gets a clear
 * {@link RrdFormatException}, never an unbounded allocation.
 *
 * @param maxBytes bytes read at most from one document
 * @param maxColumns columns KEPT from one document (all of them without a filter; a host with 1,000 VMs
 *     x 20 sources is 20,000)
 * @param maxRows rows in one document or one archive
 * @param maxLegendEntries legend entries in one document, kept or not: a host that ignores the client's
 *     {@code vm_uuid} may name every VM it runs, and a filter drops most of them (each costs only a flag)
 * @param maxValues rows x kept columns of one document: the doubles it may make the parser hold (8 bytes
 *     each); the largest legitimate update, 1,000 VMs x 20 sources x 366 daily rows, is about 7.3 M
 */
public record RrdLimits(long maxBytes, int maxColumns, int maxRows, int maxLegendEntries, long maxValues) {
    /** Enough for a host with a thousand VMs and a year of daily rows; at most 160 MB of values. */
    public static final RrdLimits DEFAULT = new RrdLimits(256L << 20, 50_000, 10_000, 1_000_000, 20_000_000L);

    /** The given byte, column and row bounds; the legend and value bounds of {@link #DEFAULT}. */
    public RrdLimits(long maxBytes, int maxColumns, int maxRows) {
        this(maxBytes, maxColumns, maxRows, Math.max(maxColumns, DEFAULT_LEGEND_ENTRIES), DEFAULT_VALUES);
    }

    private static final int DEFAULT_LEGEND_ENTRIES = 1_000_000;
    private static final long DEFAULT_VALUES = 20_000_000L;

    /** These limits with another legend bound. */
    public RrdLimits withMaxLegendEntries(int entries) {
        return new RrdLimits(maxBytes, maxColumns, maxRows, entries, maxValues);
    }

    /** These limits with another bound on rows x kept columns. */
    public RrdLimits withMaxValues(long values) {
        return new RrdLimits(maxBytes, maxColumns, maxRows, maxLegendEntries, values);
    }
}
