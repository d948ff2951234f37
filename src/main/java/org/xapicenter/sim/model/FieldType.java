package org.xapicenter.sim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XAPI type of a field, as the datamodel file spells it. Values live in the shared wire value
 * model (String, Long, Double, Boolean, Instant, List, Map with String keys); {@link #coerce} turns
 * whatever a client sent (XML-RPC sends int64 as text, JSON as numbers) into that model.
 */
public sealed interface FieldType {

    /** The value a freshly created object holds when nothing else is said. */
    Object zero();

    /** The client's value in this type's canonical form; IllegalArgumentException when it does not fit. */
    Object coerce(Object input);

    enum Kind { STRING, INT, FLOAT, BOOL, DATETIME }

    record Primitive(Kind kind) implements FieldType {
        @Override
        public Object zero() {
            return switch (kind) {
                case STRING -> "";
                case INT -> 0L;
                case FLOAT -> 0.0;
                case BOOL -> Boolean.FALSE;
                case DATETIME -> Instant.EPOCH;
            };
        }

        @Override
        public Object coerce(Object in) {
            try {
                return switch (kind) {
                    case STRING -> requireString(in);
                    case INT -> in instanceof Number n ? Long.valueOf(n.longValue()) : Long.valueOf(Long.parseLong(requireString(in).trim()));
                    case FLOAT -> in instanceof Number n ? Double.valueOf(n.doubleValue()) : Double.valueOf(Double.parseDouble(requireString(in).trim()));
                    case BOOL -> in instanceof Boolean b ? b : parseBool(requireString(in));
                    case DATETIME -> in instanceof Instant i ? i : parseDate(requireString(in));
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(kind.name().toLowerCase() + " expected", e);
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase();
        }
    }

    record Ref(String targetClass) implements FieldType {
        public static final String NULL = "OpaqueRef:NULL";

        @Override
        public Object zero() {
            return NULL;
        }

        @Override
        public Object coerce(Object in) {
            return requireString(in);
        }
    }

    record Enumeration(String name, List<String> values) implements FieldType {
        @Override
        public Object zero() {
            return values.get(0);
        }

        /** Clients send enum names in any case (the SDK sends its own spelling); we keep XAPI's. */
        @Override
        public Object coerce(Object in) {
            String s = requireString(in);
            for (String v : values) {
                if (v.equalsIgnoreCase(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("not a " + name + ": " + s);
        }
    }

    record SetOf(FieldType element) implements FieldType {
        @Override
        public Object zero() {
            return List.of();
        }

        @Override
        public Object coerce(Object in) {
            Collection<?> items = in instanceof Collection<?> c ? c
                    : in instanceof Object[] a ? List.of(a) : null;
            if (items == null) {
                throw new IllegalArgumentException("array expected");
            }
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(element.coerce(item));
            }
            return Collections.unmodifiableList(out);
        }
    }

    record MapOf(FieldType key, FieldType value) implements FieldType {
        @Override
        public Object zero() {
            return Map.of();
        }

        @Override
        public Object coerce(Object in) {
            if (!(in instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("struct expected");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                // Keys travel as strings on the wire whatever their XAPI type (ints as decimals).
                out.put(String.valueOf(key.coerce(String.valueOf(e.getKey()))), value.coerce(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
    }

    private static String requireString(Object in) {
        if (in instanceof String s) {
            return s;
        }
        if (in instanceof Number || in instanceof Boolean) {
            return String.valueOf(in);
        }
        throw new IllegalArgumentException("string expected");
    }

    /** XAPI dates: {@code 20240102T03:04:05Z}, also with dashes, the Z optional. */
    private static Instant parseDate(String s) {
        String t = s.trim();
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.length() == 17 && t.charAt(8) == 'T') {
            t = t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6);
        }
        return java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
    }

    private static Boolean parseBool(String s) {
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("boolean expected");
    }
}
