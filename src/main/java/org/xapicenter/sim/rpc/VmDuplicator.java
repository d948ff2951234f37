package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.rpc.DiskCopies.Kind;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Makes a new VM from an existing one, as xapi's clone, copy and snapshot do: the record (with the
 * fields a copy must not inherit reset), fresh metrics, a copy of the guest metrics, its disks (CD images
 * are shared, not copied), VBDs and VIFs (fresh MACs, except that a snapshot keeps them so that a revert
 * brings them back). Called under the store lock.
 */
final class VmDuplicator {
    private static final String NULL = "OpaqueRef:NULL";
    /** Fields that a new VM never inherits: identity, runtime state, and sets kept by relations. */
    private static final Set<String> NOT_INHERITED = Set.of("uuid", "allowed_operations", "current_operations",
            "blocked_operations", "resident_on", "domid", "consoles", "VIFs", "VBDs", "VUSBs", "crash_dumps",
            "VTPMs", "VGPUs", "attached_PCIs", "snapshots", "children", "metrics", "guest_metrics", "suspend_VDI",
            "blobs", "is_default_template", "requires_reboot", "snapshot_metadata", "transportable_snapshot_id");
    private static final Set<String> VBD_NOT_INHERITED = Set.of("uuid", "VM", "VDI", "allowed_operations",
            "current_operations", "currently_attached", "status_code", "status_detail", "runtime_properties",
            "metrics", "storage_lock");
    private static final Set<String> VIF_NOT_INHERITED = Set.of("uuid", "VM", "allowed_operations",
            "current_operations", "currently_attached", "status_code", "status_detail", "runtime_properties",
            "metrics");

    private final ObjectStore store;
    private final DiskCopies disks;

    VmDuplicator(ObjectStore store, DiskCopies disks) {
        this.store = store;
        this.disks = disks;
    }

    /** Refuses before anything is made when the SRs cannot hold the new disks. */
    void requireSpace(String vm, Kind kind, String targetSr, Set<String> ignoredDisks) throws XapiException {
        Map<String, Long> needed = new LinkedHashMap<>();
        for (String vdi : copiedDisks(vm)) {
            if (ignoredDisks.contains(vdi)) {
                continue;
            }
            String sr = disks.destination(vdi, kind, targetSr);
            disks.requireCanHoldDisks(sr);
            needed.merge(sr, disks.spaceFor(vdi, kind, sr), Long::sum);
        }
        SrSpace.require(store, needed);
    }

    /**
     * The new VM's ref. {@code targetSr} matters for a copy only (NULL: each disk stays in its SR);
     * {@code ignoredDisks} for a snapshot only (xapi's ignore_vdis: those disks are left out of it).
     */
    String duplicate(String vm, Kind kind, String newName, String targetSr, Set<String> ignoredDisks) {
        Map<String, Object> source = store.record(vm);
        boolean snapshot = kind == Kind.SNAPSHOT;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> v = new LinkedHashMap<>();
        source.forEach((field, value) -> {
            if (!NOT_INHERITED.contains(field)) {
                v.put(field, value);
            }
        });
        String state = (String) source.get("power_state");
        v.put("name_label", newName);
        v.put("power_state", !snapshot && state.equals("Suspended") ? "Suspended" : "Halted");
        v.put("is_a_template", snapshot || Boolean.TRUE.equals(source.get("is_a_template")));
        v.put("is_a_snapshot", snapshot);
        // Only the scheduler's own snapshots are marked as its; we never take those.
        v.put("is_vmss_snapshot", Boolean.FALSE);
        v.put("is_snapshot_from_vmpp", Boolean.FALSE);
        v.put("snapshot_of", snapshot ? vm : NULL);
        v.put("snapshot_time", snapshot ? now : Instant.EPOCH);
        v.put("snapshot_info", snapshot ? Map.of("power-state-at-snapshot", state,
                "disk-snapshot-type", "crash_consistent") : Map.of());
        // Clones and copies are new top-level VMs; a snapshot hangs below the VM's previous one.
        v.put("parent", snapshot ? source.get("parent") : NULL);
        v.put("other_config", otherConfig(source, snapshot));
        v.put("metrics", store.create("VM_metrics", Map.of("install_time", now, "last_updated", now,
                "hvm", "hvm".equals(source.get("domain_type")), "current_domain_type", "unspecified")));
        v.put("guest_metrics", copyGuestMetrics((String) source.get("guest_metrics")));
        String copy = store.create("VM", v);
        copyDevices(vm, copy, kind, targetSr, snapshot, ignoredDisks);
        if (snapshot) {
            store.set(vm, "parent", copy);
        }
        return copy;
    }

    /** Copies {@code from}'s VBDs (with new disks) and VIFs onto {@code to}. */
    void copyDevices(String from, String to, Kind kind, String targetSr, boolean keepMacs, Set<String> ignoredDisks) {
        for (Object vbd : store.getList(from, "VBDs")) {
            Map<String, Object> r = store.record((String) vbd);
            String vdi = (String) r.get("VDI");
            if (ignoredDisks.contains(vdi)) {
                continue;
            }
            boolean disk = "Disk".equals(r.get("type")) && store.isA(vdi, "VDI");
            String newVdi = disk ? disks.copy(vdi, kind, disks.destination(vdi, kind, targetSr)) : vdi;
            copyVbd(r, to, newVdi);
        }
        for (Object vif : store.getList(from, "VIFs")) {
            copyVif(store.record((String) vif), to, keepMacs);
        }
    }

    String copyVbd(Map<String, Object> r, String vm, String vdi) {
        Map<String, Object> v = new LinkedHashMap<>();
        r.forEach((field, value) -> {
            if (!VBD_NOT_INHERITED.contains(field)) {
                v.put(field, value);
            }
        });
        boolean cd = "CD".equals(r.get("type"));
        boolean empty = !store.isA(vdi, "VDI");
        v.put("VM", vm);
        v.put("VDI", empty ? NULL : vdi);
        v.put("empty", empty);
        v.put("allowed_operations", StorageState.vbdOperations(store, vm, false, (String) r.get("type"), empty));
        if (!cd) {
            // As xapi: the new VM owns its copied disks, so they go when it is destroyed with its disks.
            Map<String, Object> oc = new LinkedHashMap<>(castMap(r.get("other_config")));
            oc.putIfAbsent("owner", "");
            v.put("other_config", oc);
        }
        return store.create("VBD", v);
    }

    String copyVif(Map<String, Object> r, String vm, boolean keepMac) {
        Map<String, Object> v = new LinkedHashMap<>();
        r.forEach((field, value) -> {
            if (!VIF_NOT_INHERITED.contains(field)) {
                v.put(field, value);
            }
        });
        v.put("VM", vm);
        if (!keepMac) {
            v.put("MAC", MacAddresses.fresh(store));
            v.put("MAC_autogenerated", Boolean.TRUE);
        }
        v.put("allowed_operations", DeviceRules.vifOperations(store, vm, false));
        return store.create("VIF", v);
    }

    String copyGuestMetrics(String gm) {
        if (!store.isA(gm, "VM_guest_metrics")) {
            return NULL;
        }
        Map<String, Object> v = new LinkedHashMap<>(store.record(gm));
        v.remove("uuid");
        v.put("networks", Map.of());
        v.put("live", Boolean.FALSE);
        return store.create("VM_guest_metrics", v);
    }

    /** Disks a clone, copy or snapshot makes new copies of (not CD images, not empty drives). */
    List<String> copiedDisks(String vm) {
        List<String> out = new ArrayList<>();
        for (Object vbd : store.getList(vm, "VBDs")) {
            String vdi = store.getString((String) vbd, "VDI");
            if ("Disk".equals(store.get((String) vbd, "type")) && store.isA(vdi, "VDI")) {
                out.add(vdi);
            }
        }
        return out;
    }

    private Map<String, Object> otherConfig(Map<String, Object> source, boolean snapshot) {
        Map<String, Object> oc = new LinkedHashMap<>(castMap(source.get("other_config")));
        // A copy of a default template is the user's own; xapi drops the marker (and its internal flag).
        oc.remove("default_template");
        oc.remove("xensource_internal");
        if (!snapshot) {
            oc.put("mac_seed", store.newUuid());
        }
        if (Boolean.TRUE.equals(source.get("is_a_template"))) {
            oc.putIfAbsent("base_template_name", source.get("name_label"));
        }
        return oc;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
