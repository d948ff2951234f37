package org.xapicenter.sim.rpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.wire.SecureXml;

/**
 * VM.provision: a template's provision spec ({@code other_config["disks"]}, e.g.
 * {@code <provision><disk device="0" size="10737418240" sr="" bootable="true" type="system"/></provision>})
 * becomes real disks, and the template becomes a VM, as xapi does it. A disk names its SR by uuid; an
 * empty {@code sr} means the pool's default SR (what xe vm-install and XenCenter fill in). Called under
 * the store lock.
 */
final class TemplateProvisioner {
    static final String DISKS_KEY = "disks";

    record DiskSpec(String device, long size, String srUuid, boolean bootable, String type) {
    }

    /** A disk of the spec and the SR it goes to. */
    record PlannedDisk(DiskSpec spec, String sr) {
    }

    private final ObjectStore store;
    private final DiskCopies disks;

    TemplateProvisioner(ObjectStore store, DiskCopies disks) {
        this.store = store;
        this.disks = disks;
    }

    /** The disks to make and the SR of each; refuses (nothing made) on a bad spec, SR or lack of space. */
    List<PlannedDisk> plan(String vm) throws XapiException {
        List<PlannedDisk> plan = new ArrayList<>();
        Map<String, Long> needed = new LinkedHashMap<>();
        Object spec = store.getMap(vm, "other_config").get(DISKS_KEY);
        if (spec == null) {
            return plan;
        }
        for (DiskSpec d : parse(String.valueOf(spec))) {
            String sr = srFor(d.srUuid());
            plan.add(new PlannedDisk(d, sr));
            needed.merge(sr, d.size(), Long::sum);
        }
        SrSpace.require(store, needed);
        return plan;
    }

    void provision(String vm, List<PlannedDisk> plan) {
        for (PlannedDisk p : plan) {
            DiskSpec d = p.spec();
            String vdi = disks.create(p.sr(), Map.of("name_label", d.device(), "type", d.type(),
                    "name_description", "Created by template provisioner"), d.size());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("VM", vm);
            v.put("VDI", vdi);
            v.put("userdevice", d.device());
            v.put("bootable", d.bootable());
            v.put("mode", "RW");
            v.put("type", "Disk");
            v.put("unpluggable", !d.type().equals("system"));
            v.put("other_config", Map.of("owner", ""));
            v.put("allowed_operations", StorageState.vbdOperations(store, vm, false, "Disk", false));
            store.create("VBD", v);
        }
        Map<String, Object> oc = new LinkedHashMap<>(store.getMap(vm, "other_config"));
        oc.remove(DISKS_KEY);
        store.update(vm, Map.of("other_config", java.util.Collections.unmodifiableMap(oc),
                "is_a_template", Boolean.FALSE));
    }

    private String srFor(String uuid) throws XapiException {
        if (uuid.isEmpty()) {
            String pool = store.refs("pool").isEmpty() ? "OpaqueRef:NULL" : store.refs("pool").get(0);
            String sr = store.isA(pool, "pool") ? store.getString(pool, "default_SR") : "OpaqueRef:NULL";
            if (!store.isA(sr, "SR")) {
                throw Errors.of("DEFAULT_SR_NOT_FOUND", sr);
            }
            return sr;
        }
        return store.refByUuid(uuid).filter(r -> store.isA(r, "SR"))
                .orElseThrow(() -> Errors.of("UUID_INVALID", "sr", uuid));
    }

    /** Parses a provision spec; xapi reports a malformed one as its internal parse failure. */
    static List<DiskSpec> parse(String xml) throws XapiException {
        List<DiskSpec> out = new ArrayList<>();
        try {
            SecureXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), new DefaultHandler() {
                private int depth;

                @Override
                public void startElement(String uri, String local, String name, Attributes a) throws SAXException {
                    depth++;
                    if (depth == 1 && !name.equals("provision") || depth == 2 && !name.equals("disk") || depth > 2) {
                        throw new SAXException("unexpected element " + name);
                    }
                    if (depth == 2) {
                        out.add(disk(a));
                    }
                }

                @Override
                public void endElement(String uri, String local, String name) {
                    depth--;
                }
            });
        } catch (IOException | RuntimeException e) {
            throw Errors.of("INTERNAL_ERROR", "Xapi_templates.Parse_failure");
        }
        return out;
    }

    private static DiskSpec disk(Attributes a) throws SAXException {
        String device = a.getValue("device");
        String size = a.getValue("size");
        String sr = a.getValue("sr");
        if (device == null || size == null || sr == null) {
            throw new SAXException("disk needs device, size and sr");
        }
        String type = a.getValue("type") == null ? "system" : a.getValue("type");
        try {
            long bytes = Long.parseLong(size);
            if (bytes <= 0) {
                throw new SAXException("size must be positive");
            }
            return new DiskSpec(device, bytes, sr, "true".equals(a.getValue("bootable")), type);
        } catch (NumberFormatException e) {
            throw new SAXException("size is not a number");
        }
    }
}
