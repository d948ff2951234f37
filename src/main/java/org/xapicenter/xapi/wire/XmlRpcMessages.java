package org.xapicenter.xapi.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.XapiException;

/**
 * Whole XML-RPC messages in XAPI's shapes (XAPI-PROTOCOL.md §1), for both ends of the wire.
 *
 * <p>Server side (the simulator): {@link #parseMethodCall(InputStream, long)},
 * {@link #success(Object)}, {@link #failure(List)}, {@link #bare(Object)} (only for
 * {@code system.listMethods}). XAPI never answers with {@code <fault>}; neither do we.
 *
 * <p>Client side: {@link #methodCall(String, List)} and {@link #readReply(InputStream, long)}, which
 * turns a {@code {Status, Value}} reply into the value and a {@code {Status, ErrorDescription}} reply
 * into a {@link XapiException}. A {@code <fault>} (not something XAPI sends) becomes
 * {@code XMLRPC_FAULT [faultCode, faultString]}; its {@code faultCause} is never looked at, let alone
 * deserialized.
 *
 * <p>Messages are returned as UTF-8 bytes with an XML declaration; every string is escaped as
 * {@link XmlRpcValues} describes.
 */
public final class XmlRpcMessages {
    /** Code of the {@link XapiException} raised for a {@code <fault>} reply. */
    public static final String FAULT_CODE = "XMLRPC_FAULT";
    /** Code of the {@link XapiException} raised for a reply that is valid XML-RPC but not XAPI's shape. */
    public static final String PROTOCOL_ERROR = "XAPICENTER_PROTOCOL_ERROR";

    private static final String DECL = "<?xml version=\"1.0\"?>";

    private XmlRpcMessages() {
    }

    /** A parsed {@code <methodCall>}. */
    public record MethodCall(String methodName, List<Object> params) {
        public MethodCall {
            params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
        }
    }

    /** A parsed {@code <methodResponse>}: its one value, or the fault struct when {@code fault}. */
    public record MethodResponse(Object value, boolean fault) {
    }

    // ---- server side --------------------------------------------------------------------------

    /**
     * Reads a {@code <methodCall>} of at most {@code maxBytes}.
     *
     * @throws WireFormatException malformed, forbidden or oversized XML, or not a method call
     * @throws IOException the stream failed
     */
    public static MethodCall parseMethodCall(InputStream in, long maxBytes) throws IOException {
        XmlRpcHandler h = parse(in, maxBytes);
        if (!"methodCall".equals(h.rootElement()) || h.methodName() == null || h.methodName().isEmpty()) {
            throw new WireFormatException("not an XML-RPC <methodCall> with a <methodName>");
        }
        return new MethodCall(h.methodName(), h.topValues());
    }

    /** {@code {Status: "Success", Value: value}}. */
    public static byte[] success(Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", "Success");
        m.put("Value", value);
        return response(m);
    }

    /** {@code {Status: "Failure", ErrorDescription: [code, params...]}}. */
    public static byte[] failure(List<String> errorDescription) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", "Failure");
        m.put("ErrorDescription", List.copyOf(errorDescription));
        return response(m);
    }

    /** As {@link #failure(List)} from an exception's code and parameters. */
    public static byte[] failure(XapiException e) {
        List<String> d = new ArrayList<>();
        d.add(e.code());
        d.addAll(e.params());
        return failure(d);
    }

    /** A reply carrying {@code value} itself, not wrapped in a status struct (system.listMethods). */
    public static byte[] bare(Object value) {
        return response(value);
    }

    private static byte[] response(Object value) {
        StringBuilder sb = new StringBuilder(DECL).append("<methodResponse><params><param>");
        XmlRpcValues.write(value, sb);
        sb.append("</param></params></methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- client side --------------------------------------------------------------------------

    /** A {@code <methodCall>} of {@code method} with {@code params}. */
    public static byte[] methodCall(String method, List<?> params) {
        StringBuilder sb = new StringBuilder(DECL).append("<methodCall><methodName>");
        XmlRpcValues.escape(method, sb);
        sb.append("</methodName><params>");
        for (Object p : params) {
            sb.append("<param>");
            XmlRpcValues.write(p, sb);
            sb.append("</param>");
        }
        sb.append("</params></methodCall>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a {@code <methodResponse>} of at most {@code maxBytes}, without interpreting it.
     *
     * @throws WireFormatException malformed, forbidden or oversized XML, or not one response value
     */
    public static MethodResponse parseMethodResponse(InputStream in, long maxBytes) throws IOException {
        XmlRpcHandler h = parse(in, maxBytes);
        if (!"methodResponse".equals(h.rootElement()) || h.topValues().size() != 1) {
            throw new WireFormatException("not an XML-RPC <methodResponse> with one value");
        }
        return new MethodResponse(h.topValues().get(0), h.fault());
    }

    /**
     * Reads a XAPI reply and returns its {@code Value}.
     *
     * @throws XapiException a {@code Failure} reply ({@code ErrorDescription}), a {@code <fault>}
     *     ({@link #FAULT_CODE}), or a struct that is neither ({@link #PROTOCOL_ERROR})
     * @throws WireFormatException the reply is not well-formed, safe XML-RPC
     * @throws IOException the stream failed
     */
    public static Object readReply(InputStream in, long maxBytes) throws XapiException, IOException {
        return decode(parseMethodResponse(in, maxBytes));
    }

    /** Interprets a parsed response as {@link #readReply} does. */
    public static Object decode(MethodResponse response) throws XapiException {
        Object v = response.value();
        if (response.fault()) {
            // faultCause (a serialized Java exception in Apache XML-RPC's extension) is ignored on purpose.
            String code = "";
            String text = "";
            if (v instanceof Map<?, ?> m) {
                code = String.valueOf(m.get("faultCode"));
                text = String.valueOf(m.get("faultString"));
            }
            throw new XapiException(FAULT_CODE, List.of(code, text));
        }
        if (v instanceof Map<?, ?> m && m.get("Status") instanceof String status) {
            if ("Success".equals(status)) {
                return m.get("Value");
            }
            if ("Failure".equals(status)) {
                Object d = m.get("ErrorDescription");
                throw XapiException.fromDescription(d instanceof List<?> l ? l : null);
            }
            throw new XapiException(PROTOCOL_ERROR, List.of("unknown Status " + status));
        }
        // Only system.listMethods answers without a status struct.
        return v;
    }

    private static XmlRpcHandler parse(InputStream in, long maxBytes) throws IOException {
        XmlRpcHandler h = new XmlRpcHandler();
        SecureXml.parse(new BoundedInputStream(in, maxBytes), h);
        return h;
    }
}
