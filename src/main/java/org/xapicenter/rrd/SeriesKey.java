package org.xapicenter.rrd;

import java.util.Objects;

/**
 * One data source of one object: {@code ("vm", "<uuid>", "cpu0")}, {@code ("host", "<uuid>",
 * "memory_free_kib")}. The consolidation function is not part of the key: the model keeps AVERAGE.
 *
 * @param objectType {@code vm}, {@code host} or {@code sr} as the legend names it
 * @param uuid the object's uuid
 * @param name the data source as the host names it ({@code cpu0}, {@code vif_0_rx}, ...), or a derived
 *     name ({@link Measures}) such as {@code memory_used}
 */
public record SeriesKey(String objectType, String uuid, String name) {
    public SeriesKey {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
    }
}
