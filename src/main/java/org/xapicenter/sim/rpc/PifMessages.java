package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Host networking: VLAN.create/destroy and pool.create_VLAN_from_PIF (a VLAN PIF on top of a tagged
 * PIF), Bond.create/destroy (a bond master PIF over member PIFs of one host, taking over the primary
 * member's IP configuration and management role) and PIF.reconfigure_ip.
 */
final class PifMessages {
    private static final String NULL = FieldType.Ref.NULL;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final List<String> IP_FIELDS = List.of("ip_configuration_mode", "IP", "netmask", "gateway", "DNS",
            "management");

    private PifMessages() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        FieldType bondMode = store.model().get("Bond").field("mode").orElseThrow().type();
        FieldType ipMode = store.model().get("PIF").field("ip_configuration_mode").orElseThrow().type();
        d.register(new MethodSpec("VLAN.create", Set.of(4), true, false, (ctx, a) -> {
            String tagged = requirePif(store, Args.string(a, 0));
            long tag = Args.integer(a, 1, "tag");
            String network = NetworkMessages.requireNetwork(store, Args.string(a, 2));
            return Locked.call(store, () -> createVlan(store, tagged, tag, network));
        }));
        d.register(new MethodSpec("VLAN.destroy", Set.of(2), true, false, (ctx, a) -> {
            String vlan = Args.string(a, 0);
            Locked.run(store, () -> destroyVlan(store, vlan));
            return "";
        }));
        d.register(new MethodSpec("pool.create_VLAN_from_PIF", Set.of(4), true, false, (ctx, a) -> {
            String pif = requirePif(store, Args.string(a, 0));
            String network = NetworkMessages.requireNetwork(store, Args.string(a, 1));
            long tag = Args.integer(a, 2, "VLAN");
            return Locked.call(store, () -> {
                List<Object> created = new ArrayList<>();
                String device = store.getString(pif, "device");
                for (String host : store.refs("host")) {
                    for (Object p : store.getList(host, "PIFs")) {
                        String candidate = (String) p;
                        if (device.equals(store.get(candidate, "device")) && ((Number) store.get(candidate, "VLAN")).longValue() < 0) {
                            String vlan = createVlan(store, candidate, tag, network);
                            created.add(store.get(vlan, "untagged_PIF"));
                        }
                    }
                }
                return created;
            });
        }));
        d.register(new MethodSpec("Bond.create", Set.of(6), true, true, (ctx, a) -> {
            String network = NetworkMessages.requireNetwork(store, Args.string(a, 0));
            List<Object> members = new ArrayList<>(new java.util.LinkedHashSet<>(Args.strings(a, 1, "members")));
            String mac = Args.string(a, 2);
            String mode = (String) Args.coerce(bondMode, a.get(3), "mode");
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) Args.coerce(new FieldType.MapOf(
                    new FieldType.Primitive(FieldType.Kind.STRING), new FieldType.Primitive(FieldType.Kind.STRING)),
                    a.get(4), "properties");
            return Locked.afterWork(store, ctx, "Bond.create", () -> checkBond(store, network, members, mac),
                    () -> createBond(store, network, members, mac, mode, properties));
        }));
        d.register(new MethodSpec("Bond.destroy", Set.of(2), true, true, (ctx, a) -> {
            String bond = requireBond(store, Args.string(a, 0));
            ctx.work("Bond.destroy", 1.0);
            Locked.run(store, () -> destroyBond(store, requireBond(store, bond)));
            return "";
        }));
        d.register(new MethodSpec("PIF.reconfigure_ip", Set.of(7), true, true, (ctx, a) -> {
            String pif = requirePif(store, Args.string(a, 0));
            String mode = (String) Args.coerce(ipMode, a.get(1), "mode");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("ip_configuration_mode", mode);
            switch (mode) {
                case "Static" -> {
                    values.put("IP", requireAddress(Args.string(a, 2), "IP", false));
                    values.put("netmask", requireAddress(Args.string(a, 3), "netmask", false));
                    values.put("gateway", requireAddress(Args.string(a, 4), "gateway", true));
                    String dns = Args.string(a, 5);
                    for (String server : dns.split(",")) {
                        requireAddress(server.trim(), "DNS", true);
                    }
                    values.put("DNS", dns);
                }
                case "DHCP" -> values.putAll(dhcpLease(store.getString(pif, "MAC")));
                default -> {
                    values.put("IP", "");
                    values.put("netmask", "");
                    values.put("gateway", "");
                    values.put("DNS", "");
                }
            }
            Locked.run(store, () -> {
                if (mode.equals("None") && Boolean.TRUE.equals(store.get(requirePif(store, pif), "management"))) {
                    throw Errors.of("PIF_IS_MANAGEMENT_INTERFACE", pif);
                }
            });
            ctx.work("PIF.reconfigure_ip", 1.0);
            Locked.run(store, () -> store.update(requirePif(store, pif), values));
            return "";
        }));
    }

    private static String createVlan(ObjectStore store, String tagged, long tag, String network) throws XapiException {
        requirePif(store, tagged);
        if (tag < 0 || tag > 4094) {
            throw Errors.of("VLAN_TAG_INVALID", Long.toString(tag));
        }
        if (((Number) store.get(tagged, "VLAN")).longValue() >= 0) {
            throw Errors.of("PIF_IS_VLAN", tagged);
        }
        if (!NULL.equals(store.get(tagged, "bond_slave_of"))) {
            throw Errors.of("CANNOT_ADD_VLAN_TO_BOND_SLAVE", tagged);
        }
        for (Object v : store.getList(tagged, "VLAN_slave_of")) {
            if (((Number) store.get((String) v, "tag")).longValue() == tag) {
                throw Errors.of("PIF_VLAN_EXISTS", store.getString((String) v, "untagged_PIF"));
            }
        }
        String host = store.getString(tagged, "host");
        requireNotConnected(store, network, host);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device", store.get(tagged, "device"));
        v.put("network", network);
        v.put("host", host);
        v.put("MAC", store.get(tagged, "MAC"));
        v.put("MTU", store.get(network, "MTU"));
        v.put("VLAN", tag);
        v.put("physical", Boolean.FALSE);
        v.put("currently_attached", store.get(tagged, "currently_attached"));
        v.put("metrics", metrics(store));
        String untagged = store.create("PIF", v);
        String vlan = store.create("VLAN", Map.of("tagged_PIF", tagged, "untagged_PIF", untagged, "tag", tag));
        // untagged_PIF <-> VLAN_master_of is one-to-one, so no relation keeps it: set it here.
        store.set(untagged, "VLAN_master_of", vlan);
        return vlan;
    }

    private static void destroyVlan(ObjectStore store, String vlan) throws XapiException {
        Handles.require(store, "VLAN", vlan);
        String untagged = store.getString(vlan, "untagged_PIF");
        if (store.isA(untagged, "PIF")) {
            if (Boolean.TRUE.equals(store.get(untagged, "management"))) {
                throw Errors.of("PIF_IS_MANAGEMENT_INTERFACE", untagged);
            }
            destroyPif(store, untagged);
        }
        store.destroy(vlan);
    }

    private static void checkBond(ObjectStore store, String network, List<Object> members, String mac)
            throws XapiException {
        NetworkMessages.requireNetwork(store, network);
        if (members.size() < 2) {
            throw Errors.of("PIF_BOND_NEEDS_MORE_MEMBERS");
        }
        Set<Object> hosts = new HashSet<>();
        for (Object m : members) {
            String pif = requirePif(store, (String) m);
            if (!NULL.equals(store.get(pif, "bond_slave_of"))) {
                throw Errors.of("PIF_ALREADY_BONDED", pif);
            }
            if (((Number) store.get(pif, "VLAN")).longValue() >= 0) {
                throw Errors.of("PIF_IS_VLAN", pif);
            }
            hosts.add(store.get(pif, "host"));
        }
        if (hosts.size() > 1) {
            throw Errors.of("PIF_CANNOT_BOND_CROSS_HOST");
        }
        if (!mac.isEmpty() && !MacAddresses.valid(mac)) {
            throw Errors.of("MAC_INVALID", mac);
        }
        requireNotConnected(store, network, (String) hosts.iterator().next());
    }

    private static String createBond(ObjectStore store, String network, List<Object> members, String mac, String mode,
                                     Map<String, Object> properties) {
        String host = store.getString((String) members.get(0), "host");
        // The primary member is the one carrying the host's IP configuration, else the first.
        String primary = (String) members.get(0);
        for (Object m : members) {
            if (!"None".equals(store.get((String) m, "ip_configuration_mode"))) {
                primary = (String) m;
                break;
            }
        }
        Set<Object> devices = new HashSet<>();
        for (Object p : store.getList(host, "PIFs")) {
            devices.add(store.get((String) p, "device"));
        }
        int n = 0;
        while (devices.contains("bond" + n)) {
            n++;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device", "bond" + n);
        v.put("network", network);
        v.put("host", host);
        v.put("MAC", mac.isEmpty() ? store.get(primary, "MAC") : mac.toLowerCase(java.util.Locale.ROOT));
        v.put("MTU", store.get(network, "MTU"));
        v.put("physical", Boolean.FALSE);
        v.put("currently_attached", Boolean.TRUE);
        v.put("metrics", metrics(store));
        for (String f : IP_FIELDS) {
            v.put(f, store.get(primary, f));
        }
        String master = store.create("PIF", v);
        Map<String, Object> props = new LinkedHashMap<>(properties);
        if (mode.equals("lacp")) {
            props.putIfAbsent("hashing_algorithm", "tcpudp_ports");
        }
        props.putIfAbsent("updelay", "31000");
        props.putIfAbsent("downdelay", "200");
        String bond = store.create("Bond", Map.of("master", master, "primary_slave", primary, "mode", mode,
                "properties", Map.copyOf(props), "links_up", (long) members.size(), "auto_update_mac", mac.isEmpty()));
        for (Object m : members) {
            // VLANs on a member move onto the bond, as xapi does.
            for (Object vlan : store.getList((String) m, "VLAN_slave_of")) {
                moveVlan(store, (String) vlan, master);
            }
            Map<String, Object> slave = new LinkedHashMap<>(noIp());
            slave.put("bond_slave_of", bond);
            slave.put("currently_attached", Boolean.FALSE);
            store.update((String) m, slave);
        }
        return bond;
    }

    private static void destroyBond(ObjectStore store, String bond) {
        String master = store.getString(bond, "master");
        String primary = store.getString(bond, "primary_slave");
        Map<String, Object> restored = new LinkedHashMap<>();
        if (store.isA(master, "PIF")) {
            for (String f : IP_FIELDS) {
                restored.put(f, store.get(master, f));
            }
            // VLANs on the bond move to the primary member, as xapi does.
            for (Object vlan : store.getList(master, "VLAN_slave_of")) {
                if (store.isA(primary, "PIF")) {
                    moveVlan(store, (String) vlan, primary);
                }
            }
        }
        for (Object slave : store.getList(bond, "slaves")) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("bond_slave_of", NULL);
            values.put("currently_attached", Boolean.TRUE);
            if (slave.equals(primary)) {
                values.putAll(restored);
            }
            store.update((String) slave, values);
        }
        if (store.isA(master, "PIF")) {
            destroyPif(store, master);
        }
        store.destroy(bond);
    }

    /** Puts a VLAN on another tagged PIF; its VLAN PIF takes that PIF's device name. */
    private static void moveVlan(ObjectStore store, String vlan, String tagged) {
        store.set(vlan, "tagged_PIF", tagged);
        String untagged = store.getString(vlan, "untagged_PIF");
        if (store.isA(untagged, "PIF")) {
            store.set(untagged, "device", store.get(tagged, "device"));
        }
    }

    private static Map<String, Object> noIp() {
        return Map.of("ip_configuration_mode", "None", "IP", "", "netmask", "", "gateway", "", "DNS", "",
                "management", Boolean.FALSE);
    }

    /** NETWORK_ALREADY_CONNECTED [network, pif] when the network already has a PIF on this host. */
    private static void requireNotConnected(ObjectStore store, String network, String host) throws XapiException {
        for (Object p : store.getList(network, "PIFs")) {
            if (host.equals(store.get((String) p, "host"))) {
                throw Errors.of("NETWORK_ALREADY_CONNECTED", network, (String) p);
            }
        }
    }

    private static String metrics(ObjectStore store) {
        return store.create("PIF_metrics", Map.of("carrier", Boolean.TRUE, "speed", 10000L, "duplex", Boolean.TRUE));
    }

    private static void destroyPif(ObjectStore store, String pif) {
        String metrics = store.getString(pif, "metrics");
        store.destroy(pif);
        if (store.isA(metrics, "PIF_metrics")) {
            store.destroy(metrics);
        }
    }

    /** The simulated DHCP server: the same lease for the same MAC. */
    private static Map<String, Object> dhcpLease(String mac) {
        int h = mac.hashCode();
        String net = "10.20." + Math.floorMod(h, 200);
        return Map.of("IP", net + "." + (10 + Math.floorMod(h >> 8, 240)), "netmask", "255.255.255.0",
                "gateway", net + ".1", "DNS", net + ".1");
    }

    private static String requireAddress(String value, String param, boolean optional) throws XapiException {
        if (optional && value.isEmpty()) {
            return value;
        }
        if (!IPV4.matcher(value).matches()) {
            throw Errors.of("INVALID_IP_ADDRESS_SPECIFIED", param);
        }
        return value;
    }

    static String requirePif(ObjectStore store, String pif) throws XapiException {
        return Handles.require(store, "PIF", pif);
    }

    private static String requireBond(ObjectStore store, String bond) throws XapiException {
        return Handles.require(store, "Bond", bond);
    }
}
