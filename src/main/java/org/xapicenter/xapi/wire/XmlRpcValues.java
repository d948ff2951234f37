package org.xapicenter.xapi.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * XAPI-flavoured XML-RPC values (XAPI-PROTOCOL.md §1), both ways.
 *
 * <p><b>The value model</b> shared by every transport and the simulator: {@code String},
 * {@code Long} (XAPI int64), {@code Double}, {@code Boolean}, {@code Instant}, {@code List<Object>},
 * {@code Map<String, Object>}. Writing also accepts {@code Integer}/{@code Short}/{@code Byte}/
 * {@code BigInteger}, {@link Int32} (written as {@code <i4>}), {@code Float}, {@code java.util.Date}, {@code Object[]} and any
 * {@code Collection}, enums (by {@code toString()}), {@code byte[]} (as base64) and {@code null}
 * (as an empty string, as XAPI has no nil).
 *
 * <p><b>Writing</b> follows what xapi emits: strings as bare {@code <value>text</value>}; integers
 * untyped, i.e. as string text; {@code <boolean>1|0</boolean>}; doubles like C {@code %.16g}
 * ({@code 1.0} prints {@code 1}); {@code <dateTime.iso8601>YYYYMMDDTHH:MM:SSZ</dateTime.iso8601>}; only
 * {@code < > & "} escaped; control characters other than tab/LF/CR (and lone surrogates) dropped.
 *
 * <p><b>Parsing</b> accepts untyped, {@code string}, {@code int}, {@code i4}, {@code i8},
 * {@code boolean}, {@code double}, {@code dateTime.iso8601} (with or without dashes; an unparseable
 * date stays a {@code String}), {@code base64} ({@code byte[]}), {@code nil} ({@code null}),
 * {@code array} and {@code struct}, with prefixes such as {@code ex:} ignored. An untyped value stays a
 * {@code String}: over XML-RPC a XAPI int64 arrives as text and typed accessors convert it. Parsing is
 * bounded ({@link #MAX_DEPTH} nested containers, {@link #MAX_VALUE_BYTES} per standalone value) and
 * every bad input becomes a {@link WireFormatException}.
 *
 * <p>Stable API: {@link #toXml(Object)}, {@link #write(Object, StringBuilder)}, {@link #parseValue(String)},
 * {@link #formatDouble(double)}, {@link #formatDate(Instant)}, {@link #parseDate(String)}.
 */
public final class XmlRpcValues {
    /** Deepest nesting of arrays/structs we accept or write. */
    public static final int MAX_DEPTH = 100;
    /** Largest standalone value {@link #parseValue(String)} accepts (a task result, an ova.xml). */
    public static final long MAX_VALUE_BYTES = 256L * 1024 * 1024;

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private XmlRpcValues() {
    }

    /** {@code v} as one {@code <value>...</value>} element. */
    public static String toXml(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    /**
     * Appends {@code v} as one {@code <value>...</value>} element.
     *
     * @throws IllegalArgumentException a type outside the value model, or nesting beyond {@link #MAX_DEPTH}
     */
    public static void write(Object v, StringBuilder out) {
        write(v, out, 0);
    }

    private static void write(Object v, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH);
        }
        if (v instanceof Object[] arr) {
            v = Arrays.asList(arr);
        }
        out.append("<value>");
        if (v == null) {
            // XAPI has no nil: an absent value is the empty string.
        } else if (v instanceof String s) {
            escape(s, out);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof Int32 i4) {
            out.append("<i4>").append(i4.value()).append("</i4>");
        } else if (v instanceof Double || v instanceof Float) {
            out.append("<double>").append(formatDouble(((Number) v).doubleValue())).append("</double>");
        } else if (v instanceof Boolean b) {
            out.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
        } else if (v instanceof Instant i) {
            out.append("<dateTime.iso8601>").append(formatDate(i)).append("</dateTime.iso8601>");
        } else if (v instanceof Date d) {
            out.append("<dateTime.iso8601>").append(formatDate(d.toInstant())).append("</dateTime.iso8601>");
        } else if (v instanceof byte[] bytes) {
            out.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (v instanceof Map<?, ?> m) {
            out.append("<struct>");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append("<member><name>");
                escape(String.valueOf(e.getKey()), out);
                out.append("</name>");
                write(e.getValue(), out, depth + 1);
                out.append("</member>");
            }
            out.append("</struct>");
        } else if (v instanceof Collection<?> c) {
            out.append("<array><data>");
            for (Object x : c) {
                write(x, out, depth + 1);
            }
            out.append("</data></array>");
        } else if (v instanceof Enum<?> e) {
            escape(e.toString(), out);
        } else {
            throw new IllegalArgumentException("not an XML-RPC value: " + v.getClass().getName());
        }
        out.append("</value>");
    }

    /** Escapes only {@code < > & "} as xapi does, dropping characters XML 1.0 cannot carry. */
    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        continue;
                    }
                    if (c == 0xFFFE || c == 0xFFFF) {
                        continue;
                    }
                    if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        }
                        continue;
                    }
                    if (Character.isLowSurrogate(c)) {
                        continue;
                    }
                    out.append(c);
                }
            }
        }
    }

    /** A double as C's {@code %.16g} prints it: {@code 1}, {@code 0.5}, {@code 1e+20}, {@code nan}, {@code inf}. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(d).round(new MathContext(16, RoundingMode.HALF_EVEN));
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            return bd.stripTrailingZeros().toPlainString();
        }
        BigDecimal mantissa = bd.movePointLeft(exponent).stripTrailingZeros();
        String m = mantissa.toPlainString();
        int abs = Math.abs(exponent);
        return m + "e" + (exponent < 0 ? '-' : '+') + (abs < 10 ? "0" : "") + abs;
    }

    /** {@code YYYYMMDDTHH:MM:SSZ} in UTC, as xapi writes dates. */
    public static String formatDate(Instant i) {
        return COMPACT.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)) + "Z";
    }

    /**
     * Parses a XAPI date with or without dashes, with or without a trailing {@code Z} (always UTC),
     * ignoring fractional seconds.
     *
     * @return the instant, or {@code null} if {@code s} is not such a date
     */
    public static Instant parseDate(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.endsWith("Z") || t.endsWith("z")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("+00:00")) {
            t = t.substring(0, t.length() - 6);
        }
        int dot = t.indexOf('.');
        if (dot > 0) {
            t = t.substring(0, dot);
        }
        try {
            return LocalDateTime.parse(t, t.indexOf('-') > 0 ? DASHED : COMPACT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Parses one standalone {@code <value>...</value>} (a task's {@code result} field, an ova.xml).
     * An empty or blank string yields {@code ""} (a task with no result).
     *
     * @throws WireFormatException malformed, forbidden or oversized XML
     */
    public static Object parseValue(String xml) throws WireFormatException {
        if (xml == null || xml.isBlank()) {
            return "";
        }
        // Whitespace outside the root element means nothing, but before an XML declaration it is an error.
        return parseValue(new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8)), MAX_VALUE_BYTES);
    }

    /** As {@link #parseValue(String)}, reading at most {@code maxBytes} from {@code in}. */
    public static Object parseValue(InputStream in, long maxBytes) throws WireFormatException {
        XmlRpcHandler h = new XmlRpcHandler();
        try {
            SecureXml.parse(new BoundedInputStream(in, maxBytes), h);
        } catch (WireFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new WireFormatException("cannot read XML-RPC value: " + e.getMessage(), e);
        }
        if (!"value".equals(h.rootElement()) || h.topValues().size() != 1) {
            throw new WireFormatException("expected one <value> element, found <" + h.rootElement() + ">");
        }
        return h.topValues().get(0);
    }
}
