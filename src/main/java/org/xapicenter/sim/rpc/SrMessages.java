package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * SR.create, scan, forget and destroy, PBD.plug and unplug. A shared SR gets a PBD on every host, a
 * local one on the given host only; all are plugged once the driver accepted {@code device_config}
 * (see {@link SrBackends}). An ISO SR's images appear on SR.scan, the same ones for the same location.
 */
final class SrMessages {
    private static final FieldType STRING_MAP = new FieldType.MapOf(new FieldType.Primitive(FieldType.Kind.STRING),
            new FieldType.Primitive(FieldType.Kind.STRING));

    private SrMessages() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        d.register(new MethodSpec("SR.create", Set.of(10), true, true, (ctx, a) -> {
            String host = Handles.require(store, "host", Args.string(a, 0));
            @SuppressWarnings("unchecked")
            Map<String, Object> dc = (Map<String, Object>) Args.coerce(STRING_MAP, a.get(1), "device_config");
            long size = Args.integer(a, 2, "physical_size");
            String type = Args.string(a, 5).toLowerCase(Locale.ROOT);
            String contentType = Args.string(a, 6);
            boolean shared = Args.bool(a, 7, "shared");
            @SuppressWarnings("unchecked")
            Map<String, Object> smConfig = (Map<String, Object>) Args.coerce(STRING_MAP, a.get(8), "sm_config");
            if (!SrBackends.TYPES.contains(type)) {
                throw Errors.of("SR_UNKNOWN_DRIVER", type);
            }
            ctx.work("SR.create", 0.5);
            SrBackends.check(type, dc);
            ctx.work("SR.create", 1.0);
            String description = Args.string(a, 4).isEmpty() ? SrBackends.description(type, dc) : Args.string(a, 4);
            return Locked.call(store, () -> create(store, host, dc, size > 0 ? size : SrBackends.defaultSize(type, dc),
                    Args.string(a, 3), description, type, type.equals("iso") ? "iso" : contentType, shared, smConfig));
        }));
        d.register(new MethodSpec("SR.probe", Set.of(5), true, true, (ctx, a) -> {
            String host = Handles.require(store, "host", Args.string(a, 0));
            @SuppressWarnings("unchecked")
            Map<String, Object> dc = (Map<String, Object>) Args.coerce(STRING_MAP, a.get(1), "device_config");
            String type = Args.string(a, 2).toLowerCase(Locale.ROOT);
            if (!SrBackends.TYPES.contains(type)) {
                throw Errors.of("SR_UNKNOWN_DRIVER", type);
            }
            ctx.work("SR.probe", 1.0);
            SrBackends.probe(type, dc);
            return store.atomically(() -> existingSrs(store, type, dc));
        }));
        d.register(new MethodSpec("SR.scan", Set.of(2), true, true, (ctx, a) -> {
            String sr = requireSr(store, Args.string(a, 0));
            Locked.run(store, () -> StorageState.requireAttached(store, sr));
            ctx.work("SR.scan", 1.0);
            Locked.run(store, () -> scan(store, requireSr(store, sr)));
            return "";
        }));
        d.register(new MethodSpec("SR.forget", Set.of(2), true, false, (ctx, a) -> {
            String sr = requireSr(store, Args.string(a, 0));
            Locked.run(store, () -> forget(store, requireSr(store, sr)));
            return "";
        }));
        d.register(new MethodSpec("SR.destroy", Set.of(2), true, true, (ctx, a) -> {
            String sr = requireSr(store, Args.string(a, 0));
            Locked.afterWork(store, ctx, "SR.destroy", () -> refuse(store, requireSr(store, sr), "destroy"), () -> {
                // Only unmanaged VDIs (none are managed, or SR_NOT_EMPTY) go with the SR.
                forget(store, sr);
            });
            return "";
        }));
        d.register(new MethodSpec("PBD.plug", Set.of(2), true, true, (ctx, a) -> {
            String pbd = requirePbd(store, Args.string(a, 0));
            if (Boolean.TRUE.equals(store.get(pbd, "currently_attached"))) {
                return ""; // as xapi: plugging a plugged PBD does nothing
            }
            String sr = store.getString(pbd, "SR");
            SrBackends.check(store.getString(sr, "type"), store.getMap(pbd, "device_config"));
            ctx.work("PBD.plug", 1.0);
            Locked.run(store, () -> {
                store.set(requirePbd(store, pbd), "currently_attached", Boolean.TRUE);
                StorageState.refreshSr(store, sr);
            });
            return "";
        }));
        d.register(new MethodSpec("PBD.unplug", Set.of(2), true, true, (ctx, a) -> {
            String pbd = requirePbd(store, Args.string(a, 0));
            Locked.afterWork(store, ctx, "PBD.unplug", () -> checkUnplug(store, requirePbd(store, pbd)), () -> {
                store.set(pbd, "currently_attached", Boolean.FALSE);
                StorageState.refreshSr(store, store.getString(pbd, "SR"));
            });
            return "";
        }));
    }

    private static String create(ObjectStore store, String host, Map<String, Object> dc, long size, String name,
                                 String description, String type, String contentType, boolean shared,
                                 Map<String, Object> smConfig) {
        SmDrivers.ensure(store, type);
        Map<String, Object> v = PoolParts.srFields(name, description, type, contentType, shared, size);
        v.put("sm_config", smConfig);
        v.put("other_config", Map.of());
        String sr = store.create("SR", v);
        PoolParts.plugInto(store, sr, shared ? store.refs("host") : List.of(host), dc);
        StorageState.refreshSr(store, sr);
        return sr;
    }

    /** SR.probe's answer for a complete configuration: the SRs already on that storage, as an SRlist. */
    private static String existingSrs(ObjectStore store, String type, Map<String, Object> dc) {
        List<String> keys = switch (type) {
            case "nfs" -> List.of("server", "serverpath");
            case "lvmoiscsi" -> List.of("SCSIid");
            case "smb" -> List.of("server");
            case "iso" -> List.of("location");
            default -> List.of("device");
        };
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" ?><SRlist>");
        Set<String> listed = new HashSet<>();
        for (String pbd : store.refs("PBD")) {
            String sr = store.getString(pbd, "SR");
            Map<String, Object> other = store.getMap(pbd, "device_config");
            boolean same = store.isA(sr, "SR") && type.equals(store.get(sr, "type"))
                    && keys.stream().allMatch(k -> String.valueOf(dc.get(k)).equals(String.valueOf(other.get(k))));
            if (same && listed.add(sr)) {
                xml.append("<SR><UUID>").append(store.getString(sr, "uuid")).append("</UUID></SR>");
            }
        }
        return xml.append("</SRlist>").toString();
    }

    /** Adds the images of the share an ISO SR is attached to that it does not list yet; refreshes usage. */
    private static void scan(ObjectStore store, String sr) throws XapiException {
        StorageState.requireAttached(store, sr);
        if ("iso".equals(store.get(sr, "type"))) {
            Set<Object> known = new HashSet<>();
            for (Object vdi : store.getList(sr, "VDIs")) {
                known.add(store.get((String) vdi, "location"));
            }
            String location = String.valueOf(store.getMap(firstPbd(store, sr), "device_config").get("location"));
            for (SrBackends.IsoImage iso : SrBackends.isoImages(location)) {
                if (known.contains(iso.name())) {
                    continue;
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("name_label", iso.name());
                v.put("SR", sr);
                v.put("virtual_size", iso.size());
                v.put("physical_utilisation", iso.size());
                v.put("type", "user");
                v.put("read_only", Boolean.TRUE);
                v.put("location", iso.name());
                v.put("managed", Boolean.TRUE);
                v.put("allowed_operations", List.of("clone", "copy", "destroy", "forget", "update"));
                store.create("VDI", v);
            }
        }
        StorageState.refreshSr(store, sr);
    }

    private static String firstPbd(ObjectStore store, String sr) {
        for (Object pbd : store.getList(sr, "PBDs")) {
            if (Boolean.TRUE.equals(store.get((String) pbd, "currently_attached"))) {
                return (String) pbd;
            }
        }
        return (String) store.getList(sr, "PBDs").get(0);
    }

    /** Removes the SR's records (PBDs, VDIs, the drives that used them), never touching the storage. */
    private static void forget(ObjectStore store, String sr) throws XapiException {
        refuse(store, sr, "forget");
        for (Object pbd : store.getList(sr, "PBDs")) {
            store.destroy((String) pbd);
        }
        for (Object vdi : store.getList(sr, "VDIs")) {
            for (Object vbd : store.getList((String) vdi, "VBDs")) {
                if ("CD".equals(store.get((String) vbd, "type"))) {
                    store.update((String) vbd, Map.of("VDI", "OpaqueRef:NULL", "empty", Boolean.TRUE));
                    StorageState.refreshVbd(store, (String) vbd);
                } else {
                    store.destroy((String) vbd);
                }
            }
            store.destroy((String) vdi);
        }
        store.destroy(sr);
    }

    private static void refuse(ObjectStore store, String sr, String op) throws XapiException {
        XapiException e = StorageState.srRefusal(store, sr, op);
        if (e != null) {
            throw e;
        }
    }

    /** VDI_IN_USE [vdis...] while a domain on the PBD's host has a disk of the SR attached. */
    private static void checkUnplug(ObjectStore store, String pbd) throws XapiException {
        if (!Boolean.TRUE.equals(store.get(pbd, "currently_attached"))) {
            return; // as xapi: unplugging an unplugged PBD does nothing
        }
        String host = store.getString(pbd, "host");
        List<String> active = new ArrayList<>();
        for (Object vdi : store.getList(store.getString(pbd, "SR"), "VDIs")) {
            for (Object vbd : store.getList((String) vdi, "VBDs")) {
                String vm = store.getString((String) vbd, "VM");
                if (Boolean.TRUE.equals(store.get((String) vbd, "currently_attached")) && store.isA(vm, "VM")
                        && host.equals(store.get(vm, "resident_on")) && !active.contains(vdi)) {
                    active.add((String) vdi);
                }
            }
        }
        if (!active.isEmpty()) {
            throw Errors.of("VDI_IN_USE", active.toArray(String[]::new));
        }
    }

    private static String requireSr(ObjectStore store, String sr) throws XapiException {
        return Handles.require(store, "SR", sr);
    }

    private static String requirePbd(ObjectStore store, String pbd) throws XapiException {
        return Handles.require(store, "PBD", pbd);
    }
}
