package org.xapicenter.sim.xva;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;

/**
 * ova.xml for one VM, as xapi's export builds it: the VM, its metrics, its guest metrics, its VBDs and
 * their VDIs and SRs, its VIFs and their networks, each under an archive id {@code Ref:N}; every reference
 * inside a record is rewritten to the referenced object's archive id, or {@code OpaqueRef:NULL} when that
 * object is not in the archive. 64-bit integers travel as strings, as xapi writes them.
 */
final class ExportMetadata {
    private static final String NULL = "OpaqueRef:NULL";

    /** A disk whose blocks follow ova.xml: archive id, VDI, its uuid and size. */
    record Disk(String id, String vdi, String uuid, long size) {
    }

    private final ObjectStore store;
    /** Store ref to archive id, in the order objects were taken. */
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, String> classes = new LinkedHashMap<>();

    private ExportMetadata(ObjectStore store) {
        this.store = store;
    }

    record Result(XvaMetadata metadata, List<Disk> disks) {
    }

    /** ova.xml and the disks of {@code vm}; call under the store lock for a consistent picture. */
    static Result of(ObjectStore store, String vm) {
        return new ExportMetadata(store).build(vm);
    }

    private Result build(String vm) {
        take(vm, "VM");
        take(store.getString(vm, "metrics"), "VM_metrics");
        take(store.getString(vm, "guest_metrics"), "VM_guest_metrics");
        List<Disk> disks = new ArrayList<>();
        List<String[]> diskVbds = new ArrayList<>();
        for (Object o : store.getList(vm, "VBDs")) {
            String vbd = (String) o;
            take(vbd, "VBD");
            String vdi = store.getString(vbd, "VDI");
            if (take(vdi, "VDI")) {
                take(store.getString(vdi, "SR"), "SR");
            }
            diskVbds.add(new String[] {vbd, vdi});
        }
        for (Object o : store.getList(vm, "VIFs")) {
            take((String) o, "VIF");
            take(store.getString((String) o, "network"), "network");
        }
        for (String[] pair : diskVbds) {
            String vdi = pair[1];
            boolean disk = !"CD".equals(store.getString(pair[0], "type")) && store.isA(vdi, "VDI")
                    && !"iso".equals(store.getString(store.getString(vdi, "SR"), "content_type"));
            if (disk && disks.stream().noneMatch(d -> d.vdi().equals(vdi))) {
                disks.add(new Disk(ids.get(vdi), vdi, store.getString(vdi, "uuid"),
                        ((Number) store.get(vdi, "virtual_size")).longValue()));
            }
        }
        // The blocks of the disks follow in the order of their archive ids as strings (Ref:10 before Ref:2).
        disks.sort(Comparator.comparing(Disk::id));
        List<XvaObject> objects = new ArrayList<>();
        ids.forEach((ref, id) -> objects.add(new XvaObject(classes.get(ref), id, rewrite(store.record(ref)))));
        return new Result(new XvaMetadata(version(), objects), disks);
    }

    /** Adds {@code ref} to the archive unless it is NULL or already there; whether it is an object of ours. */
    private boolean take(String ref, String cls) {
        if (ref == null || !store.isA(ref, cls)) {
            return false;
        }
        if (!ids.containsKey(ref)) {
            ids.put(ref, "Ref:" + ids.size());
            classes.put(ref, cls);
        }
        return true;
    }

    private Map<String, Object> rewrite(Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        record.forEach((k, v) -> out.put(k, value(v)));
        // A transfer in progress is not part of what the VM is.
        if (out.containsKey("current_operations")) {
            out.put("current_operations", Map.of());
        }
        return out;
    }

    private Object value(Object v) {
        if (v instanceof String s) {
            return s.startsWith("OpaqueRef:") ? ids.getOrDefault(s, NULL) : s;
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.valueOf(v);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object x = value(item);
                if (!NULL.equals(x) || !(item instanceof String s && s.startsWith("OpaqueRef:"))) {
                    out.add(x);
                }
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(value(String.valueOf(k))), value(x)));
            return out;
        }
        return v;
    }

    private Map<String, Object> version() {
        Map<String, Object> v = new LinkedHashMap<>();
        String host = store.refs("host").stream().findFirst().orElse(null);
        Map<String, Object> sw = host == null ? Map.of() : store.getMap(host, "software_version");
        v.put("hostname", host == null ? "xapi-simulator" : store.getString(host, "hostname"));
        v.put("date", Instant.now().toString().substring(0, 10));
        v.put("product_version", String.valueOf(sw.getOrDefault("product_version", "8.3.0")));
        v.put("product_brand", String.valueOf(sw.getOrDefault("product_brand", "XCP-ng")));
        v.put("build_number", String.valueOf(sw.getOrDefault("build_number", "release/yangtze/master/8")));
        v.put("xapi_major", String.valueOf(sw.getOrDefault("xapi_major", "24")));
        v.put("xapi_minor", String.valueOf(sw.getOrDefault("xapi_minor", "19")));
        v.put("export_vsn", "2");
        return v;
    }
}
