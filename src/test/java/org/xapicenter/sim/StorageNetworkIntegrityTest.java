package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.Protocol;

/**
 * After a day's worth of storage and network changes, both ends of every reference agree (VBD.VM and
 * VM.VBDs, VDI.SR and SR.VDIs, Bond.master and PIF.bond_master_of...) and no field names a destroyed
 * object: what a client reads from get_all_records is a consistent pool.
 */
class StorageNetworkIntegrityTest {
    private static final List<String[]> RELATIONS = List.of(
            new String[] {"VBD", "VM", "VM", "VBDs"}, new String[] {"VBD", "VDI", "VDI", "VBDs"},
            new String[] {"VDI", "SR", "SR", "VDIs"}, new String[] {"PBD", "SR", "SR", "PBDs"},
            new String[] {"PBD", "host", "host", "PBDs"}, new String[] {"VIF", "VM", "VM", "VIFs"},
            new String[] {"VIF", "network", "network", "VIFs"}, new String[] {"PIF", "network", "network", "PIFs"},
            new String[] {"PIF", "host", "host", "PIFs"}, new String[] {"Bond", "master", "PIF", "bond_master_of"},
            new String[] {"PIF", "bond_slave_of", "Bond", "slaves"}, new String[] {"VLAN", "tagged_PIF", "PIF", "VLAN_slave_of"});
    private static final List<String> CLASSES = List.of("VM", "VBD", "VDI", "SR", "PBD", "host", "VIF", "network", "PIF",
            "Bond", "VLAN", "PIF_metrics", "SM");

    @Test
    @SuppressWarnings("unchecked")
    void referencesAgreeBothWaysAfterManyChanges() throws Exception {
        try (ClientOnSimulator c = new ClientOnSimulator(Protocol.JSON_RPC)) {
            changeEverything(c);
            Map<String, Map<String, Map<String, Object>>> pool = new HashMap<>();
            for (String cls : CLASSES) {
                pool.put(cls, c.all(cls));
            }
            for (String[] r : RELATIONS) {
                Map<String, Map<String, Object>> children = pool.get(r[0]);
                Map<String, Map<String, Object>> parents = pool.get(r[2]);
                children.forEach((child, record) -> {
                    String parent = (String) record.get(r[1]);
                    if (!parent.equals("OpaqueRef:NULL")) {
                        assertThat(parents).as("%s.%s of %s", r[0], r[1], child).containsKey(parent);
                        assertThat((List<Object>) parents.get(parent).get(r[3])).as("%s.%s of %s", r[2], r[3], parent)
                                .contains(child);
                    }
                });
                parents.forEach((parent, record) -> {
                    for (Object child : (List<?>) record.get(r[3])) {
                        assertThat(children).as("%s.%s of %s", r[2], r[3], parent).containsKey((String) child);
                        assertThat(children.get((String) child).get(r[1])).isEqualTo(parent);
                    }
                });
            }
            pool.get("VLAN").forEach((vlan, record) -> assertThat(
                    pool.get("PIF").get((String) record.get("untagged_PIF")).get("VLAN_master_of")).isEqualTo(vlan));
            for (Map<String, Map<String, Object>> table : pool.values()) {
                for (Map<String, Object> record : table.values()) {
                    record.forEach((field, value) -> {
                        if (value instanceof String s && s.startsWith("OpaqueRef:") && !s.equals("OpaqueRef:NULL")) {
                            assertThat(c.sim.store().exists(s)).as("%s names a live object", field).isTrue();
                        }
                    });
                }
            }
        }
    }

    /** Creates and destroys disks, drives, SRs, networks, VIFs, VLANs and a bond. */
    private static void changeEverything(ClientOnSimulator c) throws Exception {
        List<String> hosts = c.hosts();
        String sr = c.ref("SR.create", hosts.get(0), Map.of("server", "nas.example.com", "serverpath", "/x"), 0, "tmp",
                "", "nfs", "", true, Map.of());
        String halted = c.named("VM", "dev-sandbox");
        String running = c.named("VM", "web-01");
        String keep = disk(c, c.named("SR", "NFS storage"));
        String gone = disk(c, sr);
        c.ref("VBD.create", drive(halted, gone, "6"));
        String hot = c.ref("VBD.create", drive(running, keep, "7"));
        c.call("VBD.plug", hot);
        String cd = c.find("VBD", r -> halted.equals(r.get("VM")) && "CD".equals(r.get("type"))).orElseThrow();
        c.call("VBD.insert", cd, c.list("SR", c.named("SR", "ISO library"), "VDIs").get(0));
        c.call("VDI.destroy", c.ref("VDI.create", Map.of("name_label", "short-lived", "SR", sr, "virtual_size", 1 << 20,
                "type", "user")));

        String net = c.ref("network.create", Map.of("name_label", "n"));
        String vif = c.ref("VIF.create", Map.of("device", "5", "network", net, "VM", running, "MAC", ""));
        c.call("VIF.plug", vif);
        c.call("VIF.unplug", vif);
        c.ref("VIF.create", Map.of("device", "5", "network", net, "VM", halted, "MAC", ""));
        String eth1 = c.find("PIF", r -> hosts.get(0).equals(r.get("host")) && "eth1".equals(r.get("device"))).orElseThrow();
        String eth0 = c.find("PIF", r -> hosts.get(0).equals(r.get("host")) && "eth0".equals(r.get("device"))).orElseThrow();
        String vlan = c.ref("VLAN.create", eth1, 10, c.ref("network.create", Map.of("name_label", "v10")));
        c.call("pool.create_VLAN_from_PIF", eth1, c.ref("network.create", Map.of("name_label", "v20")), 20);
        c.call("VLAN.destroy", vlan);
        String bond = c.ref("Bond.create", c.ref("network.create", Map.of("name_label", "b")), List.of(eth0, eth1), "",
                "lacp", Map.of());
        c.ref("Bond.create", c.ref("network.create", Map.of("name_label", "b2")), List.of(
                c.find("PIF", r -> hosts.get(1).equals(r.get("host")) && "eth0".equals(r.get("device"))).orElseThrow(),
                c.find("PIF", r -> hosts.get(1).equals(r.get("host")) && "eth1".equals(r.get("device"))).orElseThrow()),
                "", "balance-slb", Map.of());
        c.call("Bond.destroy", bond);
        c.call("network.destroy", net);

        for (Object pbd : c.list("SR", sr, "PBDs")) {
            c.call("PBD.unplug", pbd);
        }
        c.call("SR.forget", sr);
    }

    private static String disk(ClientOnSimulator c, String sr) throws Exception {
        return c.ref("VDI.create", Map.of("name_label", "d", "SR", sr, "virtual_size", 1L << 30, "type", "user"));
    }

    private static Map<String, Object> drive(String vm, String vdi, String userdevice) {
        return Map.of("VM", vm, "VDI", vdi, "userdevice", userdevice, "mode", "RW", "type", "Disk",
                "unpluggable", true);
    }
}
