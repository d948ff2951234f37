package org.xapicenter.sim.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/** Hands each complete request to the route its path selects; 404 otherwise. */
final class RoutingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Router router;

    RoutingHandler(Router router) {
        super(false);
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        var route = router.find(request.uri());
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
        // A client that vanished or spoke garbage: drop the connection, nothing to tell anyone.
        ctx.close();
    }
}
