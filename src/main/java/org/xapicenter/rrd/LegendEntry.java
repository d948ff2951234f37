package org.xapicenter.rrd;

/**
 * One column of an {@code xport}: {@code AVERAGE:vm:<uuid>:cpu0}. The data source name may itself
 * contain colons; only the first three separate fields.
 *
 * @param cf consolidation function ({@code AVERAGE}, {@code MIN}, {@code MAX}, {@code LAST})
 */
public record LegendEntry(String cf, SeriesKey key) {

    /**
     * Parses {@code cf:type:uuid:name}.
     *
     * @throws RrdFormatException when the entry has fewer than four fields or an empty one
     */
    public static LegendEntry parse(String entry) throws RrdFormatException {
        throw new UnsupportedOperationException("rrd-lib implements LegendEntry.parse");
    }

    /** The wire form, {@code cf:type:uuid:name}. */
    public String wire() {
        return cf + ":" + key.objectType() + ":" + key.uuid() + ":" + key.name();
    }
}
