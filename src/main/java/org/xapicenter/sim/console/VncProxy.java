package org.xapicenter.sim.console;

import java.util.ArrayList;
import java.util.List;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Every console proxied to one external VNC server (a real Xvnc or QEMU), as xapi proxies a console
 * to its domain's VNC port: bytes are copied both ways untouched; when either side closes, so does the
 * other. A side that cannot keep up pauses reading from the other.
 */
public final class VncProxy implements ConsoleBackend {
    private final String host;
    private final int port;

    public VncProxy(String host, int port) {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a VNC server needs a host and a port 1-65535");
        }
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public Runnable attach(Channel viewer, String vm) {
        Relay fromViewer = new Relay();
        viewer.pipeline().addLast("console", fromViewer);
        return () -> {
            viewer.config().setAutoRead(false);
            Relay fromServer = new Relay();
            new Bootstrap().group(viewer.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(fromServer)
                    .connect(host, port).addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            viewer.close();
                            return;
                        }
                        fromServer.pair(viewer);
                        fromViewer.pair(f.channel());
                        viewer.config().setAutoRead(true);
                    });
        };
    }

    @Override
    public void close() {
        // Proxied connections close with the simulator's channels; nothing is held here.
    }

    /** Copies what one channel reads to its peer; holds early bytes until the peer exists. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private Channel peer;
        private final List<Object> early = new ArrayList<>();
        private boolean inactive;

        /** Called on the shared event loop once both sides exist. */
        void pair(Channel other) {
            peer = other;
            for (Object msg : early) {
                forward(msg);
            }
            early.clear();
            peer.flush();
            if (inactive) {
                closeAfterFlush(peer);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof io.netty.buffer.ByteBuf)) {
                // The HTTP codec's empty end of the CONNECT request.
                ReferenceCountUtil.release(msg);
                return;
            }
            if (peer == null) {
                early.add(msg);
            } else {
                forward(msg);
            }
        }

        private void forward(Object msg) {
            peer.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (peer != null) {
                peer.flush();
                // Back-pressure: stop reading this side while the other cannot take more.
                if (!peer.isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && peer != null) {
                peer.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive = true;
            early.forEach(ReferenceCountUtil::release);
            early.clear();
            if (peer != null) {
                closeAfterFlush(peer);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private static void closeAfterFlush(Channel c) {
            if (c.isActive()) {
                c.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
