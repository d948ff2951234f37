package org.xapicenter.sim.rpc;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * VBD.create, destroy, plug, unplug, insert and eject with xapi's rules: CD drives are read-only and
 * the only drives that may be empty or take an ISO; userdevice {@code autodetect} takes the lowest free
 * slot; a drive added to a running VM stays unplugged until VBD.plug.
 */
final class VbdMessages {
    private static final List<String> CONSTRUCTOR = List.of("VM", "VDI", "userdevice", "bootable", "mode", "type",
            "unpluggable", "empty", "other_config", "qos_algorithm_type", "qos_algorithm_params");
    /** Device slots of an HVM guest (xapi allows 0-15 with PV drivers; 254 for PV guests). */
    private static final int MAX_DEVICE = 15;

    private VbdMessages() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        d.register(new MethodSpec("VBD.create", Set.of(2), true, false, (ctx, a) -> {
            Map<String, Object> v = ConstructorArgs.read(store, "VBD", a.get(0), CONSTRUCTOR);
            return Locked.call(store, () -> create(store, v));
        }));
        d.register(new MethodSpec("VBD.destroy", Set.of(2), true, false, (ctx, a) -> {
            String vbd = requireVbd(store, Args.string(a, 0));
            Locked.run(store, () -> {
                requireVbd(store, vbd);
                if (Boolean.TRUE.equals(store.get(vbd, "currently_attached"))) {
                    throw Errors.operationNotAllowed("VBD currently attached to a running VM");
                }
                store.destroy(vbd);
            });
            return "";
        }));
        for (boolean attach : new boolean[] {true, false}) {
            String op = attach ? "plug" : "unplug";
            d.register(new MethodSpec("VBD." + op, Set.of(2), true, true, (ctx, a) -> {
                String vbd = requireVbd(store, Args.string(a, 0));
                Locked.afterWork(store, ctx, "VBD." + op, () -> checkPlug(store, vbd, attach), () -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("currently_attached", attach);
                    values.put("device", attach ? deviceName(store.getString(vbd, "userdevice")) : store.get(vbd, "device"));
                    store.update(vbd, values);
                    StorageState.refreshVbd(store, vbd);
                });
                return "";
            }));
        }
        d.register(new MethodSpec("VBD.insert", Set.of(3), true, true, (ctx, a) -> {
            String vbd = requireVbd(store, Args.string(a, 0));
            String vdi = VdiMessages.requireVdi(store, Args.string(a, 1));
            Locked.afterWork(store, ctx, "VBD.insert", () -> checkInsert(store, vbd, vdi), () -> {
                store.update(vbd, Map.of("VDI", vdi, "empty", Boolean.FALSE));
                StorageState.refreshVbd(store, vbd);
            });
            return "";
        }));
        d.register(new MethodSpec("VBD.eject", Set.of(2), true, true, (ctx, a) -> {
            String vbd = requireVbd(store, Args.string(a, 0));
            Locked.afterWork(store, ctx, "VBD.eject", () -> checkEject(store, vbd), () -> {
                store.update(vbd, Map.of("VDI", "OpaqueRef:NULL", "empty", Boolean.TRUE));
                StorageState.refreshVbd(store, vbd);
            });
            return "";
        }));
    }

    private static String create(ObjectStore store, Map<String, Object> given) throws XapiException {
        Map<String, Object> v = new LinkedHashMap<>(given);
        String vm = DeviceRules.requireVm(store, (String) v.getOrDefault("VM", "OpaqueRef:NULL"));
        String type = (String) v.getOrDefault("type", "Disk");
        String vdi = (String) v.getOrDefault("VDI", "OpaqueRef:NULL");
        boolean empty = Boolean.TRUE.equals(v.get("empty")) || type.equals("CD") && vdi.equals("OpaqueRef:NULL");
        String mode = (String) v.getOrDefault("mode", "RW");
        if (!empty) {
            VdiMessages.requireVdi(store, vdi);
            String vdiType = store.getString(vdi, "type");
            if (!List.of("system", "user", "ephemeral", "suspend", "crashdump", "metadata").contains(vdiType)) {
                throw Errors.of("VDI_INCOMPATIBLE_TYPE", vdi, vdiType);
            }
        }
        if (type.equals("CD") && !mode.equals("RO")) {
            throw Errors.of("VBD_CDS_MUST_BE_READONLY");
        }
        if (!type.equals("CD") && empty) {
            throw Errors.of("VBD_NOT_REMOVABLE_MEDIA", "in constructor");
        }
        if (type.equals("CD") && !empty) {
            requireIso(store, vdi);
        }
        if (mode.equals("RW") && Boolean.TRUE.equals(store.get(vdi, "read_only"))) {
            throw Errors.of("VDI_READONLY", vdi);
        }
        Set<String> used = new HashSet<>();
        for (Object other : store.getList(vm, "VBDs")) {
            used.add(store.getString((String) other, "userdevice"));
        }
        String userdevice = (String) v.getOrDefault("userdevice", "autodetect");
        if (userdevice.equals("autodetect")) {
            userdevice = null;
            for (int i = 0; i <= MAX_DEVICE && userdevice == null; i++) {
                if (!used.contains(Integer.toString(i))) {
                    userdevice = Integer.toString(i);
                }
            }
            if (userdevice == null) {
                throw Errors.of("INVALID_DEVICE", "autodetect");
            }
        } else if (!DeviceRules.isDeviceNumber(userdevice, MAX_DEVICE)) {
            throw Errors.of("INVALID_DEVICE", userdevice);
        } else if (used.contains(userdevice)) {
            throw Errors.of("DEVICE_ALREADY_EXISTS", userdevice);
        }
        v.put("VDI", empty ? "OpaqueRef:NULL" : vdi);
        v.put("empty", empty);
        v.put("type", type);
        v.put("mode", mode);
        v.put("userdevice", userdevice);
        v.put("device", deviceName(userdevice));
        // Created unplugged even on a running VM: VBD.plug attaches it; VM.start attaches all.
        v.put("currently_attached", Boolean.FALSE);
        String vbd = store.create("VBD", v);
        StorageState.refreshVbd(store, vbd);
        return vbd;
    }

    /** The guest's name for a slot: xvda, xvdb... (the demo pool's convention). */
    private static String deviceName(String userdevice) {
        return "xvd" + (char) ('a' + Integer.parseInt(userdevice));
    }

    private static void checkPlug(ObjectStore store, String vbd, boolean attach) throws XapiException {
        requireVbd(store, vbd);
        DeviceRules.plug(store, vbd, attach);
        if (!attach && !Boolean.TRUE.equals(store.get(vbd, "unpluggable"))) {
            throw Errors.of("VBD_NOT_UNPLUGGABLE", vbd);
        }
    }

    private static void checkInsert(ObjectStore store, String vbd, String vdi) throws XapiException {
        requireVbd(store, vbd);
        VdiMessages.requireVdi(store, vdi);
        requireNotSuspended(store, store.getString(vbd, "VM"));
        requireRemovable(store, vbd);
        if (!Boolean.TRUE.equals(store.get(vbd, "empty"))) {
            throw Errors.of("VBD_NOT_EMPTY", vbd);
        }
        requireIso(store, vdi);
    }

    private static void checkEject(ObjectStore store, String vbd) throws XapiException {
        requireVbd(store, vbd);
        requireRemovable(store, vbd);
        if (Boolean.TRUE.equals(store.get(vbd, "empty"))) {
            throw Errors.of("VBD_IS_EMPTY", vbd);
        }
        requireNotSuspended(store, store.getString(vbd, "VM"));
    }

    private static void requireRemovable(ObjectStore store, String vbd) throws XapiException {
        if (!"CD".equals(store.get(vbd, "type"))) {
            throw Errors.of("VBD_NOT_REMOVABLE_MEDIA", vbd);
        }
    }

    private static void requireNotSuspended(ObjectStore store, String vm) throws XapiException {
        if ("Suspended".equals(store.get(vm, "power_state"))) {
            throw Errors.of("VM_BAD_POWER_STATE", vm, "halted, running", "suspended");
        }
    }

    /** VDI_IS_NOT_ISO [vdi, content type] unless the VDI lives in an ISO library. */
    private static void requireIso(ObjectStore store, String vdi) throws XapiException {
        String sr = store.getString(vdi, "SR");
        String contentType = store.isA(sr, "SR") ? store.getString(sr, "content_type") : "";
        if (!"iso".equals(contentType)) {
            throw Errors.of("VDI_IS_NOT_ISO", vdi, contentType);
        }
    }

    static String requireVbd(ObjectStore store, String vbd) throws XapiException {
        return Handles.require(store, "VBD", vbd);
    }
}
