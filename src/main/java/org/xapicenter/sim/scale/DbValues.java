package org.xapicenter.sim.scale;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.model.FieldType;

/**
 * Field values as xapi's database writes them: every value is one string (ints in decimal, booleans
 * {@code true}/{@code false}, dates {@code 20261101T08:00:00Z}, sets and maps as s-expressions),
 * then "protected" so that XML attribute normalisation cannot eat whitespace: space becomes
 * {@code %.}, tab {@code %t}, newline {@code %n}, carriage return {@code %r} and {@code %} itself
 * {@code %%} ({@code %_}, two spaces, is the older form and still read).
 */
final class DbValues {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private DbValues() {
    }

    /** The stored string of {@code value}, a canonical store value of {@code type}. */
    static String encode(FieldType type, Object value) {
        if (type instanceof FieldType.SetOf set) {
            List<String> items = new ArrayList<>();
            for (Object o : (List<?>) value) {
                items.add(encode(set.element(), o));
            }
            return SExpressions.set(items);
        }
        if (type instanceof FieldType.MapOf map) {
            List<String[]> pairs = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                pairs.add(new String[]{String.valueOf(e.getKey()), encode(map.value(), e.getValue())});
            }
            return SExpressions.pairs(pairs);
        }
        if (value instanceof Instant i) {
            return DATE.format(i);
        }
        if (value instanceof Double d) {
            // The spellings xapi's own float printer uses for the special values.
            return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
        }
        return String.valueOf(value);
    }

    /** The store value of a stored string; IllegalArgumentException when it does not fit the type. */
    static Object decode(FieldType type, String text) {
        if (type instanceof FieldType.SetOf set) {
            if (text.isBlank()) {
                return List.of();
            }
            List<Object> out = new ArrayList<>();
            for (String s : SExpressions.parseSet(text)) {
                out.add(decode(set.element(), s));
            }
            return Collections.unmodifiableList(out);
        }
        if (type instanceof FieldType.MapOf map) {
            if (text.isBlank()) {
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (String[] kv : SExpressions.parsePairs(text)) {
                out.put(kv[0], decode(map.value(), kv[1]));
            }
            return Collections.unmodifiableMap(out);
        }
        if (type instanceof FieldType.Primitive p) {
            return switch (p.kind()) {
                case STRING -> text;
                case INT -> Long.valueOf(Long.parseLong(text.trim()));
                case FLOAT -> Double.valueOf(parseDouble(text.trim()));
                case BOOL -> switch (text.trim()) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("boolean expected: " + text);
                };
                case DATETIME -> parseDate(text.trim());
            };
        }
        if (type instanceof FieldType.Ref) {
            return text.isEmpty() ? FieldType.Ref.NULL : text;
        }
        return type.coerce(text);
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** xapi's dates: {@code 20261101T08:00:00Z}, also with dashes, fractions, an offset or no zone (UTC). */
    static Instant parseDate(String s) {
        String t = s;
        if (t.length() >= 9 && t.charAt(8) == 'T' && t.substring(0, 8).chars().allMatch(Character::isDigit)) {
            t = t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("date expected: " + s, e2);
            }
        }
    }

    /** Escapes whitespace and {@code %} the way xapi does before writing an attribute. */
    static String protect(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case ' ' -> "%.";
                case '\t' -> "%t";
                case '\n' -> "%n";
                case '\r' -> "%r";
                case '%' -> "%%";
                default -> null;
            };
            // Other control characters cannot appear in XML 1.0 at all.
            if (r == null && c < 0x20) {
                r = "";
            }
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** The inverse of {@link #protect}, and of its older two-spaces form. */
    static String unprotect(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char d = s.charAt(i + 1);
            String r = switch (d) {
                case '.' -> " ";
                case '_' -> "  ";
                case 't' -> "\t";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case '%' -> "%";
                default -> null;
            };
            if (r == null) {
                b.append(c);
            } else {
                b.append(r);
                i++;
            }
        }
        return b.toString();
    }
}
