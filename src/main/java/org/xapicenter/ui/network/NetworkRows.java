package org.xapicenter.ui.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.general.GeneralSheet;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.xapi.record.Network;
import org.xapicenter.xapi.record.Pif;
import org.xapicenter.xapi.record.Vif;
import org.xapicenter.xapi.record.XapiRecord;

/** What a network's tab shows: its PIF on each host and the VMs' interfaces on it. */
public final class NetworkRows {
    private NetworkRows() {
    }

    /** The network on one host. */
    public record HostPif(String pif, String host, String device, String vlan, String mtu, String bond, String ip,
            String connected) {
    }

    /** One VM's interface on the network. */
    public record VmNic(String vif, String vm, String device, String mac, String attached) {
    }

    /** Internal (no PIF), external on a NIC, a VLAN, or a bond. */
    public static String kind(ObjectCache cache, Network n) {
        List<Pif> pifs = Refs.all(cache, n.pifs(), Pif.class);
        if (pifs.isEmpty()) {
            return "Internal (VMs on one server only)";
        }
        Pif p = pifs.get(0);
        long vlan = p.int64("VLAN");
        if (vlan >= 0) {
            return "External, VLAN " + vlan + " on " + p.device();
        }
        if (!p.stringList("bond_master_of").isEmpty()) {
            return "Bond (" + p.device() + ")";
        }
        return "External (" + p.device() + ")";
    }

    public static List<GeneralSheet.Row> summary(ObjectCache cache, Network n) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        rows.add(new GeneralSheet.Row("Type", kind(cache, n)));
        rows.add(new GeneralSheet.Row("MTU", n.mtu() > 0 ? Long.toString(n.mtu()) : ""));
        rows.add(new GeneralSheet.Row("Bridge", n.bridge()));
        return rows;
    }

    public static List<HostPif> pifs(ObjectCache cache, Network n) {
        List<HostPif> out = new ArrayList<>();
        for (Pif p : Refs.all(cache, n.pifs(), Pif.class)) {
            out.add(new HostPif(p.ref(), Refs.name(cache, p.host()), p.device(), vlan(p), mtu(p), bond(cache, p),
                    ip(p), p.attached() ? "Yes" : "No"));
        }
        out.sort(Comparator.comparing(HostPif::host).thenComparing(HostPif::pif));
        return out;
    }

    public static List<VmNic> vifs(ObjectCache cache, Network n) {
        List<VmNic> out = new ArrayList<>();
        for (Vif v : Refs.all(cache, n.vifs(), Vif.class)) {
            out.add(new VmNic(v.ref(), Refs.name(cache, v.vm()), v.device(), v.mac(), v.attached() ? "Yes" : "No"));
        }
        out.sort(Comparator.comparing(VmNic::vm).thenComparing(VmNic::device));
        return out;
    }

    static String vlan(XapiRecord pif) {
        long v = pif.int64("VLAN");
        return v >= 0 ? Long.toString(v) : "None";
    }

    static String mtu(XapiRecord pif) {
        long v = pif.int64("MTU");
        return v > 0 ? Long.toString(v) : "";
    }

    /** "Bond of eth0, eth1" for a bond's master, "In bond0" for a member, else "". */
    public static String bond(ObjectCache cache, Pif p) {
        for (String bond : p.stringList("bond_master_of")) {
            XapiRecord b = cache.get(bond);
            if (b != null) {
                List<String> members = Refs.all(cache, b.stringList("slaves"), Pif.class).stream().map(Pif::device).sorted().toList();
                return "Bond of " + String.join(", ", members);
            }
        }
        String slaveOf = p.refField("bond_slave_of");
        if (!XapiRecord.isNullRef(slaveOf) && cache.get(slaveOf) != null) {
            String master = cache.get(slaveOf).refField("master");
            XapiRecord m = cache.get(master);
            return m == null ? "In a bond" : "In " + m.string("device");
        }
        return "";
    }

    /** "DHCP 10.0.0.5", "Static 10.0.0.5/255.255.255.0 via 10.0.0.1", or "None". */
    public static String ip(XapiRecord pif) {
        String mode = pif.string("ip_configuration_mode");
        String ip = pif.string("IP");
        if (mode == null || mode.isBlank() || "None".equalsIgnoreCase(mode)) {
            return "None";
        }
        StringBuilder b = new StringBuilder(mode);
        if (ip != null && !ip.isBlank()) {
            b.append(' ').append(ip);
            String mask = pif.string("netmask");
            if (mask != null && !mask.isBlank()) {
                b.append('/').append(mask);
            }
            String gw = pif.string("gateway");
            if (gw != null && !gw.isBlank()) {
                b.append(" via ").append(gw);
            }
        }
        return b.toString();
    }
}
