package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * The one place the simulator makes and removes virtual disks: blank ones (VDI.create, template
 * provisioning) and copies (VDI.copy, VM clone, copy, snapshot and revert), each taking the space
 * {@link SrSpace} says, the SR's usage refreshed after. A clone or snapshot is a new differencing disk;
 * a copy holds what the original holds. Checks (space, attached SR) are the caller's. Called under the
 * store lock.
 */
public final class DiskCopies {
    enum Kind { CLONE, COPY, SNAPSHOT }

    /** Told of each disk copy, so that the copy can hold what its original holds (see sim.xva.DiskContents). */
    @FunctionalInterface
    public interface ContentListener {
        void copied(String originalUuid, String copyUuid);
    }

    /**
     * The listener of each simulated pool, by its store. Weak keys: a pool that is gone takes its listener
     * with it. DiskCopies are made in many places from a store alone; this spares them all a new parameter.
     */
    private static final Map<ObjectStore, ContentListener> LISTENERS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Disk copies in {@code store}'s pool are reported to {@code listener} from now on. */
    public static void onCopy(ObjectStore store, ContentListener listener) {
        LISTENERS.put(store, listener);
    }

    private static final List<String> COPIED_FIELDS = List.of("name_label", "name_description", "type", "sharable",
            "read_only", "other_config", "xenstore_data", "sm_config", "tags", "on_boot", "allow_caching");

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
        return kind == Kind.COPY ? SrSpace.fullCopy(store, vdi, sr)
                : SrSpace.newDisk(store, sr, StorageState.longOf(store, vdi, "virtual_size"));
    }

    /** An ISO library's driver cannot create disks: xapi refuses with SR_OPERATION_NOT_SUPPORTED. */
    void requireCanHoldDisks(String sr) throws XapiException {
        if ("iso".equals(store.get(sr, "content_type"))) {
            throw Errors.of("SR_OPERATION_NOT_SUPPORTED", sr);
        }
    }

    /** A new VDI holding a copy of {@code vdi} on {@code sr}; a snapshot records what it is a snapshot of. */
    String copy(String vdi, Kind kind, String sr) {
        Map<String, Object> source = store.record(vdi);
        Map<String, Object> v = new LinkedHashMap<>();
        for (String f : COPIED_FIELDS) {
            v.put(f, source.get(f));
        }
        if (kind == Kind.SNAPSHOT) {
            v.put("is_a_snapshot", Boolean.TRUE);
            v.put("snapshot_of", vdi);
            v.put("snapshot_time", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        String copy = make(sr, v, StorageState.longOf(store, vdi, "virtual_size"), spaceFor(vdi, kind, sr));
        ContentListener listener = LISTENERS.get(store);
        if (listener != null) {
            listener.copied(store.getString(vdi, "uuid"), store.getString(copy, "uuid"));
        }
        return copy;
    }

    /** A blank disk of {@code size} bytes on {@code sr} with the given fields (name, type, ...). */
    String create(String sr, Map<String, Object> fields, long size) {
        return make(sr, fields, size, SrSpace.newDisk(store, sr, size));
    }

    void destroy(String vdi) {
        String sr = store.getString(vdi, "SR");
        store.destroy(vdi);
        StorageState.refreshSr(store, sr);
    }

    private String make(String sr, Map<String, Object> fields, long size, long physical) {
        Map<String, Object> v = new LinkedHashMap<>(fields);
        v.put("SR", sr);
        v.put("virtual_size", size);
        v.put("physical_utilisation", physical);
        v.put("allowed_operations", VdiMessages.OPERATIONS);
        v.put("location", store.newUuid());
        v.put("managed", Boolean.TRUE);
        String vdi = store.create("VDI", v);
        StorageState.refreshSr(store, sr);
        return vdi;
    }
}
