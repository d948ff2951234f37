package org.xapicenter.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import org.xapicenter.sim.console.ConsoleBackend;
import org.xapicenter.sim.store.ObjectStore;

/**
 * {@code CONNECT /console?uuid=|ref=&session_id=}: after the checks xapi makes (ocaml/xapi/console.ml),
 * answers {@code HTTP/1.1 200 OK}, takes the HTTP handlers out of the pipeline and gives the raw
 * connection to the {@link ConsoleBackend}. The answers, as xapi gives them:
 * <ul>
 * <li>no valid session (cookie {@code session_id}, query {@code session_id}, or Basic credentials): 401;
 * <li>a uuid or ref that names neither a console nor a VM (whose rfb console is then meant): 404
 *     (xapi fails its database lookup with a 500; 404 says the same more usefully);
 * <li>a console whose VM is not Running, or not resident on this host, or a VM without a graphical
 *     console (halted): 500, xapi's generic answer to all three;
 * <li>a console of another protocol (the control domain's vt100): 404, as xapi's "no address".
 * </ul>
 */
public final class ConsoleRoute implements Route {
    private final ObjectStore store;
    private final ConsoleBackend backend;
    private final String user;
    private final String password;
    /** The host this listener is (pool members mode), or null when one listener serves every host. */
    private final String thisHost;

    public ConsoleRoute(ObjectStore store, ConsoleBackend backend, String user, String password, String thisHost) {
        this.store = store;
        this.backend = backend;
        this.user = user;
        this.password = password;
        this.thisHost = thisHost;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        request.release();
        reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT to open a console");
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public void stream(ChannelHandlerContext ctx, HttpObject part) {
        try {
            if (part instanceof HttpRequest head) {
                try {
                    open(ctx, head);
                } catch (RuntimeException e) {
                    // The VM or console vanished between two looks at the store: xapi's generic failure.
                    if (ctx.pipeline().get("http") != null) {
                        reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the console went away");
                    } else {
                        ctx.close();
                    }
                }
            }
        } finally {
            ReferenceCountUtil.release(part);
        }
    }

    private void open(ChannelHandlerContext ctx, HttpRequest head) {
        if (!HttpMethod.CONNECT.equals(head.method())) {
            reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT to open a console");
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(head.uri());
        if (!SessionAuth.authenticated(head, store, user, password)) {
            FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, "no valid session");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"xapi\"");
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String named = named(query.parameters());
        if (named == null) {
            reply(ctx, HttpResponseStatus.NOT_FOUND, "no such console");
            return;
        }
        String console = store.isA(named, "VM") ? rfbConsoleOf(named) : named;
        if (console == null) {
            // xapi's default_console_of_vm fails (500) for a VM without a graphical console: a halted one.
            reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "VM has no graphical console (is it running?)");
            return;
        }
        String vm = store.getString(console, "VM");
        if (!"rfb".equals(store.getString(console, "protocol"))) {
            reply(ctx, HttpResponseStatus.NOT_FOUND, "console " + store.getString(console, "uuid")
                    + " is not a graphical (rfb) console");
            return;
        }
        if (!store.isA(vm, "VM") || !"Running".equals(store.getString(vm, "power_state"))) {
            reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "VM is not running");
            return;
        }
        if (thisHost != null && !thisHost.equals(store.getString(vm, "resident_on"))) {
            reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "VM is not resident on this host");
            return;
        }
        Runnable start;
        try {
            start = backend.attach(ctx.channel(), vm);
        } catch (RuntimeException e) {
            reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot open the console");
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        // Aggregator and completion first: bytes the codec still holds must pass straight to the backend.
        for (String name : List.of("complete", "aggregate", "keep-alive", "route", "http")) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        ctx.channel().writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\n\r\n", StandardCharsets.US_ASCII));
        start.run();
    }


    /** The console or VM named by uuid= or ref=, or null when it names neither. */
    private String named(Map<String, List<String>> params) {
        String ref = null;
        List<String> uuid = params.get("uuid");
        List<String> refs = params.get("ref");
        if (uuid != null && !uuid.isEmpty()) {
            ref = store.refByUuid(uuid.get(0)).orElse(null);
        } else if (refs != null && !refs.isEmpty()) {
            ref = refs.get(0);
        }
        return ref != null && (store.isA(ref, "console") || store.isA(ref, "VM")) ? ref : null;
    }

    /** A VM's graphical console, which xapi takes when a VM is named instead of a console. */
    private String rfbConsoleOf(String vm) {
        for (Object c : store.getList(vm, "consoles")) {
            if (store.isA((String) c, "console") && "rfb".equals(store.getString((String) c, "protocol"))) {
                return (String) c;
            }
        }
        return null;
    }

    private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        ctx.writeAndFlush(response(status, text)).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }
}
