package org.xapicenter.xapi.record;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable snapshot of one XAPI object: its class, its ref and every field the server sent.
 *
 * <p>Fields are kept as they arrived (unknown ones included, so newer hosts work); typed accessors
 * convert on read and tolerate both transports' encodings (an int64 is a {@code String} over XML-RPC
 * and a number over JSON-RPC; a date is a {@code Date}/{@code Instant} or a string with or without
 * dashes). A missing or malformed field reads as the type's empty value, never as an exception:
 * a management UI must show what it can of an object from a host it does not fully understand.
 */
public class XapiRecord {
    public static final String NULL_REF = "OpaqueRef:NULL";

    private final String xapiClass;
    private final String ref;
    private final Map<String, Object> fields;

    protected XapiRecord(String xapiClass, String ref, Map<String, ?> fields) {
        this.xapiClass = Objects.requireNonNull(xapiClass, "xapiClass");
        this.ref = Objects.requireNonNull(ref, "ref");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The XAPI class name in lower case as event.from reports it: {@code vm}, {@code vm_metrics}... */
    public final String xapiClass() {
        return xapiClass;
    }

    public final String ref() {
        return ref;
    }

    /** Every field as received, read-only. */
    public final Map<String, Object> fields() {
        return fields;
    }

    public final Object raw(String field) {
        return fields.get(field);
    }

    public String uuid() {
        return string("uuid");
    }

    public String nameLabel() {
        return string("name_label");
    }

    public String nameDescription() {
        return string("name_description");
    }

    public Map<String, String> otherConfig() {
        return stringMap("other_config");
    }

    // ---- typed accessors ---------------------------------------------------------------------

    public final String string(String field) {
        Object v = fields.get(field);
        return v == null ? "" : String.valueOf(v);
    }

    /** A ref field; {@link #NULL_REF} when absent. */
    public final String refField(String field) {
        Object v = fields.get(field);
        return v == null || "".equals(v) ? NULL_REF : String.valueOf(v);
    }

    public final long int64(String field) {
        return toLong(fields.get(field));
    }

    public final double float64(String field) {
        Object v = fields.get(field);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && !s.isEmpty()) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    public final boolean bool(String field) {
        Object v = fields.get(field);
        if (v instanceof Boolean b) {
            return b;
        }
        return v != null && ("true".equalsIgnoreCase(v.toString()) || "1".equals(v.toString()));
    }

    /** A date field, or {@code null} when absent or unparseable. */
    public final Instant date(String field) {
        return toInstant(fields.get(field));
    }

    public final List<String> stringList(String field) {
        Object v = fields.get(field);
        List<String> out = new ArrayList<>();
        if (v instanceof Iterable<?> it) {
            it.forEach(x -> out.add(String.valueOf(x)));
        } else if (v instanceof Object[] arr) {
            for (Object x : arr) {
                out.add(String.valueOf(x));
            }
        }
        return Collections.unmodifiableList(out);
    }

    public final Set<String> stringSet(String field) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(stringList(field)));
    }

    public final Map<String, String> stringMap(String field) {
        Object v = fields.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> out.put(String.valueOf(k), x == null ? "" : String.valueOf(x)));
        }
        return Collections.unmodifiableMap(out);
    }

    // ---- conversions shared by callers that hold raw values ----------------------------------

    public static long toLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && !s.isEmpty()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                try {
                    return (long) Double.parseDouble(s.trim());
                } catch (NumberFormatException e2) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** XAPI dates: {@code 20240131T10:00:00Z}, {@code 2024-01-31T10:00:00Z}, with or without Z. */
    public static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (!(v instanceof String s) || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        }
        int dot = t.indexOf('.');
        if (dot > 0) {
            t = t.substring(0, dot);
        }
        try {
            DateTimeFormatter f = t.indexOf('-') > 0 ? DASHED : COMPACT;
            return LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static boolean isNullRef(String ref) {
        return ref == null || ref.isEmpty() || NULL_REF.equals(ref);
    }

    @Override
    public String toString() {
        return xapiClass + " " + ref + " '" + nameLabel() + "'";
    }
}
