package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Copies of virtual disks for VM clone, copy, snapshot and revert, with the space they take: a clone or
 * snapshot on a sparse (VHD) SR is a new differencing disk holding only headers, a copy holds what the
 * original holds; on thick (LVM) SRs every disk is allocated in full. SR usage is the sum over its
 * VDIs, so it stays true. Called under the store lock.
 */
final class DiskCopies {
    enum Kind { CLONE, COPY, SNAPSHOT }

    private static final long MIB = 1024L * 1024;
    /** Headers and block table of a fresh differencing VHD, about what SMAPI reports for one. */
    private static final long DIFFERENCING_DISK = 2 * MIB;
    private static final Set<String> THICK_TYPES = Set.of("lvm", "lvmoiscsi", "lvmohba");
    private static final List<Object> OPERATIONS = List.of("clone", "copy", "resize", "snapshot", "destroy",
            "forget", "update");
    private static final List<String> COPIED_FIELDS = List.of("name_label", "name_description", "type", "sharable",
            "read_only", "other_config", "xenstore_data", "sm_config", "tags", "on_boot", "allow_caching",
            "virtual_size");

    private final ObjectStore store;

    DiskCopies(ObjectStore store) {
        this.store = store;
    }

    /** The SR a copy of {@code vdi} goes to: {@code targetSr} for a copy that names one, else its own. */
    String destination(String vdi, Kind kind, String targetSr) {
        return kind == Kind.COPY && store.isA(targetSr, "SR") ? targetSr : store.getString(vdi, "SR");
    }

    /** Space a copy of {@code vdi} on {@code sr} takes. */
    long spaceFor(String vdi, Kind kind, String sr) {
        long size = longOf(vdi, "virtual_size");
        if (THICK_TYPES.contains(store.getString(sr, "type"))) {
            return size;
        }
        return kind == Kind.COPY ? longOf(vdi, "physical_utilisation") : Math.min(size, DIFFERENCING_DISK);
    }

    /** An ISO library's driver cannot create disks: xapi refuses with SR_OPERATION_NOT_SUPPORTED. */
    void requireCanHoldDisks(String sr) throws XapiException {
        if ("iso".equals(store.get(sr, "content_type"))) {
            throw Errors.of("SR_OPERATION_NOT_SUPPORTED", sr);
        }
    }

    /** SR_BACKEND_FAILURE_44 (the SM's "insufficient space") unless every SR can hold what it is asked to. */
    void requireSpace(Map<String, Long> neededBySr) throws XapiException {
        for (Map.Entry<String, Long> e : neededBySr.entrySet()) {
            long free = longOf(e.getKey(), "physical_size") - longOf(e.getKey(), "physical_utilisation");
            if (e.getValue() > free) {
                throw Errors.of("SR_BACKEND_FAILURE_44", "", "There is insufficient space", "");
            }
        }
    }

    /** A new VDI holding a copy of {@code vdi} on {@code sr}; a snapshot records what it is a snapshot of. */
    String copy(String vdi, Kind kind, String sr) {
        Map<String, Object> source = store.record(vdi);
        Map<String, Object> v = new LinkedHashMap<>();
        for (String f : COPIED_FIELDS) {
            v.put(f, source.get(f));
        }
        v.put("SR", sr);
        v.put("physical_utilisation", spaceFor(vdi, kind, sr));
        v.put("allowed_operations", OPERATIONS);
        v.put("location", store.newUuid());
        v.put("managed", Boolean.TRUE);
        if (kind == Kind.SNAPSHOT) {
            v.put("is_a_snapshot", Boolean.TRUE);
            v.put("snapshot_of", vdi);
            v.put("snapshot_time", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        String copy = store.create("VDI", v);
        refreshUsage(sr);
        return copy;
    }

    /** Creates a blank disk (template provisioning). */
    String create(String sr, long size, String type, String name, String description) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name_label", name);
        v.put("name_description", description);
        v.put("SR", sr);
        v.put("virtual_size", size);
        v.put("physical_utilisation", THICK_TYPES.contains(store.getString(sr, "type")) ? size
                : Math.min(size, DIFFERENCING_DISK));
        v.put("type", type);
        v.put("allowed_operations", OPERATIONS);
        v.put("location", store.newUuid());
        v.put("managed", Boolean.TRUE);
        String vdi = store.create("VDI", v);
        refreshUsage(sr);
        return vdi;
    }

    void destroy(String vdi) {
        String sr = store.getString(vdi, "SR");
        store.destroy(vdi);
        refreshUsage(sr);
    }

    /** physical_utilisation and virtual_allocation of an SR: sums over its VDIs. */
    void refreshUsage(String sr) {
        if (!store.isA(sr, "SR")) {
            return;
        }
        long used = 0;
        long allocated = 0;
        for (Object vdi : store.getList(sr, "VDIs")) {
            used += longOf((String) vdi, "physical_utilisation");
            allocated += longOf((String) vdi, "virtual_size");
        }
        store.update(sr, Map.of("physical_utilisation", used, "virtual_allocation", allocated));
    }

    private long longOf(String ref, String field) {
        return ((Number) store.get(ref, field)).longValue();
    }
}
