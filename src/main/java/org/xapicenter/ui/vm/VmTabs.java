package org.xapicenter.ui.vm;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.props.ObjectRows;
import org.xapicenter.ui.props.ObjectTab;
import org.xapicenter.ui.props.SheetSection;
import org.xapicenter.ui.props.TabContext;
import org.xapicenter.ui.props.TableSection;
import org.xapicenter.ui.props.TableTab;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.Vbd;
import org.xapicenter.xapi.record.Vdi;
import org.xapicenter.xapi.record.Vm;

/** A VM's Memory, Storage, Networking and Snapshots tabs with the actions on their rows. */
public final class VmTabs {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final TabContext ctx;

    private VmTabs(TabContext ctx) {
        this.ctx = ctx;
    }

    public static List<ObjectTab> create(TabContext ctx) {
        VmTabs t = new VmTabs(ctx);
        return List.of(t.memory(), t.storage(), t.networking(), t.snapshots());
    }

    static Optional<Vm> vm(NavNode n) {
        return n.connection().link().cache().get(n.ref(), Vm.class);
    }

    private static boolean editable(NavNode n) {
        return vm(n).map(v -> !v.isSnapshot() && !v.isControlDomain()).orElse(false);
    }

    private static boolean live(NavNode n) {
        return vm(n).map(VmRows::live).orElse(false);
    }

    /** Opens VM Properties on the VM of {@code n}, optionally on one of its tabs. */
    public static void properties(TabContext ctx, NavNode n, String tab) {
        new VmTabs(ctx).properties(n, tab);
    }

    private void properties(NavNode n, String tab) {
        vm(n).ifPresent(v -> {
            VmPropertiesDialog d = new VmPropertiesDialog(ctx.owner().get(), ctx.runner(), n.connection(), v);
            if (tab != null) {
                d.onTab(tab);
            }
            d.open();
        });
    }

    private ObjectTab memory() {
        TableTab tab = new TableTab("vm-memory-tab", "Memory", Set.of(NavKind.VM, NavKind.TEMPLATE));
        tab.sheet(new SheetSection("vm-memory", ObjectRows.of(Vm.class, VmRows::memory))
                .button("vm-memory-edit", "Edit…", Material2AL.EDIT, n -> properties(n, "CPU and Memory"))
                .watching("vm", "vm_metrics", "vm_guest_metrics"));
        return tab;
    }

    private ObjectTab storage() {
        TableTab tab = new TableTab("vm-storage-tab", "Storage", Set.of(NavKind.VM, NavKind.TEMPLATE));
        TableSection<VmRows.Disk> disks = tab.add(new TableSection<VmRows.Disk>("vm-disks", "Virtual disks",
                ObjectRows.of(Vm.class, VmRows::disks), VmRows.Disk::vbd,
                "This VM has no disks.")).watching("vm", "vbd", "vdi", "sr");
        disks.column("Position", VmRows.Disk::position, 70)
                .column("Name", VmRows.Disk::name, 200)
                .column("Size", VmRows.Disk::size, 90)
                .column("Storage", VmRows.Disk::sr, 160)
                .column("Device", VmRows.Disk::device, 70)
                .column("Mode", VmRows.Disk::mode, 90)
                .column("Active", VmRows.Disk::attachedText, 70);
        disks.button("vm-disk-add", "Add Disk…", Material2AL.ADD, (n, r) -> editable(n),
                        (n, r) -> vm(n).ifPresent(v -> new AddDiskDialog(ctx.owner().get(), ctx.runner(), n.connection(), v, null).open()))
                .button("vm-disk-attach", "Attach Disk…", Material2AL.LINK, (n, r) -> editable(n),
                        (n, r) -> vm(n).ifPresent(v -> new AttachDiskDialog(ctx.owner().get(), ctx.runner(), n.connection(), v).open()))
                .button("vm-disk-plug", "Activate", Material2MZ.PLAY_ARROW,
                        (n, r) -> r != null && !r.attached() && !r.cd() && live(n),
                        (n, r) -> apply(n, Change.titled("Activating \"" + r.name() + "\"").call("Plugging", "VBD.plug", r.vbd())))
                .button("vm-disk-unplug", "Deactivate", Material2MZ.STOP, (n, r) -> r != null && r.attached() && live(n),
                        (n, r) -> apply(n, Change.titled("Deactivating \"" + r.name() + "\"").call("Unplugging", "VBD.unplug", r.vbd())))
                .button("vm-disk-resize", "Resize…", Material2AL.ASPECT_RATIO, (n, r) -> r != null && r.vdi() != null && !r.cd(),
                        (n, r) -> n.connection().link().cache().get(r.vdi(), Vdi.class)
                                .ifPresent(vdi -> new ResizeDiskDialog(ctx.owner().get(), ctx.runner(), n.connection(), vdi).open()))
                .button("vm-disk-detach", "Detach", Material2AL.LINK_OFF, (n, r) -> r != null && !r.cd() && editable(n),
                        (n, r) -> {
                            if (ctx.confirm("Detach Disk", "Detach \"" + r.name() + "\" from the VM? The disk is kept in its storage.", "Detach")) {
                                apply(n, detach(Change.titled("Detaching \"" + r.name() + "\""), r, live(n)));
                            }
                        })
                .button("vm-disk-delete", "Delete", Material2AL.DELETE_OUTLINE, (n, r) -> r != null && r.vdi() != null && !r.cd() && editable(n),
                        (n, r) -> {
                            if (ctx.confirm("Delete Disk", "Delete \"" + r.name() + "\" and everything on it? This cannot be undone.", "Delete")) {
                                apply(n, detach(Change.titled("Deleting \"" + r.name() + "\""), r, live(n))
                                        .call("Deleting the disk", "VDI.destroy", r.vdi()));
                            }
                        });
        return tab;
    }

    private static Change detach(Change c, VmRows.Disk r, boolean live) {
        if (r.attached() && live) {
            c.call("Unplugging", "VBD.unplug", r.vbd());
        }
        return c.call("Detaching", "VBD.destroy", r.vbd());
    }

    private ObjectTab networking() {
        TableTab tab = new TableTab("vm-network-tab", "Networking", Set.of(NavKind.VM, NavKind.TEMPLATE));
        TableSection<VmRows.Nic> nics = tab.add(new TableSection<VmRows.Nic>("vm-nics", "Network interfaces",
                ObjectRows.of(Vm.class, VmRows::nics), VmRows.Nic::vif,
                "This VM has no network interfaces.")).watching("vm", "vif", "network", "vm_guest_metrics");
        nics.column("Device", VmRows.Nic::device, 60)
                .column("Network", VmRows.Nic::network, 320)
                .column("MAC", VmRows.Nic::mac, 140)
                .column("IP addresses", VmRows.Nic::addresses, 180)
                .column("Active", VmRows.Nic::attachedText, 60);
        nics.button("vm-nic-add", "Add Interface…", Material2AL.ADD, (n, r) -> editable(n),
                        (n, r) -> vm(n).ifPresent(v -> new AddNicDialog(ctx.owner().get(), ctx.runner(), n.connection(), v).open()))
                .button("vm-nic-plug", "Activate", Material2MZ.PLAY_ARROW, (n, r) -> r != null && !r.attached() && live(n),
                        (n, r) -> apply(n, Change.titled("Activating interface " + r.device()).call("Plugging", "VIF.plug", r.vif())))
                .button("vm-nic-unplug", "Deactivate", Material2MZ.STOP, (n, r) -> r != null && r.attached() && live(n),
                        (n, r) -> apply(n, Change.titled("Deactivating interface " + r.device()).call("Unplugging", "VIF.unplug", r.vif())))
                .button("vm-nic-remove", "Remove", Material2AL.DELETE_OUTLINE, (n, r) -> r != null && editable(n),
                        (n, r) -> {
                            if (ctx.confirm("Remove Interface", "Remove interface " + r.device() + " (" + r.mac() + ") from the VM?", "Remove")) {
                                Change c = Change.titled("Removing interface " + r.device());
                                if (r.attached() && live(n)) {
                                    c.call("Unplugging", "VIF.unplug", r.vif());
                                }
                                apply(n, c.call("Removing", "VIF.destroy", r.vif()));
                            }
                        });
        return tab;
    }

    private ObjectTab snapshots() {
        TableTab tab = new TableTab("vm-snapshots-tab", "Snapshots", Set.of(NavKind.VM));
        TableSection<VmRows.Snapshot> snaps = tab.add(new TableSection<VmRows.Snapshot>("vm-snapshots", "Snapshots",
                ObjectRows.of(Vm.class, VmRows::snapshots),
                VmRows.Snapshot::ref, "No snapshots yet. Take one to keep this VM's state to come back to.")).watching("vm");
        snaps.column("Name", VmRows.Snapshot::indentedName, 260)
                .column("Taken", VmRows.Snapshot::taken, 160)
                .column("Description", VmRows.Snapshot::description, 240);
        snaps.button("vm-snapshot-take", "Take Snapshot…", Material2MZ.PHOTO_CAMERA, (n, r) -> editable(n),
                        (n, r) -> ctx.askName("Take Snapshot", "Snapshot name:", n.name() + " " + STAMP.format(Instant.now()))
                                .ifPresent(name -> ctx.runner().runTask(n.connection(),
                                        "Taking the snapshot \"" + name + "\" of \"" + n.name() + "\"", "VM.snapshot", n.ref(), name)))
                .button("vm-snapshot-revert", "Revert To…", Material2MZ.RESTORE, (n, r) -> r != null,
                        (n, r) -> {
                            if (ctx.confirm("Revert to Snapshot", "Revert \"" + n.name() + "\" to \"" + r.name()
                                    + "\"? Its current state is lost unless you take a snapshot first.", "Revert")) {
                                ctx.runner().runTask(n.connection(), "Reverting \"" + n.name() + "\" to \"" + r.name() + "\"",
                                        "VM.revert", r.ref());
                            }
                        })
                .button("vm-snapshot-new-vm", "New VM from Snapshot…", Material2AL.CONTENT_COPY, (n, r) -> r != null,
                        (n, r) -> ctx.askName("New VM from Snapshot", "Name of the new VM:", r.name() + " copy")
                                .ifPresent(name -> apply(n, Change.titled("Creating \"" + name + "\" from \"" + r.name() + "\"")
                                        .step("Cloning the snapshot", "VM.clone", (link, earlier) -> link.call("VM.clone", r.ref(), name),
                                                (link, vm) -> link.call("VM.destroy", vm))
                                        .step("Making it a VM", (link, earlier) -> link.call("VM.set_is_a_template", earlier.get(0), false), null))))
                .button("vm-snapshot-delete", "Delete", Material2AL.DELETE_OUTLINE, (n, r) -> r != null,
                        (n, r) -> {
                            if (ctx.confirm("Delete Snapshot", "Delete the snapshot \"" + r.name() + "\" and its disks?", "Delete")) {
                                apply(n, deleteSnapshot(n.connection().link().cache(), r));
                            }
                        });
        return tab;
    }

    /** The snapshot and the disk copies only it uses (shared ones, such as an ISO, stay). */
    private static Change deleteSnapshot(ObjectCache cache, VmRows.Snapshot r) {
        Change c = Change.titled("Deleting the snapshot \"" + r.name() + "\"");
        List<String> disks = new ArrayList<>();
        cache.get(r.ref(), Vm.class).ifPresent(s -> org.xapicenter.ui.props.Refs.all(cache, s.vbds(), Vbd.class).stream()
                .filter(b -> !b.empty() && !"CD".equalsIgnoreCase(b.type()))
                .forEach(b -> cache.get(b.vdi(), Vdi.class).filter(v -> v.vbds().size() <= 1).ifPresent(v -> disks.add(v.ref()))));
        c.call("Deleting the snapshot", "VM.destroy", r.ref());
        for (String vdi : disks) {
            c.call("Deleting its disks", "VDI.destroy", vdi);
        }
        return c;
    }

    private void apply(NavNode n, Change c) {
        ctx.runner().apply(n.connection(), c);
    }
}
