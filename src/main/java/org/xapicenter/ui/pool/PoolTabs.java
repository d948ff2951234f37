package org.xapicenter.ui.pool;

import java.util.List;
import java.util.Set;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.network.NewNetworkDialog;
import org.xapicenter.ui.props.NameDialog;
import org.xapicenter.ui.props.ObjectTab;
import org.xapicenter.ui.props.TabContext;
import org.xapicenter.ui.props.TableSection;
import org.xapicenter.ui.props.TableTab;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.xapi.record.Network;

/** The pool's Servers, Storage and Networking lists, with the pool-wide actions on them. */
public final class PoolTabs {
    private PoolTabs() {
    }

    public static List<ObjectTab> create(TabContext ctx) {
        TableTab servers = new TableTab("pool-servers-tab", "Servers", Set.of(NavKind.POOL));
        servers.add(new TableSection<PoolRows.Server>("pool-servers", null,
                n -> PoolRows.servers(n.connection().link().cache()), PoolRows.Server::host, "This pool has no servers.")
                .watching("pool", "host", "host_metrics", "vm")
                .column("Server", PoolRows.Server::name, 150)
                .column("Address", PoolRows.Server::address, 120)
                .column("Role", PoolRows.Server::role, 100)
                .column("State", PoolRows.Server::state, 130)
                .column("CPUs", PoolRows.Server::cpus, 60)
                .column("Memory", PoolRows.Server::memory, 90)
                .column("VMs", PoolRows.Server::vms, 60));

        TableTab storage = new TableTab("pool-storage-tab", "Storage", Set.of(NavKind.POOL));
        storage.add(new TableSection<PoolRows.Storage>("pool-storage", null,
                n -> PoolRows.storage(n.connection().link().cache()), PoolRows.Storage::sr, "This pool has no storage.")
                .watching("pool", "sr", "pbd", "host")
                .column("Storage", PoolRows.Storage::name, 200)
                .column("Server", PoolRows.Storage::server, 120)
                .column("Type", PoolRows.Storage::type, 80)
                .column("Shared", PoolRows.Storage::shared, 70)
                .column("Size", PoolRows.Storage::size, 90)
                .column("Used", PoolRows.Storage::usage, 70)
                .column("Default", PoolRows.Storage::isDefault, 80))
                .button("pool-set-default-sr", "Set as Default", Material2MZ.STAR_OUTLINE,
                        (n, r) -> r != null && r.isDefault().isEmpty() && r.holdsDisks(),
                        (n, r) -> ctx.runner().apply(n.connection(), Change.titled("Making \"" + r.name() + "\" the default storage")
                                .call("Setting the default storage", "pool.set_default_SR", n.ref(), r.sr())));

        TableTab networks = new TableTab("pool-network-tab", "Networking", Set.of(NavKind.POOL));
        networks.add(new TableSection<PoolRows.Net>("pool-networks", null,
                n -> PoolRows.networks(n.connection().link().cache()), PoolRows.Net::network, "This pool has no networks.")
                .watching("network", "pif", "vif", "bond")
                .column("Network", PoolRows.Net::name, 240)
                .column("Type", PoolRows.Net::type, 200)
                .column("MTU", PoolRows.Net::mtu, 60)
                .column("VM interfaces", PoolRows.Net::nics, 100))
                .button("pool-network-add", "New Network…", Material2AL.ADD, (n, r) -> true,
                        (n, r) -> new NewNetworkDialog(ctx.owner().get(), ctx.runner(), n.connection()).open())
                .button("pool-network-properties", "Properties…", Material2AL.EDIT, (n, r) -> r != null,
                        (n, r) -> n.connection().link().cache().get(r.network(), Network.class).ifPresent(net ->
                                new NameDialog(ctx.owner().get(), ctx.runner(), n.connection(), net, "network", "Network").open()))
                .button("pool-network-remove", "Remove", Material2AL.DELETE_OUTLINE, (n, r) -> r != null && "0".equals(r.nics()),
                        (n, r) -> {
                            if (ctx.confirm("Remove Network", "Remove the network \"" + r.name() + "\" from every server?", "Remove")) {
                                ctx.runner().apply(n.connection(), removeNetwork(n.connection().link().cache(), r));
                            }
                        });
        return List.of(servers, storage, networks);
    }

    /** A VLAN network's VLANs go first (network.destroy refuses a network PIFs still use). */
    private static Change removeNetwork(org.xapicenter.cache.ObjectCache cache, PoolRows.Net r) {
        Change c = Change.titled("Removing the network \"" + r.name() + "\"");
        cache.get(r.network(), Network.class).ifPresent(net -> org.xapicenter.ui.props.Refs.all(cache, net.pifs(),
                org.xapicenter.xapi.record.Pif.class).forEach(p -> {
                    String vlan = p.refField("VLAN_master_of");
                    if (!org.xapicenter.xapi.record.XapiRecord.isNullRef(vlan)) {
                        c.call("Removing its VLAN", "VLAN.destroy", vlan);
                    }
                }));
        return c.call("Removing the network", "network.destroy", r.network());
    }
}
