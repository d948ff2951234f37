package org.xapicenter.sim.xva;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.model.FieldDef;
import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.sim.rpc.StorageState;
import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;

/**
 * The objects an import makes from ova.xml, as import.ml makes them: a halted VM with fresh uuids (the
 * archive's kept with {@code restore=true} when free), fresh metrics, its disks as new VDIs in the target
 * SR, their VBDs, its VIFs on the network of the same name here (else of the same bridge, else a new
 * network of that name). CD drives get the local disc of the same uuid, or stay empty. Everything made is
 * remembered so that {@link #destroyAll} leaves no trace of a failed or cancelled import.
 */
final class ImportedObjects {
    private static final String NULL = FieldType.Ref.NULL;
    private static final long MIB = 1024L * 1024;
    /** What a fresh VHD takes (the simulator's SR space rules): headers and block table. */
    private static final long NEW_VHD = 2 * MIB;
    private static final Set<String> THICK = Set.of("lvmoiscsi", "lvm", "lvmohba");
    private static final List<Object> VDI_OPERATIONS = List.of("clone", "copy", "resize", "snapshot", "destroy",
            "forget", "update", "generate_config");
    /** Runtime state and identity a new object never takes from the archive. */
    private static final Set<String> NOT_COPIED = Set.of("uuid", "allowed_operations", "current_operations",
            "power_state", "domid", "domarch", "currently_attached", "status_code", "status_detail",
            "runtime_properties", "physical_utilisation", "location", "sm_config", "storage_lock",
            "is_a_snapshot", "snapshot_time", "snapshot_info", "is_control_domain", "managed", "missing");

    private final ObjectStore store;
    private final VmLifecycle lifecycle;
    private final String sr;
    private final boolean restore;
    /** Everything made, in order, so that a failure can undo it backwards. */
    private final List<String> made = new ArrayList<>();
    /** Archive id of each disk to the VDI made for it. */
    private final Map<String, String> disks = new LinkedHashMap<>();
    private String vm;

    ImportedObjects(ObjectStore store, VmLifecycle lifecycle, String sr, boolean restore) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.sr = sr;
        this.restore = restore;
    }

    String vm() {
        return vm;
    }

    /** The VDI made for archive disk {@code id}, or null. */
    String vdiOf(String id) {
        return disks.get(id);
    }

    static boolean thick(ObjectStore store, String sr) {
        return THICK.contains(store.getString(sr, "type"));
    }

    /** Makes every object; SR_FULL [needed, free] when the disks do not fit, before anything is made. */
    void create(XvaMetadata metadata) throws XvaException, XapiException {
        XvaObject archived = metadata.vm();
        List<XvaDisk> wanted = metadata.disks();
        Map<String, XvaObject> byId = new LinkedHashMap<>();
        for (XvaObject o : metadata.objects()) {
            byId.put(o.id(), o);
        }
        XapiException refused = store.atomically(() -> {
            boolean thick = thick(store, sr);
            long needed = 0;
            for (XvaDisk d : wanted) {
                needed += thick ? d.virtualSize() : Math.min(d.virtualSize(), NEW_VHD);
            }
            long free = free(sr);
            if (needed > free) {
                return Errors.of("SR_FULL", Long.toString(needed), Long.toString(free));
            }
            makeAll(archived, wanted, byId);
            return null;
        });
        if (refused != null) {
            throw refused;
        }
        lifecycle.refreshAllowedOperations(vm);
        lifecycle.refreshDeviceOperations(vm);
    }

    private void makeAll(XvaObject archived, List<XvaDisk> wanted, Map<String, XvaObject> byId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String metrics = make("VM_metrics", Map.of("install_time", now, "last_updated", now));
        Map<String, Object> v = copy("VM", archived.snapshot());
        v.put("power_state", "Halted");
        v.put("metrics", metrics);
        vm = make("VM", v);
        Map<String, Object> otherConfig = new LinkedHashMap<>(store.getMap(vm, "other_config"));
        otherConfig.remove("default_template");
        store.set(vm, "other_config", otherConfig);
        for (XvaDisk d : wanted) {
            XvaObject vdi = byId.get(d.id());
            Map<String, Object> f = copy("VDI", vdi == null ? Map.of() : vdi.snapshot());
            f.put("SR", sr);
            f.put("virtual_size", d.virtualSize());
            f.put("physical_utilisation", thick(store, sr) ? d.virtualSize() : Math.min(d.virtualSize(), NEW_VHD));
            f.put("allowed_operations", VDI_OPERATIONS);
            f.put("location", store.newUuid());
            f.put("managed", Boolean.TRUE);
            if (vdi == null) {
                f.put("name_label", d.name());
            }
            disks.put(d.id(), make("VDI", f));
        }
        StorageState.refreshSr(store, sr);
        for (XvaObject o : byId.values()) {
            if (o.xapiClass().equals("VBD") && o.string("VM").equals(archived.id())) {
                makeVbd(o, byId);
            } else if (o.xapiClass().equals("VIF") && o.string("VM").equals(archived.id())) {
                Map<String, Object> f = copy("VIF", o.snapshot());
                f.put("VM", vm);
                f.put("network", network(byId.get(o.string("network"))));
                make("VIF", f);
            }
        }
    }

    private void makeVbd(XvaObject o, Map<String, XvaObject> byId) {
        Map<String, Object> f = copy("VBD", o.snapshot());
        f.put("VM", vm);
        String vdi = disks.get(o.string("VDI"));
        if (vdi == null && "CD".equals(o.string("type"))) {
            // A disc is not carried in the archive: the same ISO here, if there is one.
            XvaObject disc = byId.get(o.string("VDI"));
            vdi = disc == null ? null : store.refByUuid(disc.string("uuid")).filter(r -> store.isA(r, "VDI")).orElse(null);
        }
        f.put("VDI", vdi == null ? NULL : vdi);
        f.put("empty", vdi == null);
        make("VBD", f);
    }

    /** import.ml's network lookup: by name, then by bridge, else a new network of that name. */
    private String network(XvaObject archived) {
        if (archived == null) {
            return store.refs("network").stream().findFirst().orElse(NULL);
        }
        String name = archived.string("name_label");
        String bridge = archived.string("bridge");
        for (String n : store.refs("network")) {
            if (store.getString(n, "name_label").equals(name)) {
                return n;
            }
        }
        for (String n : store.refs("network")) {
            if (!bridge.isEmpty() && store.getString(n, "bridge").equals(bridge)) {
                return n;
            }
        }
        Map<String, Object> f = copy("network", archived.snapshot());
        f.put("bridge", "xapi" + store.count("network"));
        return make("network", f);
    }

    /** The fields of {@code record} that class {@code cls} has, in their canonical form; references dropped. */
    private Map<String, Object> copy(String cls, Map<String, Object> record) {
        ClassDef def = store.model().get(cls);
        Map<String, Object> out = new LinkedHashMap<>();
        record.forEach((name, value) -> {
            FieldDef f = def.field(name).orElse(null);
            if (f == null || (NOT_COPIED.contains(name) && !(restore && name.equals("uuid")))
                    || refersTo(f.type())) {
                return;
            }
            try {
                out.put(name, f.type().coerce(value));
            } catch (IllegalArgumentException e) {
                // A value this model cannot hold: the field keeps its default, as a lenient importer would.
            }
        });
        if (out.containsKey("uuid") && store.refByUuid((String) out.get("uuid")).isPresent()) {
            out.remove("uuid");
        }
        return out;
    }

    private static boolean refersTo(FieldType t) {
        return t instanceof FieldType.Ref || (t instanceof FieldType.SetOf s && s.element() instanceof FieldType.Ref)
                || (t instanceof FieldType.MapOf m && (m.key() instanceof FieldType.Ref || m.value() instanceof FieldType.Ref));
    }

    private String make(String cls, Map<String, ?> fields) {
        String ref = store.create(cls, fields);
        made.add(ref);
        return ref;
    }

    /** A thin disk grew by the data written to it: SR_FULL when the SR cannot hold that. */
    void grow(String vdi, long dataBytes) throws XapiException {
        XapiException refused = store.atomically(() -> {
            if (!store.isA(vdi, "VDI") || thick(store, sr)) {
                return null;
            }
            long size = ((Number) store.get(vdi, "virtual_size")).longValue();
            long now = ((Number) store.get(vdi, "physical_utilisation")).longValue();
            long wanted = Math.min(size, NEW_VHD + dataBytes);
            if (wanted - now > free(sr)) {
                return Errors.of("SR_FULL", Long.toString(wanted - now), Long.toString(free(sr)));
            }
            if (wanted > now) {
                store.set(vdi, "physical_utilisation", wanted);
                StorageState.refreshSr(store, sr);
            }
            return null;
        });
        if (refused != null) {
            throw refused;
        }
    }

    private long free(String sr) {
        return ((Number) store.get(sr, "physical_size")).longValue()
                - ((Number) store.get(sr, "physical_utilisation")).longValue();
    }

    /** The uuids of the disks made (their contents must go too). */
    List<String> diskUuids() {
        List<String> out = new ArrayList<>();
        for (String vdi : disks.values()) {
            if (store.isA(vdi, "VDI")) {
                out.add(store.getString(vdi, "uuid"));
            }
        }
        return out;
    }

    /** Undoes everything made, newest first. */
    void destroyAll() {
        store.atomically(() -> {
            for (int i = made.size() - 1; i >= 0; i--) {
                if (store.exists(made.get(i))) {
                    store.destroy(made.get(i));
                }
            }
            StorageState.refreshSr(store, sr);
        });
    }
}
