package org.xapicenter.sim.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * A handler for one URL path prefix. It owns the request (release it or pass it on) and must answer
 * from any thread; long work belongs on the simulator's worker threads, never on the event loop.
 */
public interface Route {
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);
}
