package org.xapicenter.xapi.wire;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams XML-RPC into the value model without building a DOM: values are assembled on a stack as
 * their closing tags arrive. It collects the root element's name, a {@code methodName} if any, whether
 * a {@code <fault>} was seen, and every top-level value (call or response params, the fault's value,
 * or a standalone value). It knows nothing of what a fault means and never deserializes anything: a
 * base64 value is only ever decoded to bytes.
 */
final class XmlRpcHandler extends DefaultHandler {
    /** Longest text of one value: no XAPI string comes near it (the same bound as JSON-RPC strings). */
    private static final long MAX_TEXT_CHARS = 32L * 1024 * 1024;

    private abstract static class Frame {
    }

    private static final class ValueFrame extends Frame {
        Object result;
        boolean hasResult;
        String type;
    }

    private static final class StructFrame extends Frame {
        final Map<String, Object> map = new LinkedHashMap<>();
    }

    private static final class MemberFrame extends Frame {
        String name;
        Object value;
        boolean hasValue;
    }

    private static final class ArrayFrame extends Frame {
        final List<Object> list = new ArrayList<>();
    }

    private final Deque<Frame> stack = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private final List<Object> topValues = new ArrayList<>();
    private String rootElement;
    private String methodName;
    private boolean fault;
    private int containerDepth;

    String rootElement() {
        return rootElement;
    }

    String methodName() {
        return methodName;
    }

    boolean fault() {
        return fault;
    }

    List<Object> topValues() {
        return topValues;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws SAXException {
        String name = local(qName);
        if (rootElement == null) {
            rootElement = name;
        }
        text.setLength(0);
        Frame top = stack.peek();
        switch (name) {
            case "value" -> {
                if (top instanceof StructFrame || top instanceof ValueFrame && ((ValueFrame) top).type != null) {
                    throw error("unexpected <value>");
                }
                stack.push(new ValueFrame());
            }
            case "struct" -> {
                enterContainer(top, name);
                stack.push(new StructFrame());
            }
            case "array" -> {
                enterContainer(top, name);
                stack.push(new ArrayFrame());
            }
            case "member" -> {
                if (!(top instanceof StructFrame)) {
                    throw error("<member> outside <struct>");
                }
                stack.push(new MemberFrame());
            }
            case "name", "data" -> {
                // text or structure only: handled at the end tag or by the enclosing frame
            }
            case "string", "int", "i4", "i8", "boolean", "double", "dateTime.iso8601", "base64", "nil" -> {
                if (!(top instanceof ValueFrame v) || v.type != null || v.hasResult) {
                    throw error("<" + name + "> outside <value>");
                }
                v.type = name;
            }
            case "methodCall", "methodResponse", "methodName", "params", "param", "fault" -> {
                if (!stack.isEmpty()) {
                    throw error("<" + name + "> inside a value");
                }
                if (name.equals("fault")) {
                    fault = true;
                }
            }
            default -> throw error("unexpected element <" + name + ">");
        }
    }

    private void enterContainer(Frame top, String name) throws SAXException {
        if (!(top instanceof ValueFrame v) || v.type != null || v.hasResult) {
            throw error("<" + name + "> outside <value>");
        }
        if (++containerDepth > XmlRpcValues.MAX_DEPTH) {
            throw error("values nested deeper than " + XmlRpcValues.MAX_DEPTH);
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (text.length() + (long) length > MAX_TEXT_CHARS) {
            throw error("text longer than " + MAX_TEXT_CHARS + " characters");
        }
        text.append(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = local(qName);
        switch (name) {
            case "value" -> {
                ValueFrame v = (ValueFrame) stack.pop();
                Object result;
                if (v.hasResult) {
                    result = v.result;
                } else if (v.type == null) {
                    result = text.toString(); // untyped: a string (an int64, over XAPI)
                } else {
                    throw error("<" + v.type + "> not closed");
                }
                deliver(result);
            }
            case "struct" -> {
                StructFrame s = (StructFrame) stack.pop();
                containerDepth--;
                setResult(s.map);
            }
            case "array" -> {
                ArrayFrame a = (ArrayFrame) stack.pop();
                containerDepth--;
                setResult(a.list);
            }
            case "member" -> {
                MemberFrame m = (MemberFrame) stack.pop();
                if (m.name == null || !m.hasValue) {
                    throw error("<member> without <name> and <value>");
                }
                ((StructFrame) stack.peek()).map.put(m.name, m.value);
            }
            case "name" -> {
                if (!(stack.peek() instanceof MemberFrame m)) {
                    throw error("<name> outside <member>");
                }
                m.name = text.toString();
            }
            case "methodName" -> methodName = text.toString().trim();
            case "string", "int", "i4", "i8", "boolean", "double", "dateTime.iso8601", "base64", "nil" ->
                    setResult(convert(name, text.toString()));
            default -> {
                // structural elements with nothing to assemble
            }
        }
        text.setLength(0);
    }

    private void setResult(Object value) throws SAXException {
        if (!(stack.peek() instanceof ValueFrame v)) {
            throw error("misplaced value");
        }
        v.result = value;
        v.hasResult = true;
    }

    private void deliver(Object value) throws SAXException {
        Frame parent = stack.peek();
        if (parent == null) {
            topValues.add(value);
        } else if (parent instanceof ArrayFrame a) {
            a.list.add(value);
        } else if (parent instanceof MemberFrame m) {
            if (m.hasValue) {
                throw error("<member> with two values");
            }
            m.value = value;
            m.hasValue = true;
        } else {
            throw error("misplaced <value>");
        }
    }

    private static Object convert(String type, String raw) throws SAXException {
        String t = raw.trim();
        try {
            return switch (type) {
                case "string" -> raw;
                case "int", "i4", "i8" -> Long.parseLong(t);
                case "boolean" -> switch (t) {
                    case "1", "true" -> Boolean.TRUE;
                    case "0", "false" -> Boolean.FALSE;
                    default -> throw error("bad boolean '" + abbreviate(t) + "'");
                };
                case "double" -> parseDouble(t);
                case "dateTime.iso8601" -> {
                    Instant i = XmlRpcValues.parseDate(t);
                    yield i != null ? i : raw;
                }
                case "base64" -> Base64.getMimeDecoder().decode(t);
                case "nil" -> null;
                default -> throw error("unknown type " + type);
            };
        } catch (IllegalArgumentException e) {
            throw error("bad <" + type + "> '" + abbreviate(t) + "'");
        }
    }

    private static Double parseDouble(String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.valueOf(t);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String local(String qName) {
        int colon = qName.indexOf(':');
        return colon < 0 ? qName : qName.substring(colon + 1);
    }

    private static SAXException error(String message) {
        return new SAXException(new WireFormatException("invalid XML-RPC: " + message));
    }
}
