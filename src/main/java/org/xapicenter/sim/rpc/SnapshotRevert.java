package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.rpc.DiskCopies.Kind;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * VM.revert: the VM takes back the settings, disks, NICs and power state its snapshot recorded, as xapi
 * does it: the VM's disks that the snapshot has copies of are replaced by fresh clones of those copies
 * (older snapshots of them are re-pointed at the clones), disks added since are left unattached, NICs come
 * back with their MACs. A running VM is stopped. Called under the store lock.
 */
final class SnapshotRevert {
    private static final String NULL = "OpaqueRef:NULL";
    /** Fields the VM keeps through a revert: identity, what it is, runtime state and devices. */
    private static final Set<String> KEPT = Set.of("uuid", "name_label", "is_a_snapshot", "is_a_template",
            "is_default_template", "snapshot_of", "snapshot_time", "transportable_snapshot_id", "children",
            "suspend_VDI", "power_state", "parent", "current_operations", "allowed_operations", "metrics",
            "guest_metrics", "resident_on", "domid", "protection_policy", "snapshot_schedule", "snapshots", "tags",
            "affinity", "consoles", "VBDs", "VIFs", "VGPUs", "VUSBs", "VTPMs", "attached_PCIs",
            "is_snapshot_from_vmpp", "snapshot_info", "snapshot_metadata", "blocked_operations", "blobs",
            "crash_dumps", "is_vmss_snapshot");

    private final ObjectStore store;
    private final DiskCopies disks;
    private final VmDuplicator duplicator;
    private final VmLifecycle vms;

    SnapshotRevert(ObjectStore store, DiskCopies disks, VmDuplicator duplicator, VmLifecycle vms) {
        this.store = store;
        this.disks = disks;
        this.duplicator = duplicator;
        this.vms = vms;
    }

    /** The VM a snapshot reverts: its snapshot_of, or (as xapi) a new VM made from it when that is gone. */
    String vmOf(String snapshot) {
        String vm = store.getString(snapshot, "snapshot_of");
        if (store.isA(vm, "VM")) {
            return vm;
        }
        String made = duplicator.duplicate(snapshot, Kind.CLONE, store.getString(snapshot, "name_label"), NULL,
                Set.of());
        store.update(made, Map.of("is_a_template", Boolean.FALSE, "power_state", "Halted"));
        store.set(snapshot, "snapshot_of", made);
        vms.refreshAllowedOperations(made);
        return made;
    }

    void requireSpace(String snapshot) throws XapiException {
        duplicator.requireSpace(snapshot, Kind.CLONE, NULL, Set.of());
    }

    void revert(String snapshot, String vm) {
        String host = store.getString(vm, "resident_on");
        for (Object console : store.getList(vm, "consoles")) {
            store.destroy((String) console);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        store.record(snapshot).forEach((field, value) -> {
            if (!KEPT.contains(field)) {
                values.put(field, value);
            }
        });
        values.put("ha_always_run", Boolean.FALSE);
        values.put("power_state", store.get(snapshot, "power_state"));
        values.put("resident_on", NULL);
        values.put("domid", -1L);
        values.put("parent", snapshot);
        store.update(vm, values);
        revertDisks(snapshot, vm);
        for (Object vif : store.getList(vm, "VIFs")) {
            store.destroy((String) vif);
        }
        for (Object vif : store.getList(snapshot, "VIFs")) {
            duplicator.copyVif(store.record((String) vif), vm, true);
        }
        replaceMetrics(snapshot, vm);
        vms.refreshHostMemory(host);
        vms.refreshAllowedOperations(vm);
        DeviceRules.refreshDevices(store, vm);
    }

    private void revertDisks(String snapshot, String vm) {
        Set<String> snapshotted = new LinkedHashSet<>();
        for (String vdi : duplicator.copiedDisks(snapshot)) {
            snapshotted.add(store.getString(vdi, "snapshot_of"));
        }
        List<String> replaced = new ArrayList<>();
        for (String vdi : duplicator.copiedDisks(vm)) {
            if (snapshotted.contains(vdi)) {
                replaced.add(vdi);
            }
        }
        for (Object vbd : store.getList(vm, "VBDs")) {
            store.destroy((String) vbd);
        }
        for (String vdi : replaced) {
            disks.destroy(vdi);
        }
        for (Object vbd : store.getList(snapshot, "VBDs")) {
            Map<String, Object> r = store.record((String) vbd);
            String vdi = (String) r.get("VDI");
            if (!"Disk".equals(r.get("type")) || !store.isA(vdi, "VDI")) {
                duplicator.copyVbd(r, vm, vdi);
                continue;
            }
            String clone = disks.copy(vdi, Kind.CLONE, store.getString(vdi, "SR"));
            String original = store.getString(vdi, "snapshot_of");
            for (String other : store.refs("VDI")) {
                if (original.equals(store.get(other, "snapshot_of"))) {
                    store.set(other, "snapshot_of", clone);
                }
            }
            duplicator.copyVbd(r, vm, clone);
        }
    }

    private void replaceMetrics(String snapshot, String vm) {
        for (String field : List.of("metrics", "guest_metrics")) {
            String old = store.getString(vm, field);
            if (store.exists(old)) {
                store.destroy(old);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        store.update(vm, Map.of(
                "metrics", store.create("VM_metrics", Map.of("install_time", now, "last_updated", now,
                        "current_domain_type", "unspecified")),
                "guest_metrics", duplicator.copyGuestMetrics(store.getString(snapshot, "guest_metrics"))));
    }
}
