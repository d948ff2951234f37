package org.xapicenter.xapi.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientException;
import org.apache.xmlrpc.client.XmlRpcHttpClientConfig;
import org.apache.xmlrpc.client.XmlRpcSunHttpTransport;
import org.apache.xmlrpc.client.XmlRpcTransportFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.wire.XmlRpcMessages;

/**
 * Apache XML-RPC's HTTP transport with its two dangerous ends replaced: requests are written by our
 * XAPI-flavoured encoder (ints untyped, dates without dashes, no Apache extensions), and replies are
 * read by our hardened parser ({@link XmlRpcMessages#parseMethodResponse}), which refuses DOCTYPEs and
 * never deserializes a {@code faultCause}. Apache's own {@code XmlRpcResponseParser} is never reached.
 *
 * <p>{@link #sendRequest} returns an {@link XmlRpcMessages.MethodResponse}; the caller decodes it.
 */
final class HardenedHttpTransport extends XmlRpcSunHttpTransport {
    private final ConnectionSettings settings;
    private int replyTimeoutMillis;

    HardenedHttpTransport(XmlRpcClient client, ConnectionSettings settings) {
        super(client);
        this.settings = settings;
    }

    /** Makes one hardened transport per request, as Apache's factories do. */
    static final class Factory extends XmlRpcTransportFactoryImpl {
        private final ConnectionSettings settings;

        Factory(XmlRpcClient client, ConnectionSettings settings) {
            super(client);
            this.settings = settings;
        }

        @Override
        public org.apache.xmlrpc.client.XmlRpcTransport getTransport() {
            return new HardenedHttpTransport(getClient(), settings);
        }
    }

    @Override
    public Object sendRequest(XmlRpcRequest request) throws XmlRpcException {
        XmlRpcHttpClientConfig config = (XmlRpcHttpClientConfig) request.getConfig();
        replyTimeoutMillis = config.getReplyTimeout() > 0 ? config.getReplyTimeout()
                : HttpConnections.millis(settings.replyTimeout());
        return super.sendRequest(request);
    }

    @Override
    protected URLConnection newURLConnection(URL url) throws IOException {
        URLConnection conn = super.newURLConnection(url);
        HttpConnections.configure(conn, settings, replyTimeoutMillis);
        if (conn instanceof java.net.HttpURLConnection http) {
            InFlightCalls.attachToCurrent(http);
        }
        return conn;
    }

    @Override
    protected ReqWriter newReqWriter(XmlRpcRequest request) {
        List<Object> params = new ArrayList<>(request.getParameterCount());
        for (int i = 0; i < request.getParameterCount(); i++) {
            params.add(request.getParameter(i));
        }
        byte[] body = XmlRpcMessages.methodCall(request.getMethodName(), params);
        return (OutputStream out) -> {
            try (out) {
                out.write(body);
            }
        };
    }

    @Override
    protected Object readResponse(XmlRpcStreamRequestConfig config, InputStream in) throws XmlRpcException {
        URLConnection conn = getURLConnection();
        org.xapicenter.xapi.XapiException notXapi = conn == null ? null
                : ReplyFailures.notXapi(settings.serverAddress(), conn.getContentType());
        if (notXapi != null) {
            throw new XmlRpcClientException(notXapi.getMessage(), notXapi);
        }
        try {
            return XmlRpcMessages.parseMethodResponse(in, HttpConnections.MAX_REPLY_BYTES);
        } catch (IOException e) {
            throw new XmlRpcClientException("cannot read the server's reply: " + e.getMessage(), e);
        }
    }

    @Override
    protected org.xml.sax.XMLReader newXMLReader() throws XmlRpcException {
        // Only Apache's own readResponse asks for a reader, and we replaced it.
        throw new XmlRpcClientException("Apache's XML-RPC response parser is disabled", null);
    }
}
