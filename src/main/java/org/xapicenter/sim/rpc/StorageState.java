package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * The derived fields of storage objects, recomputed after every change so that they stay true:
 * an SR's {@code physical_utilisation} and {@code virtual_allocation} (sums over its VDIs) and
 * {@code allowed_operations} (SR_HAS_PBD / SR_NO_PBDS / SR_NOT_EMPTY rules), and the
 * {@code allowed_operations} of VBDs. Called under the store lock.
 */
public final class StorageState {
    private static final List<String> SR_OPERATIONS = List.of("scan", "destroy", "forget", "plug", "unplug", "update",
            "vdi_create", "vdi_introduce", "vdi_destroy", "vdi_resize", "vdi_clone", "vdi_snapshot");

    private StorageState() {
    }

    static long longOf(ObjectStore store, String ref, String field) {
        return ((Number) store.get(ref, field)).longValue();
    }

    public static void refreshSr(ObjectStore store, String sr) {
        if (!store.isA(sr, "SR")) {
            return;
        }
        long used = 0;
        long allocated = 0;
        for (Object vdi : store.getList(sr, "VDIs")) {
            used += longOf(store, (String) vdi, "physical_utilisation");
            allocated += longOf(store, (String) vdi, "virtual_size");
        }
        List<Object> allowed = new ArrayList<>();
        for (String op : SR_OPERATIONS) {
            if (srRefusal(store, sr, op) == null) {
                allowed.add(op);
            }
        }
        store.update(sr, Map.of("physical_utilisation", used, "virtual_allocation", allocated,
                "allowed_operations", List.copyOf(allowed)));
    }

    /** Why {@code destroy} or {@code forget} of an SR is refused now (first rule wins, as xapi), or null. */
    static XapiException srRefusal(ObjectStore store, String sr, String op) {
        if (!op.equals("destroy") && !op.equals("forget")) {
            return null;
        }
        List<Object> pbds = store.getList(sr, "PBDs");
        for (Object pbd : pbds) {
            if (Boolean.TRUE.equals(store.get((String) pbd, "currently_attached"))) {
                return Errors.of("SR_HAS_PBD", sr);
            }
        }
        if (op.equals("destroy") && pbds.isEmpty()) {
            return Errors.of("SR_NO_PBDS", sr);
        }
        if (op.equals("destroy")) {
            for (Object vdi : store.getList(sr, "VDIs")) {
                if (Boolean.TRUE.equals(store.get((String) vdi, "managed"))) {
                    return Errors.of("SR_NOT_EMPTY");
                }
            }
        }
        return null;
    }

    /** SR_NO_PBDS unless some host has the SR attached (storage operations need a plugged PBD). */
    static void requireAttached(ObjectStore store, String sr) throws XapiException {
        for (Object pbd : store.getList(sr, "PBDs")) {
            if (Boolean.TRUE.equals(store.get((String) pbd, "currently_attached"))) {
                return;
            }
        }
        throw Errors.of("SR_NO_PBDS", sr);
    }

    static void refreshVbd(ObjectStore store, String vbd) {
        if (store.isA(vbd, "VBD")) {
            DeviceRules.setIfChanged(store, vbd, vbdOperations(store, store.getString(vbd, "VM"),
                    Boolean.TRUE.equals(store.get(vbd, "currently_attached")), (String) store.get(vbd, "type"),
                    Boolean.TRUE.equals(store.get(vbd, "empty"))));
        }
    }

    /**
     * A detached VBD can be attached; while its VM runs it can be plugged or, once attached, unplugged;
     * a CD drive takes a disc when empty and gives it up when not.
     */
    static List<Object> vbdOperations(ObjectStore store, String vm, boolean attached, String type, boolean empty) {
        List<Object> ops = new ArrayList<>();
        boolean running = store.isA(vm, "VM") && "Running".equals(store.get(vm, "power_state"));
        if (!attached) {
            ops.add("attach");
        }
        if (running) {
            ops.add(attached ? "unplug" : "plug");
            if (attached) {
                ops.add("unplug_force");
            }
        }
        if ("CD".equals(type)) {
            ops.add(empty ? "insert" : "eject");
        }
        return List.copyOf(ops);
    }

    /** Whether a VBD of this VDI is attached to a running domain. */
    static boolean inUse(ObjectStore store, String vdi) {
        for (Object vbd : store.getList(vdi, "VBDs")) {
            if (Boolean.TRUE.equals(store.get((String) vbd, "currently_attached"))) {
                return true;
            }
        }
        return false;
    }
}
