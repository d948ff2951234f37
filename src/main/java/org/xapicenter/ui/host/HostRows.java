package org.xapicenter.ui.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.general.GeneralSheet;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.network.NetworkRows;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Network;
import org.xapicenter.xapi.record.Pbd;
import org.xapicenter.xapi.record.Pif;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.VmMetrics;
import org.xapicenter.xapi.record.XapiRecord;

/** What a server's NICs, Memory, Storage and Networking tabs show. */
public final class HostRows {
    private HostRows() {
    }

    /** One physical NIC (or bond) of the server. */
    public record Nic(String pif, String device, String mac, String link, String speed, String duplex, String vendor,
            String model, String bond) {
    }

    /** One SR as the server sees it. */
    public record Storage(String pbd, String sr, String type, String shared, String size, String usage, String attached) {
    }

    /** One network the server is on. */
    public record Net(String pif, String network, String device, String vlan, String mtu, String ip, String management) {
    }

    /** One VM's share of the server's memory. */
    public record VmMemory(String vm, String name, String memory) {
    }

    public static List<Nic> nics(ObjectCache cache, Host h) {
        List<Nic> out = new ArrayList<>();
        for (Pif p : Refs.all(cache, h.pifs(), Pif.class)) {
            boolean bondMaster = !p.stringList("bond_master_of").isEmpty();
            if (!p.bool("physical") && !bondMaster) {
                continue; // VLANs are networks, not NICs
            }
            XapiRecord m = cache.get(p.refField("metrics"));
            boolean carrier = m != null && m.bool("carrier");
            String duplex = m == null ? "" : m.bool("duplex") ? "Full" : "Half";
            out.add(new Nic(p.ref(), p.device(), p.mac(), m == null ? "Unknown" : carrier ? "Connected" : "Disconnected",
                    m == null ? "" : Units.linkSpeed(m.int64("speed")), carrier ? duplex : "",
                    m == null ? "" : m.string("vendor_name"), m == null ? "" : m.string("device_name"),
                    NetworkRows.bond(cache, p)));
        }
        out.sort(Comparator.comparing(Nic::device, org.xapicenter.ui.tree.NaturalOrder.INSTANCE).thenComparing(Nic::pif));
        return out;
    }

    public static List<GeneralSheet.Row> memory(ObjectCache cache, Host h) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        XapiRecord m = cache.get(h.metrics());
        long total = m == null ? -1 : m.int64("memory_total");
        long free = m == null ? -1 : m.int64("memory_free");
        if (total > 0) {
            rows.add(new GeneralSheet.Row("Total memory", Units.bytes(total)));
            rows.add(new GeneralSheet.Row("Used", Units.bytes(total - free) + " (" + Units.percent(total - free, total) + ")"));
            rows.add(new GeneralSheet.Row("Free", Units.bytes(free)));
        } else {
            rows.add(new GeneralSheet.Row("Total memory", "Unknown (the server reports no metrics)"));
        }
        vmMemory(cache, h).stream().filter(v -> v.name().startsWith("Control domain")).findFirst()
                .ifPresent(d -> rows.add(new GeneralSheet.Row("Control domain", d.memory())));
        return rows;
    }

    /** The VMs running on the server with the memory each holds, the largest first. */
    public static List<VmMemory> vmMemory(ObjectCache cache, Host h) {
        List<VmMemory> out = new ArrayList<>();
        List<long[]> sizes = new ArrayList<>();
        for (Vm vm : Refs.all(cache, h.residentVms(), Vm.class)) {
            long bytes = cache.get(vm.metrics(), VmMetrics.class).map(VmMetrics::memoryActual).filter(b -> b > 0)
                    .orElse(vm.memoryDynamicMax());
            String name = vm.isControlDomain() ? "Control domain on " + h.nameLabel() : vm.nameLabel();
            out.add(new VmMemory(vm.ref(), name, Units.bytes(bytes)));
            sizes.add(new long[] {bytes});
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> -sizes.get(i)[0]).thenComparing(i -> out.get(i).name()));
        return order.stream().map(out::get).toList();
    }

    public static List<Storage> storage(ObjectCache cache, Host h) {
        List<Storage> out = new ArrayList<>();
        for (Pbd pbd : Refs.all(cache, h.pbds(), Pbd.class)) {
            Sr sr = cache.get(pbd.sr(), Sr.class).orElse(null);
            if (sr == null) {
                continue;
            }
            out.add(new Storage(pbd.ref(), sr.nameLabel(), sr.type(), Refs.yesNo(sr.shared()),
                    sr.physicalSize() > 0 ? Units.bytes(sr.physicalSize()) : "",
                    sr.physicalSize() > 0 ? Units.bytes(sr.physicalUtilisation()) + " (" + Units.percent(sr.physicalUtilisation(), sr.physicalSize()) + ")" : "",
                    pbd.attached() ? "Connected" : "Not connected"));
        }
        out.sort(Comparator.comparing(Storage::sr, org.xapicenter.ui.tree.NaturalOrder.INSTANCE).thenComparing(Storage::pbd));
        return out;
    }

    public static List<Net> networks(ObjectCache cache, Host h) {
        List<Net> out = new ArrayList<>();
        for (Pif p : Refs.all(cache, h.pifs(), Pif.class)) {
            Network n = cache.get(p.network(), Network.class).orElse(null);
            if (n == null || p.refField("bond_slave_of") != null && !XapiRecord.isNullRef(p.refField("bond_slave_of"))) {
                continue;
            }
            long vlan = p.int64("VLAN");
            out.add(new Net(p.ref(), n.nameLabel(), p.device(), vlan >= 0 ? Long.toString(vlan) : "None",
                    n.mtu() > 0 ? Long.toString(n.mtu()) : "", NetworkRows.ip(p), p.management() ? "Yes" : ""));
        }
        out.sort(Comparator.comparing(Net::network, org.xapicenter.ui.tree.NaturalOrder.INSTANCE).thenComparing(Net::pif));
        return out;
    }

    /** When the server booted: its control domain's start time. */
    public static java.time.Instant bootTime(ObjectCache cache, Host h) {
        for (Vm vm : Refs.all(cache, h.residentVms(), Vm.class)) {
            if (vm.isControlDomain()) {
                return cache.get(vm.metrics(), VmMetrics.class).map(VmMetrics::startTime).orElse(null);
            }
        }
        return null;
    }
}
