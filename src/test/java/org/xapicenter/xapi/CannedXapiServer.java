package org.xapicenter.xapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xapicenter.xapi.wire.JsonRpcMessages;
import org.xapicenter.xapi.wire.XmlRpcMessages;

/**
 * A tiny XAPI stand-in on 127.0.0.1 serving canned answers over both wire protocols ({@code /} and
 * {@code /jsonrpc}), encoded with the shared codecs. The test supplies the behaviour per method.
 */
final class CannedXapiServer implements AutoCloseable {

    /** What a canned method does with its parameters: return a value or throw a XapiException. */
    @FunctionalInterface
    interface Behaviour {
        Object answer(List<Object> params) throws XapiException;
    }

    record Call(String method, List<Object> params) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Behaviour> methods = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    CannedXapiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::xmlRpc);
        server.createContext("/jsonrpc", this::jsonRpc);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    CannedXapiServer on(String method, Behaviour b) {
        methods.put(method, b);
        return this;
    }

    List<Call> callsOf(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    private Object dispatch(String method, List<Object> params) throws XapiException {
        calls.add(new Call(method, params));
        Behaviour b = methods.get(method);
        if (b == null) {
            throw new XapiException("MESSAGE_METHOD_UNKNOWN", List.of(method));
        }
        return b.answer(params);
    }

    private void xmlRpc(HttpExchange ex) throws IOException {
        byte[] reply;
        try (InputStream in = ex.getRequestBody()) {
            XmlRpcMessages.MethodCall call = XmlRpcMessages.parseMethodCall(in, 1 << 20);
            try {
                reply = XmlRpcMessages.success(dispatch(call.methodName(), call.params()));
            } catch (XapiException e) {
                reply = XmlRpcMessages.failure(e);
            }
        }
        send(ex, "text/xml", reply);
    }

    private void jsonRpc(HttpExchange ex) throws IOException {
        byte[] reply;
        try (InputStream in = ex.getRequestBody()) {
            JsonRpcMessages.Request req = JsonRpcMessages.parseRequest(in, 1 << 20);
            try {
                reply = JsonRpcMessages.success(req, dispatch(req.method(), req.params()));
            } catch (XapiException e) {
                List<String> d = new java.util.ArrayList<>();
                d.add(e.code());
                d.addAll(e.params());
                reply = JsonRpcMessages.failure(req, d);
            }
        }
        send(ex, "application/json", reply);
    }

    static void send(HttpExchange ex, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
