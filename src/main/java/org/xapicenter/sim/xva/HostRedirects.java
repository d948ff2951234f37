package org.xapicenter.sim.xva;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import org.xapicenter.sim.store.ObjectStore;

/**
 * When a host sends a transfer to another (pool members mode), as xapi does: an export goes to a host
 * that sees every SR of the VM's disks when this one does not (export.ml's check_vm_host_SRs), an import
 * to a host that sees the target SR (import.ml's check_sr_availability). The answer is a 302 to the same
 * path and query on that host. With one listener for the whole pool nothing is ever redirected.
 */
public final class HostRedirects {
    /** No redirects: one listener serves the pool. */
    public static final HostRedirects NONE = new HostRedirects(null, null, null);

    private final ObjectStore store;
    private final String thisHost;
    private final Function<String, URI> hostUrl;

    /**
     * @param hostUrl the base URL ({@code scheme://address:port/}) another host listens on, or null when it
     *     does not listen
     */
    public HostRedirects(ObjectStore store, String thisHost, Function<String, URI> hostUrl) {
        this.store = store;
        this.thisHost = thisHost;
        this.hostUrl = hostUrl;
    }

    /** Where an export of {@code vm} must go instead, or null to serve it here. */
    String forVm(String vm, TransferRequest req) {
        if (thisHost == null) {
            return null;
        }
        List<String> srs = store.atomically(() -> store.getList(vm, "VBDs").stream()
                .map(vbd -> store.getString((String) vbd, "VDI"))
                .filter(vdi -> store.isA(vdi, "VDI"))
                .map(vdi -> store.getString(vdi, "SR"))
                .distinct().toList());
        return elsewhere(srs, req);
    }

    /** Where an import into {@code sr} must go instead, or null to serve it here. */
    String forSr(String sr, TransferRequest req) {
        return thisHost == null ? null : elsewhere(List.of(sr), req);
    }

    private String elsewhere(Collection<String> srs, TransferRequest req) {
        if (sees(thisHost, srs)) {
            return null;
        }
        for (String host : store.refs("host")) {
            URI base = sees(host, srs) ? hostUrl.apply(host) : null;
            if (base != null) {
                return base.resolve(req.head().uri()).toString();
            }
        }
        // Nobody sees them all: xapi then does the work itself (and fails when it reaches the disks).
        return null;
    }

    private boolean sees(String host, Collection<String> srs) {
        return store.atomically(() -> {
            for (String sr : srs) {
                boolean attached = false;
                for (Object pbd : store.getList(sr, "PBDs")) {
                    attached |= host.equals(store.getString((String) pbd, "host"))
                            && Boolean.TRUE.equals(store.get((String) pbd, "currently_attached"));
                }
                if (!attached) {
                    return false;
                }
            }
            return true;
        });
    }

    static void send(ChannelHandlerContext ctx, String location) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND,
                Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.LOCATION, location);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
