package org.xapicenter.ui.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.props.ObjectRows;
import org.xapicenter.ui.props.ObjectTab;
import org.xapicenter.ui.props.TabContext;
import org.xapicenter.ui.props.TableSection;
import org.xapicenter.ui.props.TableTab;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.ui.vm.AddDiskDialog;
import org.xapicenter.ui.vm.ResizeDiskDialog;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vdi;

/** An SR's Storage tab (its disks, with add, resize, delete and rescan) and the hosts table of its General tab. */
public final class SrTabs {
    private SrTabs() {
    }

    static Optional<Sr> sr(NavNode n) {
        return n.connection().link().cache().get(n.ref(), Sr.class);
    }

    public static ObjectTab storage(TabContext ctx) {
        TableTab tab = new TableTab("sr-storage-tab", "Storage", Set.of(NavKind.SR));
        TableSection<SrRows.Disk> disks = tab.add(new TableSection<SrRows.Disk>("sr-disks", "Virtual disks",
                ObjectRows.of(Sr.class, SrRows::disks), SrRows.Disk::vdi,
                "This storage holds no virtual disks.")).watching("sr", "vdi", "vbd", "vm");
        disks.column("Name", SrRows.Disk::name, 220)
                .column("Description", SrRows.Disk::description, 160)
                .column("Size", SrRows.Disk::size, 90)
                .column("Used", SrRows.Disk::used, 90)
                .column("VM", SrRows.Disk::vms, 200);
        disks.button("sr-disk-add", "Add Disk…", Material2AL.ADD, (n, r) -> sr(n).map(SrTabs::holdsDisks).orElse(false),
                        (n, r) -> sr(n).ifPresent(s -> new AddDiskDialog(ctx.owner().get(), ctx.runner(), n.connection(), null, s).open()))
                .button("sr-disk-resize", "Resize…", Material2AL.ASPECT_RATIO, (n, r) -> r != null && !r.snapshot(),
                        (n, r) -> n.connection().link().cache().get(r.vdi(), Vdi.class)
                                .ifPresent(v -> new ResizeDiskDialog(ctx.owner().get(), ctx.runner(), n.connection(), v).open()))
                .button("sr-disk-delete", "Delete", Material2AL.DELETE_OUTLINE, (n, r) -> r != null && !r.inUse(),
                        (n, r) -> {
                            if (ctx.confirm("Delete Disk", "Delete \"" + r.name() + "\" and everything on it? This cannot be undone.", "Delete")) {
                                ctx.runner().apply(n.connection(), Change.titled("Deleting \"" + r.name() + "\"")
                                        .call("Deleting the disk", "VDI.destroy", r.vdi()));
                            }
                        })
                .button("sr-rescan", "Rescan", Material2MZ.REFRESH, (n, r) -> true,
                        (n, r) -> ctx.runner().runTask(n.connection(), "Rescanning \"" + n.name() + "\"", "SR.scan", n.ref()));
        return tab;
    }

    private static boolean holdsDisks(Sr s) {
        return !"iso".equals(s.contentType()) && !"udev".equals(s.type());
    }

    /** The servers the SR is plugged into, for its General tab. */
    public static TableSection<SrRows.HostLink> hosts() {
        return new TableSection<SrRows.HostLink>("sr-hosts", "Servers",
                ObjectRows.of(Sr.class, SrRows::hosts), SrRows.HostLink::pbd,
                "This storage is not plugged into any server.").watching("sr", "pbd", "host")
                .column("Server", SrRows.HostLink::host, 160)
                .column("Status", SrRows.HostLink::attached, 110)
                .column("Configuration", SrRows.HostLink::config, 300);
    }
}
