package org.xapicenter.xapi.sidechannel;

import java.net.URI;
import java.util.Locale;
import org.xapicenter.xapi.ConnectionSettings;

/**
 * A host to open a side channel to, with the API connection's scheme (so its TLS trust) and port.
 *
 * @param host as it appears in a URL (an IPv6 literal keeps its brackets)
 */
public record Endpoint(String host, int port, boolean tls) {

    /**
     * {@code host} reached with the scheme and port of the API connection: every host of a pool serves
     * the API port, and a location or redirect from xapi never carries one.
     *
     * @throws IllegalArgumentException the API connection is not http(s)
     */
    public static Endpoint of(ConnectionSettings settings, String host) {
        URI api = settings.server();
        String scheme = api.getScheme() == null ? "" : api.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        if (!tls && !scheme.equals("http")) {
            throw new IllegalArgumentException("the API connection is not http(s)");
        }
        int port = api.getPort() >= 0 ? api.getPort() : tls ? 443 : 80;
        return new Endpoint(host, port, tls);
    }

    /** The API host itself. */
    public static Endpoint api(ConnectionSettings settings) {
        return of(settings, settings.server().getHost());
    }

    /** The same scheme, another host and (when a redirect names one) port. */
    public Endpoint redirectedTo(String newHost, int newPort) {
        return new Endpoint(newHost, newPort >= 0 ? newPort : port, tls);
    }

    /** The name the resolver wants: an IPv6 literal without its brackets. */
    public String socketHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The {@code Host:} header value: the port only when it is not the scheme's default. */
    public String hostHeader() {
        int defaultPort = tls ? 443 : 80;
        return port == defaultPort ? host : host + ":" + port;
    }
}
