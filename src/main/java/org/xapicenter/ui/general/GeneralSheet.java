package org.xapicenter.ui.general;

import java.util.List;

/**
 * What the General tab shows for one object.
 *
 * @param title the object's name
 * @param subtitle its kind and state, e.g. "Virtual machine · Running"
 * @param rows label/value pairs in display order
 */
public record GeneralSheet(String title, String subtitle, List<Row> rows) {
    public record Row(String label, String value) {
    }

    /** The value of the row with this label, or null (for tests and lookups). */
    public String value(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).map(Row::value).findFirst().orElse(null);
    }
}
