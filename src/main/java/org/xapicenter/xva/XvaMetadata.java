package org.xapicenter.xva;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xapicenter.xapi.wire.BoundedInputStream;
import org.xapicenter.xapi.wire.WireFormatException;
import org.xapicenter.xapi.wire.XmlRpcValues;

/**
 * ova.xml: a single XML-RPC {@code <value><struct>} with {@code version} and {@code objects}.
 * Parsed with the project's hardened XML-RPC value parser (no DOCTYPE, no entities, bounded size).
 */
public final class XvaMetadata {
    /**
     * The most ova.xml we read; real ones are a few hundred KiB even for VMs with many snapshots. It is read
     * whole and then parsed into maps several times its size, so the bound must leave room in a small heap
     * (the memory tests run with 128 MiB).
     */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Map<String, Object> version;
    private final List<XvaObject> objects;

    public XvaMetadata(Map<String, Object> version, List<XvaObject> objects) {
        this.version = Map.copyOf(version);
        this.objects = List.copyOf(objects);
    }

    /** Reads ova.xml from {@code in} (at most {@link #MAX_BYTES}). */
    public static XvaMetadata parse(InputStream in) throws XvaException {
        BoundedInputStream capped = new BoundedInputStream(in, MAX_BYTES);
        Object root;
        try {
            root = XmlRpcValues.parseValue(capped, MAX_BYTES + 1);
        } catch (WireFormatException e) {
            if (capped.exceeded()) {
                throw new XvaException(XvaException.Problem.TOO_LARGE, OVA_XML,
                        "ova.xml is larger than " + MAX_BYTES + " bytes");
            }
            throw new XvaException(XvaException.Problem.BAD_METADATA, OVA_XML,
                    "ova.xml is not a valid XML-RPC value: " + e.getMessage(), e);
        }
        return fromValue(root);
    }

    /** The metadata in an already parsed ova.xml value (a struct with {@code version} and {@code objects}). */
    public static XvaMetadata fromValue(Object root) throws XvaException {
        if (!(root instanceof Map<?, ?> top)) {
            throw bad("ova.xml is not a struct");
        }
        if (!(top.get("version") instanceof Map<?, ?> version)) {
            throw bad("ova.xml has no version struct");
        }
        if (!(top.get("objects") instanceof List<?> list)) {
            throw bad("ova.xml has no objects array");
        }
        List<XvaObject> objects = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw bad("an object of ova.xml is not a struct");
            }
            if (!(m.get("class") instanceof String cls) || !(m.get("id") instanceof String id)) {
                throw bad("an object of ova.xml lacks its class or id");
            }
            if (!(m.get("snapshot") instanceof Map<?, ?> snapshot)) {
                throw bad("object " + id + " of ova.xml has no snapshot struct");
            }
            objects.add(new XvaObject(cls, id, stringKeys(snapshot)));
        }
        return new XvaMetadata(stringKeys(version), objects);
    }

    /** Writes ova.xml as xapi does: the bare value, no XML declaration. */
    public void write(OutputStream out) throws IOException {
        out.write(toXml().getBytes(StandardCharsets.UTF_8));
    }

    /** ova.xml's text as {@link #write} writes it. */
    public String toXml() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("version", ordered(version, VERSION_ORDER));
        List<Object> list = new ArrayList<>(objects.size());
        for (XvaObject o : objects) {
            // xapi's header record: class, id, snapshot, in that order.
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", o.xapiClass());
            m.put("id", o.id());
            m.put("snapshot", sortedDeep(o.snapshot()));
            list.add(m);
        }
        top.put("objects", list);
        return XmlRpcValues.toXml(top);
    }

    public Map<String, Object> version() {
        return version;
    }

    public List<XvaObject> objects() {
        return objects;
    }

    /** The object of class {@code xapiClass} (case-insensitive, as xapi's class names vary) with id {@code id}. */
    public XvaObject find(String xapiClass, String id) {
        for (XvaObject o : objects) {
            if (o.xapiClass().equalsIgnoreCase(xapiClass) && o.id().equals(id)) {
                return o;
            }
        }
        return null;
    }

    /** Every object of class {@code xapiClass} (case-insensitive), in archive order. */
    public List<XvaObject> all(String xapiClass) {
        List<XvaObject> r = new ArrayList<>();
        for (XvaObject o : objects) {
            if (o.xapiClass().equalsIgnoreCase(xapiClass)) {
                r.add(o);
            }
        }
        return r;
    }

    /** The exported VM: the VM object that is neither a snapshot nor a template's snapshot. */
    public XvaObject vm() throws XvaException {
        XvaObject first = null;
        for (XvaObject o : all("VM")) {
            if (isTrue(o.snapshot().get("is_control_domain"))) {
                continue;
            }
            if (!isTrue(o.snapshot().get("is_a_snapshot"))) {
                return o;
            }
            if (first == null) {
                first = o;
            }
        }
        if (first != null) {
            // An exported snapshot (xapi exports one as a VM of its own, is_a_snapshot set).
            return first;
        }
        throw bad("ova.xml describes no VM");
    }

    /**
     * The disks whose blocks follow, in {@code Ref:N} string order. As xapi's import decides: the VDIs that a
     * VBD of the archive which is not a CD points to, unless their SR holds ISOs, plus suspend images.
     */
    public List<XvaDisk> disks() throws XvaException {
        Map<String, String> userdevices = new LinkedHashMap<>();
        for (XvaObject vbd : all("VBD")) {
            if ("CD".equalsIgnoreCase(vbd.string("type"))) {
                continue;
            }
            String vdi = vbd.string("VDI");
            if (find("VDI", vdi) == null) {
                continue; // an empty drive (OpaqueRef:NULL) or a VDI left out of the archive
            }
            userdevices.putIfAbsent(vdi, vbd.string("userdevice"));
        }
        TreeMap<String, XvaDisk> disks = new TreeMap<>(Comparator.naturalOrder());
        Set<String> seen = new HashSet<>();
        for (XvaObject vdi : all("VDI")) {
            boolean plugged = userdevices.containsKey(vdi.id());
            boolean suspendImage = "suspend".equalsIgnoreCase(vdi.string("type"));
            if (!(plugged || suspendImage) || !seen.add(vdi.id())) {
                continue;
            }
            XvaObject sr = find("SR", vdi.string("SR"));
            if (sr != null && "iso".equalsIgnoreCase(sr.string("content_type"))) {
                continue;
            }
            disks.put(vdi.id(), new XvaDisk(vdi.id(), vdi.string("name_label"), virtualSize(vdi),
                    userdevices.getOrDefault(vdi.id(), "")));
        }
        return List.copyOf(disks.values());
    }

    private static long virtualSize(XvaObject vdi) throws XvaException {
        Object v = vdi.snapshot().get("virtual_size");
        long size;
        try {
            size = v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw bad("VDI " + vdi.id() + " has no valid virtual_size (" + v + ")");
        }
        if (size < 0) {
            throw bad("VDI " + vdi.id() + " has a negative virtual_size (" + size + ")");
        }
        return size;
    }

    static boolean isTrue(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v == null ? "" : String.valueOf(v).trim();
        return s.equalsIgnoreCase("true") || s.equals("1");
    }

    private static final String OVA_XML = "ova.xml";

    /** The field order of xapi's version record. */
    private static final List<String> VERSION_ORDER = List.of("hostname", "date", "product_version",
            "product_brand", "build_number", "xapi_major", "xapi_minor", "export_vsn");

    private static XvaException bad(String message) {
        return new XvaException(XvaException.Problem.BAD_METADATA, OVA_XML, message);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            // Map.copyOf refuses nulls; xapi has no nil, so an absent value is "".
            r.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : e.getValue());
        }
        return r;
    }

    private static Map<String, Object> ordered(Map<String, Object> m, List<String> first) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (String k : first) {
            if (m.containsKey(k)) {
                r.put(k, m.get(k));
            }
        }
        new TreeMap<>(m).forEach(r::putIfAbsent);
        return r;
    }

    /** Records come out of immutable maps in no fixed order; sorted keys make ova.xml reproducible. */
    private static Object sortedDeep(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> r = new TreeMap<>();
            m.forEach((k, x) -> r.put(String.valueOf(k), sortedDeep(x)));
            return r;
        }
        if (v instanceof List<?> l) {
            List<Object> r = new ArrayList<>(l.size());
            l.forEach(x -> r.add(sortedDeep(x)));
            return r;
        }
        return v;
    }}
