package org.xapicenter.xapi.transport;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.RpcTransport;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSecurity;
import org.xapicenter.xapi.wire.WireFormatException;
import org.xapicenter.xapi.wire.XmlRpcMessages;

/**
 * XAPI over XML-RPC ({@code POST /}) on Apache XML-RPC client 3.1.3, hardened: see
 * {@link HardenedHttpTransport} and {@link XapiSecurity}. Thread-safe; every call opens (or reuses
 * from the JDK's keep-alive pool) its own HTTP connection.
 */
public final class XmlRpcTransport implements RpcTransport {
    private final ConnectionSettings settings;
    private final URL endpoint;
    private final XmlRpcClient client;
    private final InFlightCalls inFlight = new InFlightCalls();

    public XmlRpcTransport(ConnectionSettings settings) {
        XapiSecurity.install();
        this.settings = settings;
        this.endpoint = HttpConnections.xmlRpcEndpoint(settings.server());
        this.client = new XmlRpcClient();
        client.setTransportFactory(new HardenedHttpTransport.Factory(client, settings));
    }

    @Override
    public Object call(String method, List<?> params) throws XapiException, IOException {
        return call(method, params, HttpConnections.millis(settings.replyTimeout()));
    }

    @Override
    public Object call(String method, List<?> params, int replyTimeoutMillis) throws XapiException, IOException {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setServerURL(endpoint);
        config.setEncoding("UTF-8");
        config.setReplyTimeout(replyTimeoutMillis);
        config.setConnectionTimeout(Math.min(replyTimeoutMillis, HttpConnections.MAX_CONNECT_TIMEOUT_MILLIS));
        config.setUserAgent("XapiCenter");
        Object reply;
        try (InFlightCalls.Call call = inFlight.begin(replyTimeoutMillis)) {
            try {
                reply = client.execute(config, method, params.toArray());
            } catch (XmlRpcException e) {
                IOException ended = call.ended(e, settings.serverAddress());
                if (ended != null) {
                    throw ended;
                }
                for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                    if (t instanceof XapiException x) {
                        throw x; // refused by its content type before parsing
                    }
                }
                if (!(e instanceof XmlRpcHttpTransportException) && ReplyFailures.isParseFailure(e)) {
                    Exception why = ReplyFailures.unreadable(settings.serverAddress(), rootOf(e));
                    if (why instanceof XapiException x) {
                        throw x;
                    }
                    throw (IOException) why;
                }
                throw toIOException(e);
            }
        }
        return XmlRpcMessages.decode((XmlRpcMessages.MethodResponse) reply);
    }

    /** Ends every call in flight; each fails with an IOException saying so. */
    @Override
    public void abortCalls() {
        inFlight.abortAll();
    }

    private static Throwable rootOf(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private IOException toIOException(XmlRpcException e) {
        if (e instanceof XmlRpcHttpTransportException http) {
            return ReplyFailures.status(settings.serverAddress(), http.getStatusCode(), http.getStatusMessage());
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof WireFormatException wire) {
                return wire;
            }
            if (t instanceof IOException io) {
                return io;
            }
        }
        return new IOException("XML-RPC call to " + settings.serverAddress() + " failed: " + e.getMessage());
    }

    @Override
    public String toString() {
        return "XmlRpcTransport[" + endpoint + "]";
    }
}
