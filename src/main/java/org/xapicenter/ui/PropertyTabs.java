package org.xapicenter.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.host.HostTabs;
import org.xapicenter.ui.network.NetworkTabs;
import org.xapicenter.ui.network.NewNetworkDialog;
import org.xapicenter.ui.pool.PoolTabs;
import org.xapicenter.ui.props.NameDialog;
import org.xapicenter.ui.props.ObjectTab;
import org.xapicenter.ui.props.TabContext;
import org.xapicenter.ui.storage.SrTabs;
import org.xapicenter.ui.theme.Icons;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.ui.vm.VmTabs;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.XapiRecord;

/** The properties tabs of every kind of object, and the buttons of their General tab. */
final class PropertyTabs {
    private final TabContext ctx;
    private final List<ObjectTab> tabs = new ArrayList<>();

    PropertyTabs(TabContext ctx) {
        this.ctx = ctx;
        tabs.addAll(VmTabs.create(ctx));
        tabs.add(SrTabs.storage(ctx));
        tabs.add(NetworkTabs.network());
        tabs.addAll(HostTabs.create());
        tabs.addAll(PoolTabs.create(ctx));
    }

    List<ObjectTab> all() {
        return tabs;
    }

    /** Properties… and the object's main actions, under the General tab's header. */
    List<Node> generalActions(NavNode n) {
        List<Node> out = new ArrayList<>();
        if (n.ref() == null) {
            return out;
        }
        XapiRecord r = n.connection().link().cache().get(n.ref());
        if (r == null) {
            return out;
        }
        switch (n.kind()) {
            case VM, TEMPLATE -> out.add(button("general-properties", "Properties…", Material2AL.EDIT,
                    () -> VmTabs.properties(ctx, n, null)));
            case HOST -> {
                out.add(nameButton(n, r, "host", "Server"));
                Host h = (Host) r;
                if (h.enabled()) {
                    out.add(button("host-maintenance-enter", "Enter Maintenance Mode…", Material2MZ.SETTINGS, () -> enterMaintenance(n)));
                } else {
                    out.add(button("host-maintenance-exit", "Exit Maintenance Mode", Material2MZ.PLAY_ARROW, () -> exitMaintenance(n)));
                }
            }
            case SR -> {
                out.add(nameButton(n, r, "SR", "Storage"));
                boolean isDefault = n.connection().link().cache().all(Pool.class).stream().anyMatch(p -> p.defaultSr().equals(n.ref()));
                Sr sr = (Sr) r;
                if (!isDefault && !"iso".equals(sr.contentType()) && !"udev".equals(sr.type())) {
                    out.add(button("sr-set-default", "Set as Default", Material2MZ.STAR_OUTLINE, () -> setDefault(n)));
                }
                out.add(button("sr-general-rescan", "Rescan", Material2MZ.REFRESH,
                        () -> ctx.runner().runTask(n.connection(), "Rescanning \"" + n.name() + "\"", "SR.scan", n.ref())));
            }
            case NETWORK -> out.add(nameButton(n, r, "network", "Network"));
            case POOL -> {
                out.add(nameButton(n, r, "pool", "Pool"));
                out.add(button("pool-general-new-network", "New Network…", Material2AL.ADD,
                        () -> new NewNetworkDialog(ctx.owner().get(), ctx.runner(), n.connection()).open()));
            }
            default -> {
            }
        }
        return out;
    }

    private Button nameButton(NavNode n, XapiRecord r, String xapiClass, String kind) {
        return button("general-properties", "Properties…", Material2AL.EDIT,
                () -> new NameDialog(ctx.owner().get(), ctx.runner(), n.connection(), r, xapiClass, kind).open());
    }

    private void setDefault(NavNode n) {
        n.connection().link().cache().all(Pool.class).stream().findFirst().ifPresent(p -> ctx.runner().apply(n.connection(),
                Change.titled("Making \"" + n.name() + "\" the default storage")
                        .call("Setting the default storage", "pool.set_default_SR", p.ref(), n.ref())));
    }

    /**
     * As XenCenter does it: no new VMs here (host.disable), the running ones moved to the other servers
     * (host.evacuate), and the MAINTENANCE_MODE flag other clients read. If the VMs cannot all move, the
     * server is enabled again.
     */
    private void enterMaintenance(NavNode n) {
        if (!ctx.confirm("Enter Maintenance Mode", "Move the running VMs of \"" + n.name()
                + "\" to other servers of the pool and stop new VMs from starting on it?", "Enter Maintenance Mode")) {
            return;
        }
        ctx.runner().apply(n.connection(), Change.titled("Putting \"" + n.name() + "\" into maintenance mode")
                .step("Disabling the server", "host.disable", (link, earlier) -> link.call("host.disable", n.ref()),
                        (link, result) -> link.call("host.enable", n.ref()))
                .call("Moving its VMs to other servers", "host.evacuate", n.ref())
                .call("Marking it", "host.remove_from_other_config", n.ref(), "MAINTENANCE_MODE")
                .call("Marking it", "host.add_to_other_config", n.ref(), "MAINTENANCE_MODE", "true"));
    }

    private void exitMaintenance(NavNode n) {
        ctx.runner().apply(n.connection(), Change.titled("Taking \"" + n.name() + "\" out of maintenance mode")
                .call("Enabling the server", "host.enable", n.ref())
                .call("Unmarking it", "host.remove_from_other_config", n.ref(), "MAINTENANCE_MODE"));
    }

    private static Button button(String id, String text, Ikon icon, Runnable action) {
        Button b = new Button(text, Icons.icon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** An SR's General tab lists the servers it is plugged into. */
    static boolean showsServers(NavNode n) {
        return n != null && n.kind() == NavKind.SR;
    }
}
