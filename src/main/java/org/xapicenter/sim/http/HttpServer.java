package org.xapicenter.sim.http;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;

/** One listening socket (plain or TLS) on a loopback address (127.0.0.1 unless told) serving a {@link Router}. */
public final class HttpServer implements AutoCloseable {
    private final Channel channel;
    /** Every open connection, so that closing the server drops them like a host going down. */
    private final ChannelGroup connections;

    private HttpServer(Channel channel, ChannelGroup connections) {
        this.channel = channel;
        this.connections = connections;
    }

    /**
     * Binds and returns once listening.
     *
     * @param tls null for plain HTTP
     */
    public static HttpServer bind(EventLoopGroup boss, EventLoopGroup io, int port, SelfSignedCertificate tls,
                                  Router router, int maxRequestBytes) throws InterruptedException {
        return bind(boss, io, "127.0.0.1", port, tls, router, maxRequestBytes);
    }

    /** As {@link #bind(EventLoopGroup, EventLoopGroup, int, SelfSignedCertificate, Router, int)} on another address. */
    public static HttpServer bind(EventLoopGroup boss, EventLoopGroup io, String address, int port,
                                  SelfSignedCertificate tls, Router router, int maxRequestBytes)
            throws InterruptedException {
        SslContext ssl = null;
        if (tls != null) {
            try {
                ssl = SslContextBuilder.forServer(tls.privateKey(), tls.certificate()).build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS", e);
            }
        }
        SslContext sslContext = ssl;
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                // A restarted simulator can take its port back at once (tests restart on the same port).
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (sslContext != null) {
                            ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("keep-alive", new HttpServerKeepAliveHandler());
                        ch.pipeline().addLast("route", new RoutingHandler(router));
                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(maxRequestBytes));
                        ch.pipeline().addLast("complete", new RoutingHandler.Completed(router));
                    }
                });
        ChannelFuture bound = b.bind(new InetSocketAddress(address, port)).await();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + address + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new HttpServer(bound.channel(), connections);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
