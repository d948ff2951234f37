package org.xapicenter.xapi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach one XAPI server.
 *
 * @param server base URL, {@code https://host[:port]} or {@code http://host[:port]}; paths such as
 *     {@code /jsonrpc} are derived from it
 * @param protocol the RPC encoding
 * @param sslContext TLS trust for https (and, later, every side channel); {@code null} means the JDK
 *     default trust store
 * @param replyTimeout how long to wait for an ordinary reply
 */
public record ConnectionSettings(URI server, Protocol protocol, SSLContext sslContext, Duration replyTimeout) {

    public ConnectionSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
    }

    public static ConnectionSettings of(URI server, Protocol protocol) {
        return new ConnectionSettings(server, protocol, null, Duration.ofSeconds(60));
    }

    public ConnectionSettings withSslContext(SSLContext context) {
        return new ConnectionSettings(server, protocol, context, replyTimeout);
    }

    public ConnectionSettings withServer(URI newServer) {
        return new ConnectionSettings(newServer, protocol, sslContext, replyTimeout);
    }

    public ConnectionSettings withProtocol(Protocol newProtocol) {
        return new ConnectionSettings(server, newProtocol, sslContext, replyTimeout);
    }

    public ConnectionSettings withReplyTimeout(Duration timeout) {
        return new ConnectionSettings(server, protocol, sslContext, timeout);
    }

    /**
     * The server as {@code scheme://host[:port]}, the only form fit for messages and logs: a URL's
     * user-info may carry a password, and its path or query is not ours to print either.
     */
    public String serverAddress() {
        return address(server);
    }

    /** {@code scheme://host[:port]} of {@code uri}, without user-info, path, query or fragment. */
    public static String address(URI uri) {
        StringBuilder b = new StringBuilder();
        if (uri.getScheme() != null) {
            b.append(uri.getScheme()).append("://");
        }
        b.append(uri.getHost() != null ? uri.getHost() : "?");
        if (uri.getPort() >= 0) {
            b.append(':').append(uri.getPort());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + serverAddress() + ", " + protocol
                + (sslContext != null ? ", pinned trust" : "") + ", replyTimeout=" + replyTimeout + "]";
    }
}
