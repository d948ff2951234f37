package org.xapicenter.sim;

import java.net.URI;
import java.security.cert.X509Certificate;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import org.xapicenter.sim.http.HttpServer;
import org.xapicenter.sim.http.Router;
import org.xapicenter.sim.http.RpcRoute;
import org.xapicenter.sim.http.SelfSignedCertificate;
import org.xapicenter.sim.store.ObjectStore;

/**
 * A running XAPI simulator: the demo pool served over HTTP and/or HTTPS on 127.0.0.1, XML-RPC at
 * {@code /} and JSON-RPC at {@code /jsonrpc}. Clients must talk to it over the wire;
 * {@link #store()} is for tests that need to look behind the curtain.
 */
public final class Simulator implements AutoCloseable {
    private final SimulatorCore core;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final HttpServer http;
    private final HttpServer https;
    private final SelfSignedCertificate certificate;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Simulator(SimulatorCore core, EventLoopGroup boss, EventLoopGroup io, HttpServer http, HttpServer https,
                      SelfSignedCertificate certificate) {
        this.core = core;
        this.boss = boss;
        this.io = io;
        this.http = http;
        this.https = https;
        this.certificate = certificate;
    }

    /** Builds the pool and binds; returns once listening. */
    public static Simulator start(SimulatorOptions options) {
        SimulatorCore core = new SimulatorCore(options);
        EventLoopGroup boss = new NioEventLoopGroup(1, SimulatorCore.daemonThreads("xapi-sim-accept"));
        EventLoopGroup io = new NioEventLoopGroup(2, SimulatorCore.daemonThreads("xapi-sim-io"));
        HttpServer http = null;
        HttpServer https = null;
        try {
            Router router = new Router()
                    .add("/", RpcRoute.xmlRpc(core.dispatcher(), core.workers(), options.maxRequestBytes()))
                    .add("/RPC2", RpcRoute.xmlRpc(core.dispatcher(), core.workers(), options.maxRequestBytes()))
                    .add("/jsonrpc", RpcRoute.jsonRpc(core.dispatcher(), core.workers(), options.maxRequestBytes()));
            // Generating a key pair costs seconds on a busy machine: only when HTTPS is wanted.
            SelfSignedCertificate cert = options.httpsPort() >= 0 ? SelfSignedCertificate.generate() : null;
            if (options.httpPort() >= 0) {
                http = HttpServer.bind(boss, io, options.httpPort(), null, router, options.maxRequestBytes());
            }
            if (options.httpsPort() >= 0) {
                https = HttpServer.bind(boss, io, options.httpsPort(), cert, router, options.maxRequestBytes());
            }
            return new Simulator(core, boss, io, http, https, cert);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(http, https, boss, io, core);
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            closeQuietly(http, https, boss, io, core);
            throw e;
        }
    }

    private static void closeQuietly(HttpServer http, HttpServer https, EventLoopGroup boss, EventLoopGroup io,
                                     SimulatorCore core) {
        // Connections first, so that clients see the host go away, not errors from its shutdown.
        if (http != null) {
            http.close();
        }
        if (https != null) {
            https.close();
        }
        core.close();
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** {@code http://127.0.0.1:<port>/}, or null when HTTP is disabled. */
    public URI httpUrl() {
        return http == null ? null : URI.create("http://127.0.0.1:" + http.port() + "/");
    }

    /** {@code https://127.0.0.1:<port>/}, or null when HTTPS is disabled. */
    public URI httpsUrl() {
        return https == null ? null : URI.create("https://127.0.0.1:" + https.port() + "/");
    }

    /** The self-signed certificate HTTPS presents (generated at start), or null when HTTPS is disabled. */
    public X509Certificate certificate() {
        return certificate == null ? null : certificate.certificate();
    }

    /** The simulated pool, for tests that check what clients cannot see directly. */
    public ObjectStore store() {
        return core.store();
    }

    /** Stops serving; safe to call more than once and from several threads (e.g. a shutdown hook). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(http, https, boss, io, core);
        }
    }
}
