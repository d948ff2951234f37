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
        if (entry == null) {
            throw new RrdFormatException("A legend entry is missing.", "legend");
        }
        int first = entry.indexOf(':');
        int second = first < 0 ? -1 : entry.indexOf(':', first + 1);
        int third = second < 0 ? -1 : entry.indexOf(':', second + 1);
        if (third < 0) {
            throw new RrdFormatException("The legend entry \"" + shorten(entry)
                    + "\" is not of the form cf:type:uuid:name.", "legend");
        }
        String cf = entry.substring(0, first);
        String type = entry.substring(first + 1, second);
        String uuid = entry.substring(second + 1, third);
        String name = entry.substring(third + 1);
        if (cf.isEmpty() || type.isEmpty() || uuid.isEmpty() || name.isEmpty()) {
            throw new RrdFormatException("The legend entry \"" + shorten(entry) + "\" has an empty field.", "legend");
        }
        return new LegendEntry(cf, new SeriesKey(type, uuid, name));
    }

    /** A hostile entry may be long: messages quote at most 80 characters of it. */
    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** The wire form, {@code cf:type:uuid:name}. */
    public String wire() {
        return cf + ":" + key.objectType() + ":" + key.uuid() + ":" + key.name();
    }
}
