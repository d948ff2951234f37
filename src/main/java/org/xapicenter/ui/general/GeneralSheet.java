package org.xapicenter.ui.general;

import java.util.List;

/**
 * What the General tab (or another form-like tab) shows for one object.
 *
 * @param title the object's name
 * @param subtitle its kind and state, e.g. "Virtual machine · Running"
 * @param rows label/value pairs in display order
 */
public record GeneralSheet(String title, String subtitle, List<Row> rows) {
    /**
     * One line of the form. An empty label makes the value a section heading.
     *
     * @param copyable the value gets a copy button (identifiers people paste into a shell)
     */
    public record Row(String label, String value, boolean copyable) {
        public Row(String label, String value) {
            this(label, value, false);
        }
    }

    /** The value of the row with this label, or null (for tests and lookups). */
    public String value(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).map(Row::value).findFirst().orElse(null);
    }
}
