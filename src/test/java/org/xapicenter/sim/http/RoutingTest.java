package org.xapicenter.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/** Longest-prefix routing, and streaming routes bypassing aggregation (for /import, /console later). */
class RoutingTest {
    private final List<String> seen = new ArrayList<>();

    private Route whole(String name) {
        return (ctx, request) -> {
            seen.add(name + " " + request.uri() + " " + request.content().toString(StandardCharsets.UTF_8));
            request.release();
            Replies.text(ctx, true, HttpResponseStatus.OK, name);
        };
    }

    private final Route streaming = new Route() {
        @Override
        public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
            throw new AssertionError("a streaming route never gets an aggregated request");
        }

        @Override
        public boolean streams() {
            return true;
        }

        @Override
        public void stream(ChannelHandlerContext ctx, HttpObject part) {
            if (part instanceof HttpRequest head) {
                seen.add("stream head " + head.uri());
            }
            if (part instanceof HttpContent chunk) {
                seen.add("stream chunk " + chunk.content().toString(StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(part);
        }
    };

    @Test
    void longestPrefixWinsAndUnknownPathsFallBackToRoot() {
        Router router = new Router().add("/", whole("xml")).add("/jsonrpc", whole("json")).add("/import", streaming);
        EmbeddedChannel ch = new EmbeddedChannel(new RoutingHandler(router), new HttpObjectAggregator(1024),
                new RoutingHandler.Completed(router));

        ch.writeInbound(post("/jsonrpc", "a"));
        ch.writeInbound(post("/xmlrpc", "b"));
        ch.writeInbound(post("http://127.0.0.1:80/RPC2?x=1", "c"));
        ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/import?sr_id=x"));
        ch.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("chunk1", StandardCharsets.UTF_8)));
        ch.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("chunk2", StandardCharsets.UTF_8)));
        ch.writeInbound(post("/jsonrpc/sub", "d"));

        assertThat(seen).containsExactly("json /jsonrpc a", "xml /xmlrpc b", "xml http://127.0.0.1:80/RPC2?x=1 c",
                "stream head /import?sr_id=x", "stream chunk chunk1", "stream chunk chunk2", "json /jsonrpc/sub d");
        FullHttpResponse first = ch.readOutbound();
        assertThat(first.status()).isEqualTo(HttpResponseStatus.OK);
        first.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void noRouteIs404() {
        Router router = new Router().add("/jsonrpc", whole("json"));
        EmbeddedChannel ch = new EmbeddedChannel(new RoutingHandler(router), new HttpObjectAggregator(1024),
                new RoutingHandler.Completed(router));
        ch.writeInbound(post("/other", "x"));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        r.release();
        assertThat(seen).isEmpty();
        ch.finishAndReleaseAll();
    }

    private static FullHttpRequest post(String uri, String body) {
        DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().setInt("content-length", body.length());
        return r;
    }
}
