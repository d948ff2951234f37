package org.xapicenter.sim.pool;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.netty.channel.EventLoopGroup;

import org.xapicenter.sim.http.HttpServer;
import org.xapicenter.sim.http.Router;
import org.xapicenter.sim.http.SelfSignedCertificate;
import org.xapicenter.sim.rpc.RpcEndpoint;

/**
 * Every host of the pool on the wire: each on its own loopback address (see
 * {@link LoopbackAddresses}) and the same ports, HTTP and/or HTTPS. A host can be switched off
 * (its sockets closed, open connections dropped, as a host that loses power) and on again.
 */
public final class HostListeners implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final SelfSignedCertificate certificate;
    private final Function<RpcEndpoint, Router> routes;
    private final int maxRequestBytes;
    private final Map<String, HostEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, List<HttpServer>> servers = new LinkedHashMap<>();
    private int httpPort = -1;
    private int httpsPort = -1;

    private HostListeners(EventLoopGroup boss, EventLoopGroup io, SelfSignedCertificate certificate,
                          Function<RpcEndpoint, Router> routes, int maxRequestBytes) {
        this.boss = boss;
        this.io = io;
        this.certificate = certificate;
        this.routes = routes;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * Binds every host, the first (the coordinator) first: when a port is 0 the coordinator's actual
     * port is taken for the others. A port of -1 disables that scheme.
     *
     * @param hosts       host ref -> its endpoint, in pool order
     * @param hostAddress host ref -> the address to listen on
     */
    public static HostListeners bind(EventLoopGroup boss, EventLoopGroup io, int httpPort, int httpsPort,
                                     SelfSignedCertificate certificate, Function<RpcEndpoint, Router> routes,
                                     int maxRequestBytes, List<HostEndpoint> hosts, Map<String, String> hostAddress)
            throws InterruptedException {
        HostListeners l = new HostListeners(boss, io, certificate, routes, maxRequestBytes);
        l.httpPort = httpPort;
        l.httpsPort = httpsPort;
        try {
            for (HostEndpoint e : hosts) {
                l.endpoints.put(e.host(), e);
                l.addresses.put(e.host(), hostAddress.get(e.host()));
                l.start(e.host());
            }
            return l;
        } catch (InterruptedException | RuntimeException e) {
            l.close();
            throw e;
        }
    }

    /** Starts listening for {@code host} (again); no-op if it already listens. */
    public synchronized void start(String host) throws InterruptedException {
        if (servers.containsKey(host)) {
            return;
        }
        HostEndpoint endpoint = endpoints.get(host);
        if (endpoint == null) {
            throw new IllegalArgumentException("not a host of this pool: " + host);
        }
        String address = addresses.get(host);
        Router router = routes.apply(endpoint);
        List<HttpServer> bound = new ArrayList<>();
        try {
            if (httpPort >= 0) {
                HttpServer s = HttpServer.bind(boss, io, address, httpPort, null, router, maxRequestBytes);
                httpPort = s.port();
                bound.add(s);
            }
            if (httpsPort >= 0) {
                HttpServer s = HttpServer.bind(boss, io, address, httpsPort, certificate, router, maxRequestBytes);
                httpsPort = s.port();
                bound.add(s);
            }
        } catch (InterruptedException e) {
            bound.forEach(HttpServer::close);
            throw e;
        } catch (RuntimeException e) {
            bound.forEach(HttpServer::close);
            // macOS, for one, has only 127.0.0.1 on its loopback interface unless told otherwise.
            throw new IllegalStateException(e.getMessage() + " (each pool host needs its own loopback address "
                    + address + "; without it, run the simulator without pool members)", e);
        }
        servers.put(host, bound);
    }

    /** Stops listening for {@code host} and drops its connections, as if it lost power. */
    public synchronized void stop(String host) {
        List<HttpServer> s = servers.remove(host);
        if (s != null) {
            s.forEach(HttpServer::close);
        }
    }

    public synchronized boolean listening(String host) {
        return servers.containsKey(host);
    }

    /** {@code http://<host address>:<port>/} (https when HTTP is disabled), whether it listens or not. */
    public synchronized URI url(String host) {
        return httpPort >= 0 ? url("http", host, httpPort) : url("https", host, httpsPort);
    }

    /** The HTTPS URL of a host, or null when HTTPS is disabled. */
    public synchronized URI httpsUrl(String host) {
        return httpsPort >= 0 ? url("https", host, httpsPort) : null;
    }

    /** Every host's URL, in pool order. */
    public synchronized Map<String, URI> urls() {
        Map<String, URI> out = new LinkedHashMap<>();
        for (String host : endpoints.keySet()) {
            out.put(host, url(host));
        }
        return out;
    }

    private URI url(String scheme, String host, int port) {
        String address = addresses.get(host);
        return address == null ? null : URI.create(scheme + "://" + address + ":" + port + "/");
    }

    @Override
    public synchronized void close() {
        for (String host : new ArrayList<>(servers.keySet())) {
            stop(host);
        }
    }
}
