package org.xapicenter.sim.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObject;

/**
 * A handler for one URL path prefix. Most routes (RPC, rrd_updates) take the request whole, body
 * bounded: {@link #handle}. Routes that stream (PUT /import, GET /export) or take over the socket
 * (CONNECT /console) override {@link #streams} and receive the raw HTTP objects in {@link #stream}
 * instead, before any aggregation. A route answers from any thread; long work belongs on the
 * simulator's worker threads, never on the event loop.
 */
public interface Route {
    /** A complete request; the route owns it (release it or pass it on). */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);

    /** Whether this route wants the request's parts as they arrive rather than aggregated. */
    default boolean streams() {
        return false;
    }

    /** Each part (head, then body chunks) of a streamed request; the route owns it. */
    default void stream(ChannelHandlerContext ctx, HttpObject part) {
        throw new UnsupportedOperationException("route does not stream");
    }
}
