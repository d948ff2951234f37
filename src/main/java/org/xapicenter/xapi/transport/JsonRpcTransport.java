package org.xapicenter.xapi.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.RpcTransport;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.wire.JsonRpcMessages;

/**
 * XAPI over JSON-RPC v2 ({@code POST /jsonrpc}) on Jackson and {@link HttpURLConnection}, which lets
 * each connection carry the settings' TLS trust. Thread-safe.
 */
public final class JsonRpcTransport implements RpcTransport {
    private final ConnectionSettings settings;
    private final URL endpoint;
    private final AtomicLong ids = new AtomicLong();
    private final InFlightCalls inFlight = new InFlightCalls();

    public JsonRpcTransport(ConnectionSettings settings) {
        this.settings = settings;
        this.endpoint = HttpConnections.jsonRpcEndpoint(settings.server());
    }

    @Override
    public Object call(String method, List<?> params) throws XapiException, IOException {
        return call(method, params, HttpConnections.millis(settings.replyTimeout()));
    }

    @Override
    public Object call(String method, List<?> params, int replyTimeoutMillis) throws XapiException, IOException {
        byte[] body = JsonRpcMessages.request(method, params, ids.incrementAndGet());
        try (InFlightCalls.Call call = inFlight.begin(replyTimeoutMillis)) {
            try {
                return exchange(body, replyTimeoutMillis);
            } catch (IOException | XapiException e) {
                IOException ended = call.ended(e, settings.serverAddress());
                if (ended != null) {
                    throw ended;
                }
                if (e instanceof IOException io && ReplyFailures.isParseFailure(io)) {
                    Exception why = ReplyFailures.unreadable(settings.serverAddress(), io);
                    if (why instanceof XapiException x) {
                        throw x;
                    }
                    throw (IOException) why;
                }
                throw e;
            }
        }
    }

    /** Ends every call in flight; each fails with an IOException saying so. */
    @Override
    public void abortCalls() {
        inFlight.abortAll();
    }

    private Object exchange(byte[] body, int replyTimeoutMillis) throws XapiException, IOException {
        HttpURLConnection conn = HttpConnections.open(endpoint, settings, replyTimeoutMillis);
        InFlightCalls.attachToCurrent(conn);
        try {
            conn.setRequestMethod("POST");
            conn.setDoOutput(true);
            conn.setRequestProperty("Content-Type", "application/json");
            conn.setRequestProperty("Accept", "application/json");
            conn.setRequestProperty("User-Agent", "XapiCenter");
            conn.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = conn.getOutputStream()) {
                out.write(body);
            }
            int status = conn.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw ReplyFailures.status(settings.serverAddress(), status, conn.getResponseMessage());
            }
            XapiException notXapi = ReplyFailures.notXapi(settings.serverAddress(), conn.getContentType());
            if (notXapi != null) {
                throw notXapi;
            }
            try (InputStream in = conn.getInputStream()) {
                return JsonRpcMessages.readReply(in, HttpConnections.MAX_REPLY_BYTES);
            }
        } catch (IOException | XapiException | RuntimeException e) {
            conn.disconnect();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "JsonRpcTransport[" + endpoint + "]";
    }
}
