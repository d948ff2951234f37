package org.xapicenter.ui.network;

import java.util.List;
import java.util.Set;
import org.xapicenter.ui.props.ObjectRows;
import org.xapicenter.ui.props.ObjectTab;
import org.xapicenter.ui.props.SheetSection;
import org.xapicenter.ui.props.TableSection;
import org.xapicenter.ui.props.TableTab;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.xapi.record.Network;

/** A network's tab: what it is, its PIF on each server and the VMs' interfaces on it. */
public final class NetworkTabs {
    private NetworkTabs() {
    }

    public static ObjectTab network() {
        TableTab tab = new TableTab("network-tab", "Network", Set.of(NavKind.NETWORK));
        tab.sheet(new SheetSection("network-summary", ObjectRows.of(Network.class, NetworkRows::summary))
                .watching("network", "pif", "bond"));
        tab.add(new TableSection<NetworkRows.HostPif>("network-pifs", "On each server",
                ObjectRows.of(Network.class, NetworkRows::pifs),
                NetworkRows.HostPif::pif, "Internal network: no server NIC carries it.")
                .watching("network", "pif", "host", "bond")
                .column("Server", NetworkRows.HostPif::host, 140)
                .column("NIC", NetworkRows.HostPif::device, 70)
                .column("VLAN", NetworkRows.HostPif::vlan, 60)
                .column("MTU", NetworkRows.HostPif::mtu, 60)
                .column("Bond", NetworkRows.HostPif::bond, 120)
                .column("IP configuration", NetworkRows.HostPif::ip, 220)
                .column("Connected", NetworkRows.HostPif::connected, 100));
        tab.add(new TableSection<NetworkRows.VmNic>("network-vifs", "VM interfaces",
                ObjectRows.of(Network.class, NetworkRows::vifs),
                NetworkRows.VmNic::vif, "No VM uses this network.")
                .watching("network", "vif", "vm")
                .column("VM", NetworkRows.VmNic::vm, 200)
                .column("Device", NetworkRows.VmNic::device, 70)
                .column("MAC", NetworkRows.VmNic::mac, 150)
                .column("Active", NetworkRows.VmNic::attached, 70));
        return tab;
    }
}
