package org.xapicenter.sim.scale;

import java.util.List;
import java.util.Map;

/**
 * How xapi's database names a field: a field inside a datamodel namespace is stored as
 * {@code <namespace>__<name>} ({@code name__label}, {@code memory__static_max}) while the API joins
 * them with one underscore ({@code name_label}). These are the namespaces of the XAPI datamodel.
 */
final class DbColumns {
    private static final List<String> EVERY_CLASS = List.of("name");
    private static final Map<String, List<String>> NAMESPACES = Map.of(
            "VM", List.of("name", "memory", "VCPUs", "actions", "PV", "HVM"),
            "host", List.of("name", "memory", "API_version"),
            "host_metrics", List.of("memory"),
            "VM_metrics", List.of("memory", "VCPUs"),
            "VBD", List.of("qos"),
            "VIF", List.of("qos"),
            "VBD_metrics", List.of("io"),
            "VIF_metrics", List.of("io"),
            "PIF_metrics", List.of("io"));

    private DbColumns() {
    }

    /** The column a field of {@code className} is stored in. */
    static String column(String className, String field) {
        for (String ns : NAMESPACES.getOrDefault(className, EVERY_CLASS)) {
            if (field.length() > ns.length() + 1 && field.startsWith(ns) && field.charAt(ns.length()) == '_') {
                return ns + "__" + field.substring(ns.length() + 1);
            }
        }
        return field;
    }

    /** The API field name of a column: namespace separators become single underscores. */
    static String field(String column) {
        return column.replace("__", "_");
    }
}
