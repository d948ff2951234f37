package org.xapicenter.ui.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.network.NetworkRows;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.ui.tree.NaturalOrder;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Network;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/** The pool's lists: its servers, storage and networks. */
public final class PoolRows {
    private PoolRows() {
    }

    public record Server(String host, String name, String address, String role, String state, String cpus,
            String memory, String vms) {
    }

    /** {@code server} is the one server a local SR belongs to ("" for shared storage). */
    public record Storage(String sr, String name, String server, String type, String shared, String size, String usage,
            String isDefault, boolean holdsDisks) {
    }

    public record Net(String network, String name, String type, String mtu, String nics) {
    }

    private static Pool pool(ObjectCache cache) {
        return cache.all(Pool.class).stream().findFirst().orElse(null);
    }

    public static List<Server> servers(ObjectCache cache) {
        Pool p = pool(cache);
        List<Server> out = new ArrayList<>();
        for (Host h : cache.all(Host.class)) {
            XapiRecord m = cache.get(h.metrics());
            long vms = Refs.all(cache, h.residentVms(), Vm.class).stream().filter(Vm::isGuest).count();
            out.add(new Server(h.ref(), h.nameLabel(), h.address(),
                    p != null && p.master().equals(h.ref()) ? "Coordinator" : "Member",
                    h.enabled() ? (m != null && !m.bool("live") && m.raw("live") != null ? "Offline" : "Enabled") : "Maintenance mode",
                    h.cpuInfo().getOrDefault("cpu_count", ""),
                    m == null ? "" : Units.bytes(m.int64("memory_total")), Long.toString(vms)));
        }
        out.sort(Comparator.comparing(Server::name, NaturalOrder.INSTANCE).thenComparing(Server::host));
        return out;
    }

    public static List<Storage> storage(ObjectCache cache) {
        Pool p = pool(cache);
        List<Storage> out = new ArrayList<>();
        for (Sr sr : cache.all(Sr.class)) {
            if ("udev".equals(sr.type()) && !sr.shared()) {
                continue; // removable-media SRs clutter the list as they do in XenCenter's default view
            }
            String server = sr.shared() ? "" : Refs.all(cache, sr.pbds(), org.xapicenter.xapi.record.Pbd.class).stream()
                    .map(pbd -> Refs.name(cache, pbd.host())).findFirst().orElse("");
            out.add(new Storage(sr.ref(), sr.nameLabel(), server, sr.type(), Refs.yesNo(sr.shared()),
                    sr.physicalSize() > 0 ? Units.bytes(sr.physicalSize()) : "",
                    sr.physicalSize() > 0 ? Units.percent(sr.physicalUtilisation(), sr.physicalSize()) : "",
                    p != null && p.defaultSr().equals(sr.ref()) ? "Default" : "",
                    !"iso".equals(sr.contentType()) && !"iso".equals(sr.type())));
        }
        out.sort(Comparator.comparing(Storage::name, NaturalOrder.INSTANCE).thenComparing(Storage::server, NaturalOrder.INSTANCE)
                .thenComparing(Storage::sr));
        return out;
    }

    public static List<Net> networks(ObjectCache cache) {
        List<Net> out = new ArrayList<>();
        for (Network n : cache.all(Network.class)) {
            if (n.otherConfig().containsKey("is_host_internal_management_network")) {
                continue; // xapi's own host-internal network, hidden as XenCenter hides it
            }
            out.add(new Net(n.ref(), n.nameLabel(), NetworkRows.kind(cache, n), n.mtu() > 0 ? Long.toString(n.mtu()) : "",
                    Integer.toString(n.vifs().size())));
        }
        out.sort(Comparator.comparing(Net::name, NaturalOrder.INSTANCE).thenComparing(Net::network));
        return out;
    }
}
