package org.xapicenter.sim.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * VDI.create, destroy, resize and copy. Space is accounted as the SR's driver would: disks on LVM
 * types take their whole virtual size at once, VHD files on NFS, SMB and local ext grow as the guest
 * writes; SR_BACKEND_FAILURE_44 when the SR cannot hold what it must allocate.
 */
final class VdiMessages {
    /** Fields VDI.create reads from its struct (xapi's constructor fields). */
    private static final List<String> CONSTRUCTOR = List.of("name_label", "name_description", "SR", "virtual_size",
            "type", "sharable", "read_only", "other_config", "xenstore_data", "sm_config", "tags");
    static final List<Object> OPERATIONS = List.of("clone", "copy", "resize", "snapshot", "destroy", "forget",
            "update", "generate_config");

    private VdiMessages() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        d.register(new MethodSpec("VDI.create", Set.of(2), true, false, (ctx, a) -> {
            Map<String, Object> v = ConstructorArgs.read(store, "VDI", a.get(0), CONSTRUCTOR);
            String sr = (String) v.getOrDefault("SR", "OpaqueRef:NULL");
            requireSr(store, sr);
            long size = ((Number) v.getOrDefault("virtual_size", 0L)).longValue();
            if (size < 0) {
                throw SrBackends.failure(79, "VDI Invalid size");
            }
            return Locked.call(store, () -> create(store, sr, v, size));
        }));
        d.register(new MethodSpec("VDI.destroy", Set.of(2), true, false, (ctx, a) -> {
            String vdi = requireVdi(store, Args.string(a, 0));
            Locked.run(store, () -> destroy(store, vdi));
            return "";
        }));
        d.register(new MethodSpec("VDI.resize", Set.of(3), true, true, (ctx, a) -> {
            String vdi = requireVdi(store, Args.string(a, 0));
            long size = Args.integer(a, 1, "size");
            Locked.run(store, () -> checkResize(store, vdi, size));
            ctx.work("VDI.resize", 1.0);
            Locked.run(store, () -> {
                checkResize(store, vdi, size);
                String sr = store.getString(vdi, "SR");
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("virtual_size", size);
                if (SrBackends.thick(store.getString(sr, "type"))) {
                    values.put("physical_utilisation", size);
                }
                store.update(vdi, values);
                StorageState.refreshSr(store, sr);
            });
            return "";
        }));
        d.register(new MethodSpec("VDI.copy", Set.of(3), true, true, (ctx, a) -> {
            String vdi = requireVdi(store, Args.string(a, 0));
            String sr = Args.string(a, 1);
            requireSr(store, sr);
            Locked.run(store, () -> {
                StorageState.requireAttached(store, store.getString(vdi, "SR"));
                checkSpace(store, sr, allocation(store, sr, vdi));
            });
            ctx.work("VDI.copy", 1.0);
            return Locked.call(store, () -> copy(store, requireVdi(store, vdi), sr));
        }));
    }

    /**
     * A new disk on {@code sr} with {@code vdi}'s size, name and settings, the space it takes accounted
     * (for VM.copy/clone and VDI.copy). Call under the store lock; SR_BACKEND_FAILURE_44 when it does not fit.
     */
    static String copy(ObjectStore store, String vdi, String sr) throws XapiException {
        Map<String, Object> source = store.record(vdi);
        Map<String, Object> v = new LinkedHashMap<>();
        for (String f : List.of("name_label", "name_description", "type", "sharable", "read_only", "other_config",
                "xenstore_data", "tags")) {
            v.put(f, source.get(f));
        }
        return create(store, sr, v, ((Number) source.get("virtual_size")).longValue(), allocation(store, sr, vdi));
    }

    /** Space a copy of {@code vdi} takes on {@code sr}: its size on LVM, what it holds on VHD files. */
    private static long allocation(ObjectStore store, String sr, String vdi) {
        return SrBackends.thick(store.getString(sr, "type")) ? StorageState.longOf(store, vdi, "virtual_size")
                : StorageState.longOf(store, vdi, "physical_utilisation");
    }

    private static String create(ObjectStore store, String sr, Map<String, Object> v, long size) throws XapiException {
        checkVhdSize(store, sr, size);
        // A new sparse VHD holds only its headers; an LVM volume is allocated in full.
        long physical = SrBackends.thick(store.getString(sr, "type")) ? size : Math.min(size, 2 * SrBackends.MIB);
        return create(store, sr, v, size, physical);
    }

    private static String create(ObjectStore store, String sr, Map<String, Object> given, long size, long physical)
            throws XapiException {
        StorageState.requireAttached(store, sr);
        checkSpace(store, sr, physical);
        Map<String, Object> v = new LinkedHashMap<>(given);
        v.put("SR", sr);
        v.put("virtual_size", size);
        v.put("physical_utilisation", physical);
        v.put("allowed_operations", OPERATIONS);
        v.put("location", store.newUuid());
        v.put("managed", Boolean.TRUE);
        String vdi = store.create("VDI", v);
        StorageState.refreshSr(store, sr);
        return vdi;
    }

    /** VHD files (every type but LVM and ISO) hold at most 2040 GiB, as the VHD drivers enforce. */
    private static void checkVhdSize(ObjectStore store, String sr, long size) throws XapiException {
        String type = store.getString(sr, "type");
        if (!SrBackends.thick(type) && !type.equals("iso") && size > SrBackends.MAX_VHD_SIZE) {
            throw SrBackends.failure(79, "VDI Invalid size [opterr=VDI size must be between 1 MB and 2040 GB]");
        }
    }

    private static void checkSpace(ObjectStore store, String sr, long needed) throws XapiException {
        long free = StorageState.longOf(store, sr, "physical_size") - StorageState.longOf(store, sr, "physical_utilisation");
        if (needed > free) {
            throw SrBackends.failure(44, "There is insufficient space");
        }
    }

    private static void destroy(ObjectStore store, String vdi) throws XapiException {
        requireVdi(store, vdi);
        if (StorageState.inUse(store, vdi)) {
            throw Errors.of("VDI_IN_USE", vdi, "destroy");
        }
        String sr = store.getString(vdi, "SR");
        StorageState.requireAttached(store, sr);
        // Devices of halted VMs go with the disk; a CD drive is left empty rather than removed.
        for (Object o : store.getList(vdi, "VBDs")) {
            String vbd = (String) o;
            if ("CD".equals(store.get(vbd, "type"))) {
                store.update(vbd, Map.of("VDI", "OpaqueRef:NULL", "empty", Boolean.TRUE));
                StorageState.refreshVbd(store, vbd);
            } else {
                store.destroy(vbd);
            }
        }
        store.destroy(vdi);
        StorageState.refreshSr(store, sr);
    }

    private static void checkResize(ObjectStore store, String vdi, long size) throws XapiException {
        requireVdi(store, vdi);
        if (StorageState.inUse(store, vdi)) {
            throw Errors.of("VDI_IN_USE", vdi, "resize");
        }
        long current = StorageState.longOf(store, vdi, "virtual_size");
        if (size < current) {
            throw SrBackends.failure(79, "VDI Invalid size [opterr=shrinking not allowed]");
        }
        String sr = store.getString(vdi, "SR");
        StorageState.requireAttached(store, sr);
        checkVhdSize(store, sr, size);
        if (SrBackends.thick(store.getString(sr, "type"))) {
            checkSpace(store, sr, size - StorageState.longOf(store, vdi, "physical_utilisation"));
        }
    }

    static String requireVdi(ObjectStore store, String vdi) throws XapiException {
        if (!store.isA(vdi, "VDI")) {
            throw Errors.handleInvalid("VDI", vdi);
        }
        return vdi;
    }

    static void requireSr(ObjectStore store, String sr) throws XapiException {
        if (!store.isA(sr, "SR")) {
            throw Errors.handleInvalid("SR", sr);
        }
    }
}
