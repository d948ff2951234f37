package org.xapicenter.xapi.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.XapiException;

/**
 * XAPI's JSON-RPC (XAPI-PROTOCOL.md §1) on Jackson, for both ends of the wire.
 *
 * <p>Values use the same model as {@link XmlRpcValues}: JSON integers become {@code Long}, other
 * numbers {@code Double}, strings {@code String}, {@code true/false} {@code Boolean}, {@code null}
 * {@code null}, arrays {@code List<Object>}, objects {@code Map<String, Object>}. Written dates are
 * strings {@code YYYYMMDDTHH:MM:SSZ} (JSON has no date type; XAPI sends strings); NaN and infinities,
 * which JSON cannot carry, are written as the strings {@code %.16g} gives.
 *
 * <p>Server side: {@link #parseRequest(InputStream, long)}, {@link #success(Request, Object)},
 * {@link #failure(Request, List)}: v1 replies {@code {"result":v,"error":null,"id":..}} /
 * {@code {"result":null,"error":["CODE",...],"id":..}}, v2 replies
 * {@code {"jsonrpc":"2.0","result":v,"id":..}} /
 * {@code {"jsonrpc":"2.0","error":{"code":1,"message":"CODE","data":[params]},"id":..}}.
 *
 * <p>Client side: {@link #request(String, List, long)} (v2) and {@link #readReply(InputStream, long)},
 * which accepts both versions' shapes and raises {@link XapiException} for an error.
 *
 * <p>Parsing is bounded (size, {@link XmlRpcValues#MAX_DEPTH} nesting); bad input becomes a
 * {@link WireFormatException}.
 */
public final class JsonRpcMessages {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(XmlRpcValues.MAX_DEPTH + 4)
                    .maxNumberLength(400)
                    // the same bound as an XML-RPC text: no XAPI string comes near it
                    .maxStringLength(32 * 1024 * 1024)
                    .build())
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpcMessages() {
    }

    /**
     * A parsed request.
     *
     * @param id the request's id exactly as sent (echoed in the reply); never {@code null} in a valid request
     * @param v2 whether {@code "jsonrpc":"2.0"} was given
     */
    public record Request(String method, List<Object> params, JsonNode id, boolean v2) {
        public Request {
            params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
        }
    }

    // ---- server side --------------------------------------------------------------------------

    /**
     * Reads one JSON-RPC request of at most {@code maxBytes}.
     *
     * @throws WireFormatException not JSON, oversized, too deep, or missing {@code method}/{@code id}
     */
    public static Request parseRequest(InputStream in, long maxBytes) throws IOException {
        JsonNode root = readTree(in, maxBytes);
        if (!root.isObject()) {
            throw new WireFormatException("JSON-RPC request is not an object");
        }
        JsonNode method = root.get("method");
        if (method == null || !method.isTextual() || method.asText().isEmpty()) {
            throw new WireFormatException("JSON-RPC request without a method");
        }
        JsonNode id = root.get("id");
        if (id == null) {
            throw new WireFormatException("JSON-RPC request without an id");
        }
        JsonNode params = root.get("params");
        List<Object> list = new ArrayList<>();
        if (params != null && !params.isNull()) {
            if (!params.isArray()) {
                throw new WireFormatException("JSON-RPC params is not an array");
            }
            params.forEach(p -> list.add(toValue(p)));
        }
        JsonNode version = root.get("jsonrpc");
        boolean v2 = version != null && "2.0".equals(version.asText());
        return new Request(method.asText(), list, id, v2);
    }

    /** A success reply to {@code request} in its version's shape. */
    public static byte[] success(Request request, Object value) {
        return success(request.id(), request.v2(), value);
    }

    /** A success reply; {@code id} {@code null} writes JSON {@code null}. */
    public static byte[] success(JsonNode id, boolean v2, Object value) {
        ObjectNode o = NODES.objectNode();
        if (v2) {
            o.put("jsonrpc", "2.0");
            o.set("result", toJson(value));
        } else {
            o.set("result", toJson(value));
            o.putNull("error");
        }
        o.set("id", id == null ? NullNode.instance : id);
        return write(o);
    }

    /** A failure reply to {@code request}: {@code errorDescription} is {@code [code, params...]}. */
    public static byte[] failure(Request request, List<String> errorDescription) {
        return failure(request.id(), request.v2(), errorDescription);
    }

    /** A failure reply; {@code id} {@code null} writes JSON {@code null} (for unparseable requests). */
    public static byte[] failure(JsonNode id, boolean v2, List<String> errorDescription) {
        ObjectNode o = NODES.objectNode();
        if (v2) {
            o.put("jsonrpc", "2.0");
            ObjectNode err = o.putObject("error");
            err.put("code", 1);
            err.put("message", errorDescription.isEmpty() ? "INTERNAL_ERROR" : errorDescription.get(0));
            ArrayNode data = err.putArray("data");
            errorDescription.stream().skip(1).forEach(data::add);
        } else {
            o.putNull("result");
            ArrayNode err = o.putArray("error");
            errorDescription.forEach(err::add);
        }
        o.set("id", id == null ? NullNode.instance : id);
        return write(o);
    }

    // ---- client side --------------------------------------------------------------------------

    /** A JSON-RPC v2 request. */
    public static byte[] request(String method, List<?> params, long id) {
        ObjectNode o = NODES.objectNode();
        o.put("jsonrpc", "2.0");
        o.put("method", method);
        ArrayNode p = o.putArray("params");
        params.forEach(x -> p.add(toJson(x)));
        o.put("id", id);
        return write(o);
    }

    /**
     * Reads a reply (v1 or v2) of at most {@code maxBytes} and returns its {@code result}.
     *
     * @throws XapiException the reply carries an error: v1 {@code ["CODE", params...]}, v2
     *     {@code {message: CODE, data: [params]}}; a generic JSON-RPC error without XAPI data becomes
     *     {@code JSONRPC_ERROR [code, message]}
     * @throws WireFormatException not a JSON-RPC reply, oversized or too deep
     */
    public static Object readReply(InputStream in, long maxBytes) throws XapiException, IOException {
        // Streamed straight into the value model: a first event.from of a large pool is tens of
        // megabytes, and a JsonNode tree of it next to the model would double the memory it needs.
        try (JsonParser p = MAPPER.getFactory().createParser(new BoundedInputStream(in, maxBytes))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new WireFormatException("empty JSON-RPC message");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new WireFormatException("JSON-RPC reply is not an object");
            }
            boolean hasResult = false;
            Object result = null;
            JsonNode error = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("result".equals(field)) {
                    hasResult = true;
                    result = readValue(p, value);
                } else if ("error".equals(field)) {
                    error = MAPPER.readTree(p); // small, and its shape varies: a tree is simplest
                } else {
                    p.skipChildren();
                }
            }
            if (error != null && !error.isNull()) {
                throw toException(error);
            }
            if (!hasResult) {
                throw new WireFormatException("JSON-RPC reply with neither result nor error");
            }
            return result;
        } catch (WireFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new WireFormatException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value starting at the current token, as {@link #toValue(JsonNode)} would make it. */
    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new WireFormatException("JSON-RPC reply ends in the middle of a value");
        }
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue().toString() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
                    list.add(readValue(p, x));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken x = p.nextToken(); x != JsonToken.END_OBJECT; x = p.nextToken()) {
                    String key = p.currentName();
                    map.put(key, readValue(p, p.nextToken()));
                }
                return map;
            }
            default:
                throw new WireFormatException("unexpected JSON token " + t);
        }
    }

    private static XapiException toException(JsonNode error) {
        if (error.isArray()) {
            List<Object> d = new ArrayList<>();
            error.forEach(e -> d.add(e.isValueNode() ? e.asText() : e.toString()));
            return XapiException.fromDescription(d);
        }
        if (error.isObject()) {
            JsonNode message = error.get("message");
            JsonNode data = error.get("data");
            String code = message == null ? "" : message.asText();
            if (data != null && data.isArray()) {
                List<String> params = new ArrayList<>();
                data.forEach(e -> params.add(e.isValueNode() ? e.asText() : e.toString()));
                return new XapiException(code, params);
            }
            JsonNode numeric = error.get("code");
            if (data == null && code.matches("[A-Z][A-Z0-9_]*")) {
                return new XapiException(code, List.of());
            }
            return new XapiException("JSONRPC_ERROR",
                    List.of(numeric == null ? "" : numeric.asText(), code));
        }
        return new XapiException("JSONRPC_ERROR", List.of("", error.asText()));
    }

    // ---- values -------------------------------------------------------------------------------

    /** A JSON tree as the value model. */
    public static Object toValue(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            if (n.canConvertToLong()) {
                return n.longValue();
            }
            return n.bigIntegerValue().toString();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>(n.size());
            n.forEach(x -> list.add(toValue(x)));
            return list;
        }
        if (n.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), toValue(e.getValue()));
            }
            return map;
        }
        if (n.isBinary()) {
            return n.asText();
        }
        return n.asText();
    }

    /**
     * A value of the model as a JSON tree.
     *
     * @throws IllegalArgumentException a type outside the value model
     */
    public static JsonNode toJson(Object v) {
        return toJson(v, 0);
    }

    private static JsonNode toJson(Object v, int depth) {
        if (depth > XmlRpcValues.MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + XmlRpcValues.MAX_DEPTH);
        }
        if (v == null) {
            return NullNode.instance;
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Int32 i4) {
            return NODES.numberNode(i4.value());
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return NODES.textNode(XmlRpcValues.formatDouble(d));
            }
            return NODES.numberNode(d);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Instant i) {
            return NODES.textNode(XmlRpcValues.formatDate(i));
        }
        if (v instanceof Date d) {
            return NODES.textNode(XmlRpcValues.formatDate(d.toInstant()));
        }
        if (v instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), toJson(x, depth + 1)));
            return o;
        }
        if (v instanceof Object[] arr) {
            return toJson(Arrays.asList(arr), depth);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode(c.size());
            c.forEach(x -> a.add(toJson(x, depth + 1)));
            return a;
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.toString());
        }
        throw new IllegalArgumentException("not a JSON-RPC value: " + v.getClass().getName());
    }

    private static JsonNode readTree(InputStream in, long maxBytes) throws IOException {
        try {
            JsonNode root = MAPPER.readTree(new BoundedInputStream(in, maxBytes));
            if (root == null || root.isMissingNode()) {
                throw new WireFormatException("empty JSON-RPC message");
            }
            return root;
        } catch (WireFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new WireFormatException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] write(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
