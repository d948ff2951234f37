package org.xapicenter.sim.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

import org.xapicenter.sim.rpc.RpcEndpoint;
import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.wire.JsonRpcMessages;
import org.xapicenter.xapi.wire.XmlRpcMessages;

/**
 * XML-RPC ({@code POST /}) or JSON-RPC ({@code POST /jsonrpc}): the body is copied off the event loop's
 * buffer, then parsed, dispatched and answered on a worker thread, so a 60 s event.from long poll
 * holds a worker, never a Netty thread.
 */
public final class RpcRoute implements Route {
    private final RpcEndpoint dispatcher;
    private final ExecutorService workers;
    private final boolean json;
    private final int maxBytes;

    private RpcRoute(RpcEndpoint dispatcher, ExecutorService workers, boolean json, int maxBytes) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.json = json;
        this.maxBytes = maxBytes;
    }

    public static RpcRoute xmlRpc(RpcEndpoint dispatcher, ExecutorService workers, int maxBytes) {
        return new RpcRoute(dispatcher, workers, false, maxBytes);
    }

    public static RpcRoute jsonRpc(RpcEndpoint dispatcher, ExecutorService workers, int maxBytes) {
        return new RpcRoute(dispatcher, workers, true, maxBytes);
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            request.release();
            Replies.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "POST XAPI calls here");
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        request.release();
        try {
            workers.execute(() -> serve(ctx, keepAlive, body));
        } catch (RejectedExecutionException e) {
            Replies.text(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, "simulator shutting down");
        }
    }

    private void serve(ChannelHandlerContext ctx, boolean keepAlive, byte[] body) {
        if (json) {
            serveJson(ctx, keepAlive, body);
        } else {
            serveXml(ctx, keepAlive, body);
        }
    }

    private void serveXml(ChannelHandlerContext ctx, boolean keepAlive, byte[] body) {
        byte[] reply;
        try {
            XmlRpcMessages.MethodCall call = XmlRpcMessages.parseMethodCall(new ByteArrayInputStream(body), maxBytes);
            try {
                Object value = dispatcher.call(call.methodName(), call.params());
                // system.listMethods is the one call answered without the {Status, Value} wrapper.
                reply = call.methodName().equals("system.listMethods")
                        ? XmlRpcMessages.bare(value) : XmlRpcMessages.success(value);
            } catch (XapiException e) {
                reply = XmlRpcMessages.failure(e);
            } catch (RuntimeException e) {
                reply = XmlRpcMessages.failure(List.of("INTERNAL_ERROR", String.valueOf(e.getMessage())));
            }
        } catch (IOException e) {
            Replies.text(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "malformed XML-RPC request");
            return;
        }
        Replies.send(ctx, keepAlive, HttpResponseStatus.OK, "text/xml", reply);
    }

    private void serveJson(ChannelHandlerContext ctx, boolean keepAlive, byte[] body) {
        byte[] reply;
        try {
            JsonRpcMessages.Request call = JsonRpcMessages.parseRequest(new ByteArrayInputStream(body), maxBytes);
            try {
                reply = JsonRpcMessages.success(call, dispatcher.call(call.method(), call.params()));
            } catch (XapiException e) {
                reply = JsonRpcMessages.failure(call, Errors.description(e));
            } catch (RuntimeException e) {
                reply = JsonRpcMessages.failure(call, List.of("INTERNAL_ERROR", String.valueOf(e.getMessage())));
            }
        } catch (IOException e) {
            reply = JsonRpcMessages.failure(null, true, List.of("JSON_PARSE_ERROR", "malformed JSON-RPC request"));
        }
        Replies.send(ctx, keepAlive, HttpResponseStatus.OK, "application/json", reply);
    }
}
