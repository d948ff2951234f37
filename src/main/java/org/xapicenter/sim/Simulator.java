package org.xapicenter.sim;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import org.xapicenter.sim.console.BuiltInConsoles;
import org.xapicenter.sim.console.ConsoleBackend;
import org.xapicenter.sim.console.VncProxy;
import org.xapicenter.sim.http.ConsoleRoute;
import org.xapicenter.sim.http.HttpServer;
import org.xapicenter.sim.http.Router;
import org.xapicenter.sim.http.RpcRoute;
import org.xapicenter.sim.http.SelfSignedCertificate;
import org.xapicenter.sim.pool.HostEndpoint;
import org.xapicenter.sim.pool.HostListeners;
import org.xapicenter.sim.pool.LoopbackAddresses;
import org.xapicenter.sim.rpc.RpcEndpoint;
import org.xapicenter.sim.rpc.ServerCertificates;
import org.xapicenter.sim.rrd.RrdRoute;
import org.xapicenter.sim.rrd.RrdService;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.sim.xva.DiskContents;
import org.xapicenter.sim.xva.ExportRoute;
import org.xapicenter.sim.xva.HostRedirects;
import org.xapicenter.sim.xva.ImportRoute;
import org.xapicenter.sim.xva.TransferLimits;

/**
 * A running XAPI simulator: the demo pool served over HTTP and/or HTTPS on 127.0.0.1, XML-RPC at
 * {@code /} and JSON-RPC at {@code /jsonrpc}. Clients must talk to it over the wire;
 * {@link #store()} is for tests that need to look behind the curtain.
 *
 * <p>With {@link SimulatorOptions#poolMembers()} every host listens on its own loopback address and
 * the same port (coordinator 127.0.0.1, members 127.0.0.2...), members answer logins with
 * {@code HOST_IS_SLAVE}, and {@link #killCoordinator()} and {@link #promote(String)} act out a
 * coordinator failure and its recovery.
 */
public final class Simulator implements AutoCloseable {
    private final SimulatorCore core;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final HttpServer http;
    private final HttpServer https;
    /** Each host on its own address (poolMembers), else null and {@link #http}/{@link #https} serve. */
    private final HostListeners hosts;
    private final SelfSignedCertificate certificate;
    private final ConsoleBackend consoles;
    /** What the simulated disks hold (exports read it, imports fill it). */
    private final DiskContents disks;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Simulator(SimulatorCore core, EventLoopGroup boss, EventLoopGroup io, HttpServer http, HttpServer https,
                      HostListeners hosts, SelfSignedCertificate certificate, ConsoleBackend consoles,
                      DiskContents disks) {
        this.core = core;
        this.boss = boss;
        this.io = io;
        this.http = http;
        this.https = https;
        this.hosts = hosts;
        this.certificate = certificate;
        this.consoles = consoles;
        this.disks = disks;
    }

    /** Builds the pool and binds; returns once listening. */
    public static Simulator start(SimulatorOptions options) {
        return start(options, null);
    }

    /**
     * As {@link #start(SimulatorOptions)}, HTTPS presenting {@code certificate} (null: a fresh
     * self-signed one): tests act out a host whose certificate changed, or one signed by a CA.
     */
    public static Simulator start(SimulatorOptions options, SelfSignedCertificate certificate) {
        SimulatorCore core = new SimulatorCore(options);
        EventLoopGroup boss = new NioEventLoopGroup(1, SimulatorCore.daemonThreads("xapi-sim-accept"));
        EventLoopGroup io = new NioEventLoopGroup(2, SimulatorCore.daemonThreads("xapi-sim-io"));
        HttpServer http = null;
        HttpServer https = null;
        HostListeners hosts = null;
        DiskContents disks = new DiskContents();
        // Clones and copies of a disk hold what it holds.
        org.xapicenter.sim.rpc.DiskCopies.onCopy(core.store(), disks::copy);
        ConsoleBackend consoles = options.externalVncHost() != null
                ? new VncProxy(options.externalVncHost(), options.externalVncPort())
                : new BuiltInConsoles(core.store());
        // The hosts' performance data: computed when asked, the same for the same seed.
        RrdService rrd = RrdService.systemClock(core.store(), options.seed());
        try {
            // A pool without hosts (an empty store) has nobody to listen for: it answers on 127.0.0.1.
            if (options.poolMembers() && !core.store().refs("host").isEmpty()) {
                List<String> pool = LoopbackAddresses.assign(core.store(), core.roles().coordinator());
                SelfSignedCertificate cert = options.httpsPort() < 0 ? null : certificate != null ? certificate
                        : SelfSignedCertificate.generate(pool.stream().map(core.roles()::address).toList());
                ServerCertificates.register(core.dispatcher(), core.store(), cert == null ? null : cert.certificate());
                hosts = bindHosts(core, boss, io, options, cert, pool, consoles, disks, rrd);
                return new Simulator(core, boss, io, null, null, hosts, cert, consoles, disks);
            }
            // One listener answers as every host: each host's address must lead there.
            LoopbackAddresses.shareOne(core.store(), "127.0.0.1");
            // Generating a key pair costs seconds on a busy machine: only when HTTPS is wanted.
            SelfSignedCertificate cert = options.httpsPort() < 0 ? null
                    : certificate != null ? certificate : SelfSignedCertificate.generate();
            ServerCertificates.register(core.dispatcher(), core.store(), cert == null ? null : cert.certificate());
            Router router = routes(core, options, core.dispatcher(), consoles, disks, HostRedirects.NONE, null,
                    rrd, host -> null);
            if (options.httpPort() >= 0) {
                http = HttpServer.bind(boss, io, options.httpPort(), null, router, options.maxRequestBytes());
            }
            if (options.httpsPort() >= 0) {
                https = HttpServer.bind(boss, io, options.httpsPort(), cert, router, options.maxRequestBytes());
            }
            return new Simulator(core, boss, io, http, https, null, cert, consoles, disks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(http, https, hosts, boss, io, core, consoles);
            disks.close();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            closeQuietly(http, https, hosts, boss, io, core, consoles);
            disks.close();
            throw e;
        }
    }

    /**
     * The paths one host serves, answered by {@code endpoint}; {@code thisHost} is the host (pool
     * members mode) or null when one listener serves the whole pool.
     */
    private static Router routes(SimulatorCore core, SimulatorOptions options, RpcEndpoint endpoint,
                                 ConsoleBackend consoles, DiskContents disks, HostRedirects redirects,
                                 String thisHost, RrdService rrd, java.util.function.Function<String, URI> hostUrl) {
        java.util.function.Function<String, String> coordinator = ignored -> core.roles().coordinator();
        return new Router()
                .add("/rrd_updates", new RrdRoute(RrdRoute.Kind.UPDATES, rrd, core.workers(), options.user(),
                        options.password(), thisHost, coordinator, hostUrl))
                .add("/host_rrd", new RrdRoute(RrdRoute.Kind.HOST_RRD, rrd, core.workers(), options.user(),
                        options.password(), thisHost, coordinator, hostUrl))
                .add("/vm_rrd", new RrdRoute(RrdRoute.Kind.VM_RRD, rrd, core.workers(), options.user(),
                        options.password(), thisHost, coordinator, hostUrl))
                .add("/export", new ExportRoute(core.store(), core.tasks(), core.vms(), disks, core.workers(),
                        options.user(), options.password(), redirects, limits(options)))
                .add("/import", new ImportRoute(core.store(), core.tasks(), core.vms(), disks, core.workers(),
                        options.user(), options.password(), redirects, limits(options)))
                .add("/console", new ConsoleRoute(core.store(), consoles, options.user(), options.password(), thisHost))
                .add("/", RpcRoute.xmlRpc(endpoint, core.workers(), options.maxRequestBytes()))
                .add("/RPC2", RpcRoute.xmlRpc(endpoint, core.workers(), options.maxRequestBytes()))
                .add("/jsonrpc", RpcRoute.jsonRpc(endpoint, core.workers(), options.maxRequestBytes()));
    }

    private static TransferLimits limits(SimulatorOptions options) {
        return new TransferLimits(options.transferRate(), options.exportStall());
    }

    private static HostListeners bindHosts(SimulatorCore core, EventLoopGroup boss, EventLoopGroup io,
                                           SimulatorOptions options, SelfSignedCertificate cert, List<String> pool,
                                           ConsoleBackend consoles, DiskContents disks, RrdService rrd)
            throws InterruptedException {
        List<HostEndpoint> endpoints = new ArrayList<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        for (String host : pool) {
            endpoints.add(new HostEndpoint(host, core.roles(), core.dispatcher(), core.store()));
            addresses.put(host, core.roles().address(host));
        }
        // The listeners exist only once bound; redirects look them up when a request comes.
        java.util.concurrent.atomic.AtomicReference<HostListeners> bound = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Function<String, URI> hostUrl = host -> {
            HostListeners l = bound.get();
            return l == null || !l.listening(host) ? null : l.urls().get(host);
        };
        HostListeners listeners = HostListeners.bind(boss, io, options.httpPort(), options.httpsPort(), cert,
                endpoint -> {
                    String host = endpoint instanceof HostEndpoint h ? h.host() : null;
                    return routes(core, options, endpoint, consoles, disks,
                            host == null ? HostRedirects.NONE : new HostRedirects(core.store(), host, hostUrl), host,
                            rrd, hostUrl);
                },
                options.maxRequestBytes(), endpoints, addresses);
        bound.set(listeners);
        return listeners;
    }

    private static void closeQuietly(HttpServer http, HttpServer https, HostListeners hosts, EventLoopGroup boss,
                                     EventLoopGroup io, SimulatorCore core, ConsoleBackend consoles) {
        // Connections first, so that clients see the host go away, not errors from its shutdown.
        if (http != null) {
            http.close();
        }
        if (https != null) {
            https.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        consoles.close();
        core.close();
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * The coordinator's {@code http://<address>:<port>/}, or null when HTTP is disabled: 127.0.0.1,
     * unless pool members listen and the role has moved since.
     */
    public URI httpUrl() {
        if (hosts != null) {
            URI u = hosts.url(core.roles().coordinator());
            return u != null && "http".equals(u.getScheme()) ? u : null;
        }
        return http == null ? null : URI.create("http://127.0.0.1:" + http.port() + "/");
    }

    /** The coordinator's {@code https://<address>:<port>/}, or null when HTTPS is disabled. */
    public URI httpsUrl() {
        if (hosts != null) {
            return hosts.httpsUrl(core.roles().coordinator());
        }
        return https == null ? null : URI.create("https://127.0.0.1:" + https.port() + "/");
    }

    /**
     * Every host's URL by host ref, in pool order (HTTP, or HTTPS when HTTP is disabled). Without
     * pool members, the one URL the whole pool answers on, under the coordinator's ref.
     */
    public Map<String, URI> hostUrls() {
        if (hosts != null) {
            return hosts.urls();
        }
        Map<String, URI> one = new LinkedHashMap<>();
        one.put(core.roles().coordinator(), httpUrl() != null ? httpUrl() : httpsUrl());
        return one;
    }

    /** The URL of one host (see {@link #hostUrls()}). */
    public URI hostUrl(String host) {
        URI u = hostUrls().get(host);
        if (u == null) {
            throw new IllegalArgumentException("no URL for host " + host);
        }
        return u;
    }

    /**
     * Switches the coordinator off: its sockets close, its open connections drop, its metrics say it
     * is not live. The members keep listening and keep naming it in HOST_IS_SLAVE until one is
     * promoted. Returns the host that went down.
     */
    public String killCoordinator() {
        return kill(core.roles().coordinator());
    }

    /** Switches any host off, as {@link #killCoordinator()} does for the coordinator. */
    public String kill(String host) {
        requireMembers();
        if (!hosts.urls().containsKey(host)) {
            throw new IllegalArgumentException("not a host of this pool: " + host);
        }
        hosts.stop(host);
        core.roles().markDown(host);
        return host;
    }

    /** Switches a host on again; it rejoins as a member of the current coordinator. */
    public void revive(String host) {
        requireMembers();
        try {
            hosts.start(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        }
        core.roles().markUp(host);
    }

    /**
     * What an administrator does when the coordinator is lost: {@code pool.emergency_transition_to_master}
     * on the member {@code host}, then {@code pool.recover_slaves} on it so that the other live members
     * follow it. Every session is gone afterwards; clients log in again.
     */
    public void promote(String host) {
        if (!core.roles().isUp(host)) {
            throw new IllegalStateException("cannot promote " + host + ": it is switched off");
        }
        try {
            core.roles().emergencyTransitionToMaster(host);
        } catch (org.xapicenter.xapi.XapiException e) {
            throw new IllegalStateException("cannot promote " + host + ": " + e.getMessage(), e);
        }
        core.roles().recoverMembers();
    }

    private void requireMembers() {
        if (hosts == null) {
            throw new IllegalStateException("pool members do not listen: start with poolMembers(true)");
        }
    }

    /** The self-signed certificate HTTPS presents (generated at start), or null when HTTPS is disabled. */
    public X509Certificate certificate() {
        return certificate == null ? null : certificate.certificate();
    }

    /**
     * What {@code CONNECT /console} leads to: {@link BuiltInConsoles} (whose registry holds the text
     * consoles opened so far) or a {@link VncProxy}.
     */
    public ConsoleBackend consoleBackend() {
        return consoles;
    }

    SimulatorCore core() {
        return core;
    }

    /** What the simulated disks hold, for tests that compare an export with what was imported. */
    public DiskContents diskContents() {
        return disks;
    }

    /** The simulated pool, for tests that check what clients cannot see directly. */
    public ObjectStore store() {
        return core.store();
    }

    /** Stops serving; safe to call more than once and from several threads (e.g. a shutdown hook). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(http, https, hosts, boss, io, core, consoles);
            disks.close();
        }
    }
}
