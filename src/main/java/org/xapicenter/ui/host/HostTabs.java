package org.xapicenter.ui.host;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xapicenter.ui.props.ObjectRows;
import org.xapicenter.ui.props.ObjectTab;
import org.xapicenter.ui.props.SheetSection;
import org.xapicenter.ui.props.TableSection;
import org.xapicenter.ui.props.TableTab;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.Host;

/** A server's Memory, Storage, NICs and Networking tabs. */
public final class HostTabs {
    private HostTabs() {
    }

    static Optional<Host> host(NavNode n) {
        return n.connection().link().cache().get(n.ref(), Host.class);
    }

    public static List<ObjectTab> create() {
        TableTab memory = new TableTab("host-memory-tab", "Memory", Set.of(NavKind.HOST));
        memory.sheet(new SheetSection("host-memory", ObjectRows.of(Host.class, HostRows::memory)).watching("host", "host_metrics", "vm", "vm_metrics"));
        memory.add(new TableSection<HostRows.VmMemory>("host-vm-memory", "Running VMs",
                ObjectRows.of(Host.class, HostRows::vmMemory),
                HostRows.VmMemory::vm, "No VM runs on this server.")
                .watching("host", "vm", "vm_metrics")
                .column("VM", HostRows.VmMemory::name, 260)
                .column("Memory", HostRows.VmMemory::memory, 120));

        TableTab storage = new TableTab("host-storage-tab", "Storage", Set.of(NavKind.HOST));
        storage.add(new TableSection<HostRows.Storage>("host-storage", null,
                ObjectRows.of(Host.class, HostRows::storage),
                HostRows.Storage::pbd, "No storage is connected to this server.")
                .watching("host", "pbd", "sr")
                .column("Storage", HostRows.Storage::sr, 200)
                .column("Type", HostRows.Storage::type, 80)
                .column("Shared", HostRows.Storage::shared, 70)
                .column("Size", HostRows.Storage::size, 90)
                .column("Used", HostRows.Storage::usage, 140)
                .column("Status", HostRows.Storage::attached, 110));

        TableTab nics = new TableTab("host-nics-tab", "NICs", Set.of(NavKind.HOST));
        nics.add(new TableSection<HostRows.Nic>("host-nics", null,
                ObjectRows.of(Host.class, HostRows::nics),
                HostRows.Nic::pif, "This server reports no NICs.")
                .watching("host", "pif", "pif_metrics", "bond")
                .column("NIC", HostRows.Nic::device, 70)
                .column("MAC", HostRows.Nic::mac, 150)
                .column("Link", HostRows.Nic::link, 100)
                .column("Speed", HostRows.Nic::speed, 90)
                .column("Duplex", HostRows.Nic::duplex, 80)
                .column("Vendor", HostRows.Nic::vendor, 160)
                .column("Device", HostRows.Nic::model, 160)
                .column("Bond", HostRows.Nic::bond, 120));

        TableTab networking = new TableTab("host-network-tab", "Networking", Set.of(NavKind.HOST));
        networking.add(new TableSection<HostRows.Net>("host-networks", null,
                ObjectRows.of(Host.class, HostRows::networks),
                HostRows.Net::pif, "This server is on no network.")
                .watching("host", "pif", "network", "bond")
                .column("Network", HostRows.Net::network, 240)
                .column("NIC", HostRows.Net::device, 70)
                .column("VLAN", HostRows.Net::vlan, 60)
                .column("MTU", HostRows.Net::mtu, 60)
                .column("IP configuration", HostRows.Net::ip, 240)
                .column("Management", HostRows.Net::management, 100));
        return List.of(memory, storage, nics, networking);
    }
}
