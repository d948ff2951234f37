package org.xapicenter.xapi.transport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import javax.net.ssl.HttpsURLConnection;
import org.xapicenter.xapi.ConnectionSettings;

/**
 * HTTP details both transports share: where each endpoint lives, timeouts and TLS trust.
 *
 * <p>TLS: with no {@link ConnectionSettings#sslContext()} the JDK's default trust store and hostname
 * verification apply. A supplied context is a pinned trust decision (a certificate the user accepted
 * or gave us): XAPI hosts present self-signed certificates whose names rarely match the address
 * used, so with a supplied context the certificate check is the context's alone.
 */
final class HttpConnections {
    /** Longest we wait to establish a connection, whatever the reply timeout. */
    static final int MAX_CONNECT_TIMEOUT_MILLIS = 20_000;
    /**
     * Largest reply we read. A 10,000-VM pool's first event.from is ~90 MB of JSON or ~250 MB of XML-RPC;
     * both decoders stream into the value model (no DOM, no JsonNode tree), so the heap holds the values only.
     */
    static final long MAX_REPLY_BYTES = 512L * 1024 * 1024;

    private HttpConnections() {
    }

    /** {@code POST /} for XML-RPC. */
    static URL xmlRpcEndpoint(URI server) {
        return endpoint(server, "/");
    }

    /** {@code POST /jsonrpc} for JSON-RPC. */
    static URL jsonRpcEndpoint(URI server) {
        return endpoint(server, "/jsonrpc");
    }

    private static URL endpoint(URI server, String path) {
        String scheme = server.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("server must be an http:// or https:// URL: " + ConnectionSettings.address(server));
        }
        if (server.getHost() == null) {
            throw new IllegalArgumentException("server URL without a host: " + ConnectionSettings.address(server));
        }
        try {
            return new URI(scheme.toLowerCase(java.util.Locale.ROOT), null, server.getHost(), server.getPort(),
                    path, null, null).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException("bad server URL: " + ConnectionSettings.address(server), e);
        }
    }

    /** Applies timeouts and TLS trust to a connection about to be used for one call. */
    static void configure(URLConnection conn, ConnectionSettings settings, int replyTimeoutMillis) {
        conn.setConnectTimeout(Math.min(replyTimeoutMillis, MAX_CONNECT_TIMEOUT_MILLIS));
        conn.setReadTimeout(replyTimeoutMillis);
        conn.setUseCaches(false);
        if (conn instanceof HttpURLConnection http) {
            http.setInstanceFollowRedirects(false);
        }
        if (conn instanceof HttpsURLConnection https && settings.sslContext() != null) {
            https.setSSLSocketFactory(settings.sslContext().getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
    }

    /** Opens and configures a connection to {@code url}. */
    static HttpURLConnection open(URL url, ConnectionSettings settings, int replyTimeoutMillis) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        configure(conn, settings, replyTimeoutMillis);
        return conn;
    }

    static int millis(java.time.Duration d) {
        long ms = d.toMillis();
        return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, ms);
    }
}
