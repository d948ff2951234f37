package org.xapicenter.sim.http;

import java.util.Optional;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Chooses the route from each request head, before the body is aggregated: streaming routes get the
 * raw parts; the others' requests continue through the aggregator to {@link Completed}.
 */
final class RoutingHandler extends ChannelInboundHandlerAdapter {
    private final Router router;
    /** The route of the request whose parts are arriving (HTTP/1.1 requests on a connection are sequential). */
    private Route current;

    RoutingHandler(Router router) {
        this.router = router;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head) {
            Optional<Route> route = router.find(head.uri());
            current = route.orElse(null);
        }
        if (current != null && current.streams() && msg instanceof HttpObject part) {
            current.stream(ctx, part);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client that vanished or spoke garbage: drop the connection, nothing to tell anyone.
        ctx.close();
    }

    /** After the aggregator: hands a complete request to its route; 404 when no route matches. */
    static final class Completed extends ChannelInboundHandlerAdapter {
        private final Router router;

        Completed(Router router) {
            this.router = router;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            Optional<Route> route = router.find(request.uri());
            if (route.isPresent()) {
                route.get().handle(ctx, request);
            } else {
                boolean keepAlive = HttpUtil.isKeepAlive(request);
                request.release();
                Replies.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
