package org.xapicenter.rrd;

/**
 * Bounds every parser checks before it allocates: a hostile or broken host gets a clear
 * {@link RrdFormatException}, never an unbounded allocation.
 *
 * @param maxBytes bytes read at most from one document
 * @param maxColumns data sources in one document (a host with 1,000 VMs x 20 sources is 20,000)
 * @param maxRows rows in one document or one archive
 */
public record RrdLimits(long maxBytes, int maxColumns, int maxRows) {
    /** Enough for a host with a thousand VMs and a year of daily rows. */
    public static final RrdLimits DEFAULT = new RrdLimits(256L << 20, 50_000, 10_000);
}
