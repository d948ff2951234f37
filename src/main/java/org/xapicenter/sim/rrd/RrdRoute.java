package org.xapicenter.sim.rrd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import org.xapicenter.sim.http.Replies;
import org.xapicenter.sim.http.Route;
import org.xapicenter.sim.http.SessionAuth;
import org.xapicenter.sim.store.ObjectStore;

/**
 * {@code GET /rrd_updates}, {@code GET /host_rrd} and {@code GET /vm_rrd} of one host, as xapi's
 * rrdd_proxy.ml forwards them and xcp-rrdd's rrdd_http_handler.ml answers them.
 *
 * <ul>
 * <li>Auth as every xapi HTTP handler ({@link SessionAuth}): 401 otherwise.
 * <li>JSON instead of XML when the {@code Accept} header prefers {@code application/json} to
 *     {@code text/xml} (xapi's Http.Accept: on a tie, {@code * / *} included, JSON wins), or, without a
 *     usable Accept header, when the query has a {@code json} parameter (any value).
 * <li>{@code /rrd_updates?start=<epoch>[&interval=<s>][&cf=AVERAGE][&host=true][&vm_uuid=..]*[&json]}:
 *     missing or non-numeric start, or a non-numeric interval: 400 with a short text (xapi: 400 without
 *     start; a bad interval counts as 0 there). A cf other than AVERAGE: 400 (xcp-rrdd keeps only
 *     AVERAGE archives). The host's own RRD only with {@code host=true} (exactly), then the VMs running
 *     on it that the {@code vm_uuid} parameters ask for ({@link VmFilter}: none given or {@code all}: every
 *     one; {@code none}: no VM; one or several uuids: those). Reply {@code HTTP/1.1 200} with Content-Length, {@code Access-Control-Allow-Origin: *},
 *     {@code Access-Control-Allow-Headers: X-Requested-With}, connection closed after.
 * <li>{@code /host_rrd[?uuid=]}: the whole RRD of the host (a single listener serving the whole pool
 *     honours {@code uuid=}, default the coordinator; real xapi ignores it). Unknown uuid: 404.
 * <li>{@code /vm_rrd?uuid=}: missing uuid 400; unknown VM, or one that never ran: 404; a VM running on
 *     another listening host: 302 to the same path and query there; otherwise the RRD, up to its stop
 *     for a halted VM (the archived RRD the coordinator unarchives).
 * </ul>
 * The dumps are answered as xcp-rrdd answers them: {@code HTTP/1.0 200}, no Content-Length, the body
 * ending when the connection closes, {@code Access-Control-Allow-Origin: *}. Every body is streamed a
 * row at a time ({@link ReplyStream}), never built whole; an update's Content-Length comes from a first
 * counting pass. A reply over {@link #MAX_VALUES} values is refused with a 500 and a short text. The
 * work runs on the simulator's workers, not the event loop.
 */
public final class RrdRoute implements Route {
    /** Which handler this is. */
    public enum Kind { UPDATES, HOST_RRD, VM_RRD }

    /**
     * The most values (rows x columns) one reply is built with: a year of daily rows for a 1,000-VM host
     * is about 7 M; a whole-pool request on the 10,000-VM scale pool would be about 28 M, more than the
     * client accepts anyway. Over it the answer is a 500 with a short text, as xapi answers a handler
     * that fails.
     */
    static final long MAX_VALUES = 20_000_000L;

    private final Kind kind;
    private final RrdService rrd;
    private final ExecutorService workers;
    private final String user;
    private final String password;
    private final String thisHost;
    private final Function<String, String> coordinator;
    private final Function<String, URI> hostUrl;

    /**
     * @param thisHost    the host this listener is (pool members mode), or null when one listener
     *                    answers as every host
     * @param coordinator gives the coordinator's ref (the argument is ignored)
     * @param hostUrl     the base URL another host listens on, or null when it does not (or no members mode)
     */
    public RrdRoute(Kind kind, RrdService rrd, ExecutorService workers, String user, String password,
                    String thisHost, Function<String, String> coordinator, Function<String, URI> hostUrl) {
        this.kind = kind;
        this.rrd = rrd;
        this.workers = workers;
        this.user = user;
        this.password = password;
        this.thisHost = thisHost;
        this.coordinator = coordinator;
        this.hostUrl = hostUrl;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpRequest head = new io.netty.handler.codec.http.DefaultHttpRequest(request.protocolVersion(),
                request.method(), request.uri(), request.headers().copy());
        request.release();
        if (!HttpMethod.GET.equals(head.method()) && !HttpMethod.HEAD.equals(head.method())) {
            Replies.text(ctx, false, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only");
            return;
        }
        if (!SessionAuth.authenticated(head, rrd.store(), user, password)) {
            Replies.text(ctx, false, HttpResponseStatus.UNAUTHORIZED, "authentication required");
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    serve(ctx, head);
                } catch (RuntimeException e) {
                    Replies.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "rrd: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            Replies.text(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down");
        }
    }

    private void serve(ChannelHandlerContext ctx, HttpRequest head) {
        Map<String, List<String>> q = new QueryStringDecoder(head.uri()).parameters();
        boolean json = RrdContent.prefersJson(head.headers().get(HttpHeaderNames.ACCEPT), q.containsKey("json"));
        switch (kind) {
            case UPDATES -> updates(ctx, q, json);
            case HOST_RRD -> hostRrd(ctx, q, json);
            case VM_RRD -> vmRrd(ctx, head, q, json);
        }
    }

    private void updates(ChannelHandlerContext ctx, Map<String, List<String>> q, boolean json) {
        Long start = number(first(q, "start"));
        if (start == null) {
            Replies.text(ctx, false, HttpResponseStatus.BAD_REQUEST,
                    first(q, "start") == null ? "rrd_updates: missing the 'start' parameter"
                            : "rrd_updates: 'start' must be whole seconds since the epoch");
            return;
        }
        String intervalText = first(q, "interval");
        Long interval = intervalText == null ? Long.valueOf(0) : number(intervalText);
        if (interval == null) {
            Replies.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "rrd_updates: 'interval' must be seconds");
            return;
        }
        String cf = first(q, "cf");
        if (cf != null && List.of("MIN", "MAX", "LAST").contains(cf)) {
            Replies.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "rrd_updates: no " + cf + " archive (only AVERAGE)");
            return;
        }
        List<String> hosts = thisHost != null ? List.of(thisHost) : rrd.store().refs("host");
        boolean withHosts = "true".equals(first(q, "host"));
        VmFilter vms = VmFilter.of(q.get("vm_uuid"));
        Xport x = rrd.updates(hosts, withHosts, vms, start, interval);
        long values = (long) x.times().length * x.columns();
        if (values > MAX_VALUES) {
            Replies.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "rrd_updates: the reply would hold "
                    + values + " values, more than the simulator builds (" + MAX_VALUES
                    + "); ask for a later start, a longer interval or fewer VMs (vm_uuid=)");
            return;
        }
        Body body = out -> {
            if (json) {
                XportJsonWriter.write(x, rrd.workload(), out);
            } else {
                XportXmlWriter.write(x, rrd.workload(), out);
            }
        };
        // xcp-rrdd announces the length of an update (HTTP/1.1, Content-Length): a first pass counts the
        // bytes without keeping them (the values are a pure function of the request, so both passes agree).
        ReplyStream.Counter counter = new ReplyStream.Counter();
        try {
            body.writeTo(counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, json ? "application/json" : "text/xml");
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, counter.count());
        head.headers().set("Access-Control-Allow-Origin", "*");
        head.headers().set("Access-Control-Allow-Headers", "X-Requested-With");
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        stream(ctx, head, body);
    }

    private void hostRrd(ChannelHandlerContext ctx, Map<String, List<String>> q, boolean json) {
        String host = thisHost;
        if (host == null) {
            String uuid = first(q, "uuid");
            host = uuid == null ? coordinator.apply(null)
                    : rrd.store().refByUuid(uuid).filter(r -> rrd.store().isA(r, "host")).orElse(null);
        }
        RrdService.Dump d = host == null ? null : rrd.hostDump(host);
        if (d == null) {
            Replies.text(ctx, false, HttpResponseStatus.NOT_FOUND, "host_rrd: no such host");
            return;
        }
        dump(ctx, d, json);
    }

    private void vmRrd(ChannelHandlerContext ctx, HttpRequest head, Map<String, List<String>> q, boolean json) {
        String uuid = first(q, "uuid");
        if (uuid == null) {
            Replies.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "vm_rrd: missing the 'uuid' parameter");
            return;
        }
        ObjectStore store = rrd.store();
        String vm = store.refByUuid(uuid).filter(r -> store.isA(r, "VM")).orElse(null);
        if (vm == null) {
            Replies.text(ctx, false, HttpResponseStatus.NOT_FOUND, "vm_rrd: no such VM");
            return;
        }
        String location = redirect(vm, head);
        if (location != null) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND,
                    Unpooled.EMPTY_BUFFER);
            r.headers().set(HttpHeaderNames.LOCATION, location);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        RrdService.Dump d = rrd.vmDump(vm);
        if (d == null) {
            Replies.text(ctx, false, HttpResponseStatus.NOT_FOUND, "vm_rrd: the VM has no RRD (it never ran)");
            return;
        }
        dump(ctx, d, json);
    }

    /**
     * Where xapi sends a /vm_rrd for a VM this host does not run: to its resident host when that is
     * another (listening) host; a halted VM's archive is on the coordinator.
     */
    private String redirect(String vm, HttpRequest head) {
        if (thisHost == null) {
            return null;
        }
        ObjectStore store = rrd.store();
        String resident = store.atomically(() -> PowerHistory.isRunning(store.getString(vm, "power_state"))
                ? store.getString(vm, "resident_on") : null);
        String target;
        if (resident != null && store.isA(resident, "host")) {
            target = resident;
        } else {
            target = coordinator.apply(null);
        }
        if (target == null || target.equals(thisHost)) {
            return null;
        }
        URI base = hostUrl.apply(target);
        return base == null ? null : base.resolve(head.uri()).toString();
    }

    private void dump(ChannelHandlerContext ctx, RrdService.Dump d, boolean json) {
        long values = RrdDumpWriter.values(d.rrd());
        if (values > MAX_VALUES) {
            Replies.text(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "rrd: the dump would hold "
                    + values + " values, more than the simulator builds (" + MAX_VALUES + ")");
            return;
        }
        // As xcp-rrdd's dumps: HTTP/1.0 without a length, the body ends when the connection closes.
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, json ? "application/json" : "text/xml");
        head.headers().set("Access-Control-Allow-Origin", "*");
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        stream(ctx, head, out -> {
            if (json) {
                RrdDumpWriter.json(d.rrd(), d.lastUpdate(), rrd.workload(), out);
            } else {
                RrdDumpWriter.xml(d.rrd(), d.lastUpdate(), rrd.workload(), out);
            }
        });
    }

    /** A reply body, written as often as asked (to count it, then to send it). */
    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void stream(ChannelHandlerContext ctx, HttpResponse head, Body body) {
        ReplyStream out = new ReplyStream(ctx, head);
        try {
            body.writeTo(out);
            out.finish();
        } catch (IOException | RuntimeException e) {
            // The head is out: a failure can only end the connection early, which the client sees as a short body.
            out.abort();
        }
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Long number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }


}
