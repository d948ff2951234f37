package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * network.create and destroy; VIF.create, destroy, plug and unplug. A VIF added to a running VM stays
 * unplugged until VIF.plug; an empty MAC is generated ({@link MacAddresses}).
 */
final class NetworkMessages {
    private static final List<String> NETWORK_CONSTRUCTOR = List.of("name_label", "name_description", "MTU",
            "other_config", "bridge", "managed", "tags");
    private static final List<String> VIF_CONSTRUCTOR = List.of("device", "network", "VM", "MAC", "MTU",
            "other_config", "qos_algorithm_type", "qos_algorithm_params", "locking_mode", "ipv4_allowed",
            "ipv6_allowed");
    /** Highest VIF device number of an HVM guest (xapi offers 0-6 to HVM guests). */
    private static final int MAX_VIF_DEVICE = 6;

    private NetworkMessages() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        d.register(new MethodSpec("network.create", Set.of(2), true, false, (ctx, a) -> {
            Map<String, Object> v = ConstructorArgs.read(store, "network", a.get(0), NETWORK_CONSTRUCTOR);
            if (!(a.get(0) instanceof Map<?, ?> m) || !m.containsKey("managed")) {
                v.put("managed", Boolean.TRUE);
            }
            long mtu = ((Number) v.getOrDefault("MTU", 0L)).longValue();
            if (mtu == 0) {
                v.put("MTU", 1500L);
            } else if (mtu < 68 || mtu > 9216) {
                throw Errors.of("INVALID_VALUE", "MTU", Long.toString(mtu));
            }
            return Locked.call(store, () -> {
                Set<Object> bridges = new HashSet<>();
                for (String n : store.refs("network")) {
                    bridges.add(store.get(n, "bridge"));
                }
                String bridge = (String) v.getOrDefault("bridge", "");
                if (bridge.isEmpty()) {
                    int i = 0;
                    while (bridges.contains("xapi" + i)) {
                        i++;
                    }
                    v.put("bridge", "xapi" + i);
                } else if (bridges.contains(bridge)) {
                    throw Errors.of("BRIDGE_NAME_EXISTS", bridge);
                }
                v.put("allowed_operations", List.of());
                return store.create("network", v);
            });
        }));
        d.register(new MethodSpec("network.destroy", Set.of(2), true, false, (ctx, a) -> {
            String network = requireNetwork(store, Args.string(a, 0));
            Locked.run(store, () -> destroyNetwork(store, requireNetwork(store, network)));
            return "";
        }));
        d.register(new MethodSpec("VIF.create", Set.of(2), true, false, (ctx, a) -> {
            Map<String, Object> v = ConstructorArgs.read(store, "VIF", a.get(0), VIF_CONSTRUCTOR);
            return Locked.call(store, () -> createVif(store, v));
        }));
        d.register(new MethodSpec("VIF.destroy", Set.of(2), true, false, (ctx, a) -> {
            String vif = requireVif(store, Args.string(a, 0));
            Locked.run(store, () -> {
                requireVif(store, vif);
                if (Boolean.TRUE.equals(store.get(vif, "currently_attached"))) {
                    throw Errors.operationNotAllowed("VIF currently attached to a running VM");
                }
                store.destroy(vif);
            });
            return "";
        }));
        for (boolean attach : new boolean[] {true, false}) {
            String op = attach ? "plug" : "unplug";
            d.register(new MethodSpec("VIF." + op, Set.of(2), true, true, (ctx, a) -> {
                String vif = requireVif(store, Args.string(a, 0));
                Locked.afterWork(store, ctx, "VIF." + op, () -> DeviceRules.plug(store, requireVif(store, vif), attach),
                        () -> store.update(vif, Map.of("currently_attached", attach, "allowed_operations",
                                DeviceRules.vifOperations(store, store.getString(vif, "VM"), attach))));
                return "";
            }));
        }
    }

    /** As xapi: attached VIFs or any PIF keep a network; unattached VIFs go with it. */
    private static void destroyNetwork(ObjectStore store, String network) throws XapiException {
        List<String> connected = new ArrayList<>();
        List<Object> vifs = store.getList(network, "VIFs");
        for (Object vif : vifs) {
            if (Boolean.TRUE.equals(store.get((String) vif, "currently_attached"))) {
                connected.add((String) vif);
            }
        }
        if (!connected.isEmpty()) {
            throw Errors.of("NETWORK_CONTAINS_VIF", connected.toArray(String[]::new));
        }
        List<Object> pifs = store.getList(network, "PIFs");
        if (!pifs.isEmpty()) {
            throw Errors.of("NETWORK_CONTAINS_PIF", pifs.stream().map(String::valueOf).toArray(String[]::new));
        }
        for (Object vif : vifs) {
            store.destroy((String) vif);
        }
        store.destroy(network);
    }

    private static String createVif(ObjectStore store, Map<String, Object> given) throws XapiException {
        Map<String, Object> v = new LinkedHashMap<>(given);
        String vm = DeviceRules.requireVm(store, (String) v.getOrDefault("VM", "OpaqueRef:NULL"));
        String network = requireNetwork(store, (String) v.getOrDefault("network", "OpaqueRef:NULL"));
        String device = (String) v.getOrDefault("device", "");
        if (!DeviceRules.isDeviceNumber(device, MAX_VIF_DEVICE)) {
            throw Errors.of("INVALID_DEVICE", device);
        }
        for (Object other : store.getList(vm, "VIFs")) {
            if (device.equals(store.get((String) other, "device"))) {
                throw Errors.of("DEVICE_ALREADY_EXISTS", device);
            }
        }
        String mac = ((String) v.getOrDefault("MAC", "")).trim();
        boolean generated = mac.isEmpty();
        if (generated) {
            Object seed = store.getMap(vm, "other_config").get("mac_seed");
            mac = MacAddresses.derived(seed != null ? String.valueOf(seed) : store.getString(vm, "uuid"), device);
        } else if (!MacAddresses.valid(mac)) {
            throw Errors.of("MAC_INVALID", mac);
        }
        v.put("device", device);
        v.put("MAC", mac.toLowerCase(Locale.ROOT));
        v.put("MAC_autogenerated", generated);
        v.put("MTU", store.get(network, "MTU"));
        v.put("currently_attached", Boolean.FALSE);
        v.put("allowed_operations", DeviceRules.vifOperations(store, vm, false));
        return store.create("VIF", v);
    }

    static String requireNetwork(ObjectStore store, String network) throws XapiException {
        return Handles.require(store, "network", network);
    }

    private static String requireVif(ObjectStore store, String vif) throws XapiException {
        return Handles.require(store, "VIF", vif);
    }
}
