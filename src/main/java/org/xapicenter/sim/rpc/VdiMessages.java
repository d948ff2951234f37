package org.xapicenter.sim.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * VDI.create, destroy, resize and copy: the checks xapi and the SR's driver make (size limits, an
 * attached SR, room for what the driver must allocate, see {@link SrSpace}); the disks themselves are
 * made by {@link DiskCopies}, as those of VM clone, copy and snapshot are.
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
            Handles.require(store, "SR", sr);
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
            Locked.afterWork(store, ctx, "VDI.resize", () -> checkResize(store, vdi, size), () -> {
                String sr = store.getString(vdi, "SR");
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("virtual_size", size);
                if (SrSpace.thick(store, sr)) {
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
            Handles.require(store, "SR", sr);
            Locked.run(store, () -> {
                StorageState.requireAttached(store, store.getString(vdi, "SR"));
                SrSpace.require(store, sr, SrSpace.fullCopy(store, vdi, sr));
            });
            ctx.work("VDI.copy", 1.0);
            return Locked.call(store, () -> {
                requireVdi(store, vdi);
                StorageState.requireAttached(store, sr);
                SrSpace.require(store, sr, SrSpace.fullCopy(store, vdi, sr));
                return new DiskCopies(store).copy(vdi, DiskCopies.Kind.COPY, sr);
            });
        }));
    }

    private static String create(ObjectStore store, String sr, Map<String, Object> v, long size) throws XapiException {
        checkVhdSize(store, sr, size);
        StorageState.requireAttached(store, sr);
        SrSpace.require(store, sr, SrSpace.newDisk(store, sr, size));
        return new DiskCopies(store).create(sr, v, size);
    }

    /** VHD files (every type but LVM and ISO) hold at most 2040 GiB, as the VHD drivers enforce. */
    private static void checkVhdSize(ObjectStore store, String sr, long size) throws XapiException {
        String type = store.getString(sr, "type");
        if (!SrBackends.thick(type) && !type.equals("iso") && size > SrBackends.MAX_VHD_SIZE) {
            throw SrBackends.failure(79, "VDI Invalid size [opterr=VDI size must be between 1 MB and 2040 GB]");
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
        if (SrSpace.thick(store, sr)) {
            SrSpace.require(store, sr, size - StorageState.longOf(store, vdi, "physical_utilisation"));
        }
    }

    static String requireVdi(ObjectStore store, String vdi) throws XapiException {
        return Handles.require(store, "VDI", vdi);
    }
}
