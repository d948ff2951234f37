package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The informational messages (priority 5) xapi raises about a VM after some operations, which clients
 * show in their alert and history lists. Called under the store lock.
 */
final class VmAlerts {
    private static final long INFORMATIONAL = 5;

    private VmAlerts() {
    }

    static void snapshotted(ObjectStore store, String vm, String snapshotName) {
        create(store, vm, "VM_SNAPSHOTTED", describe(store, vm, "VM") + " snapshotted, snapshot name: " + snapshotName);
    }

    static void reverted(ObjectStore store, String vm, String snapshot) {
        create(store, vm, "VM_SNAPSHOT_REVERTED", describe(store, vm, "VM") + " reverted to snapshot: "
                + store.getString(snapshot, "name_label") + " (uuid " + store.getString(snapshot, "uuid") + ")");
    }

    static void migrated(ObjectStore store, String vm, String from, String to) {
        create(store, vm, "VM_MIGRATED", describe(store, vm, "VM") + " migrated from " + describe(store, from, "host")
                + " to " + describe(store, to, "host"));
    }

    private static String describe(ObjectStore store, String ref, String kind) {
        return kind + " '" + store.getString(ref, "name_label") + "' (uuid: " + store.getString(ref, "uuid") + ")";
    }

    private static void create(ObjectStore store, String vm, String name, String body) {
        store.create("message", Map.of("name", name, "priority", INFORMATIONAL, "cls", "VM",
                "obj_uuid", store.getString(vm, "uuid"), "body", body,
                "timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }
}
