package org.xapicenter.sim.http;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Path prefix to route, longest prefix wins, as xapi does: {@code /jsonrpc} beats {@code /}, while
 * {@code /xmlrpc} (no route of its own) lands on {@code /}. Later handlers (/export, /import,
 * /console, /rrd_updates) are added with {@link #add}.
 */
public final class Router {
    private final Map<String, Route> routes = new ConcurrentSkipListMap<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    public Router add(String prefix, Route route) {
        routes.put(prefix, route);
        return this;
    }

    public Optional<Route> find(String uri) {
        String path = uri;
        if (!path.startsWith("/")) {
            // Absolute form (http://host/path), as sent to proxies: route on the path.
            try {
                path = java.net.URI.create(uri).getRawPath();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (path == null || path.isEmpty()) {
                path = "/";
            }
        }
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        for (Map.Entry<String, Route> e : routes.entrySet()) {
            if (path.startsWith(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
