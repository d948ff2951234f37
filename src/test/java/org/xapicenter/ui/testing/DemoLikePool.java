package org.xapicenter.ui.testing;

import static org.xapicenter.ui.testing.Pools.record;
import static org.xapicenter.ui.testing.Pools.ref;
import static org.xapicenter.ui.testing.Pools.with;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * A pool shaped like the simulator's demo pool (3 hosts, shared NFS and ISO SRs, two networks,
 * VMs in every power state with metrics and guest agents, alerts), for window tests that feed
 * the cache themselves.
 */
public final class DemoLikePool {
    private DemoLikePool() {
    }

    public static List<XapiRecord> records() {
        List<XapiRecord> out = new ArrayList<>();
        String[] hosts = {"xcp-ng-01", "xcp-ng-02", "xcp-ng-03"};
        List<String> pbdsShared = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            String h = ref(hosts[i]);
            out.add(record("host", h, "name_label", hosts[i], "address", "192.168.10.1" + (i + 1), "enabled", true,
                    "PBDs", List.of(ref("pbd-local-" + i)), "metrics", ref("hm-" + i),
                    "software_version", Map.of("product_brand", "XCP-ng", "product_version", "8.3.0"),
                    "cpu_info", Map.of("modelname", "Intel(R) Xeon(R) Gold 6230R CPU @ 2.10GHz", "cpu_count", i == 2 ? "24" : "16")));
            out.add(record("host_metrics", ref("hm-" + i), "memory_total", Long.toString((i == 2 ? 192L : 128L) << 30),
                    "memory_free", Long.toString((i == 2 ? 150L : 90L) << 30)));
            out.add(record("pbd", ref("pbd-local-" + i), "host", h, "SR", ref("sr-local-" + i)));
            out.add(record("sr", ref("sr-local-" + i), "name_label", "Local storage", "type", "ext", "content_type", "user",
                    "shared", false, "PBDs", List.of(ref("pbd-local-" + i)), "physical_size", Long.toString(900L << 30),
                    "physical_utilisation", Long.toString((120L + 40 * i) << 30)));
            pbdsShared.add(ref("pbd-nfs-" + i));
        }
        out.add(record("pool", ref("pool"), "name_label", "Demo pool", "master", ref("xcp-ng-01"), "default_SR", ref("sr-nfs")));
        out.add(record("sr", ref("sr-nfs"), "name_label", "NFS storage", "type", "nfs", "content_type", "user", "shared", true,
                "PBDs", pbdsShared, "physical_size", Long.toString(4096L << 30), "physical_utilisation", Long.toString(3563L << 30)));
        out.add(record("sr", ref("sr-iso"), "name_label", "ISO library", "type", "iso", "content_type", "iso", "shared", true,
                "PBDs", List.of(), "physical_size", Long.toString(200L << 30), "physical_utilisation", Long.toString(31L << 30)));
        out.add(record("network", ref("net-0"), "name_label", "Pool-wide network associated with eth0", "bridge", "xenbr0", "MTU", "1500"));
        out.add(record("network", ref("net-1"), "name_label", "Pool-wide network associated with eth1", "bridge", "xenbr1", "MTU", "9000"));
        Object[][] vms = {
            {"web-01", "Public web front end", "Debian GNU/Linux 12 (bookworm)", "Running", 0, 2, 2048, List.of("production", "web")},
            {"web-02", "Public web front end", "Debian GNU/Linux 12 (bookworm)", "Running", 1, 2, 2048, List.of("production", "web")},
            {"db-primary", "PostgreSQL 16 primary", "Rocky Linux 9.4 (Blue Onyx)", "Running", 2, 8, 16384, List.of("production")},
            {"db-replica", "PostgreSQL 16 streaming replica", "Rocky Linux 9.4 (Blue Onyx)", "Running", 0, 8, 16384, List.of("production")},
            {"mail", "Postfix and Dovecot", "Ubuntu 22.04.5 LTS", "Running", 1, 2, 4096, List.of()},
            {"dc01", "Active Directory domain controller", "Microsoft Windows Server 2022 Standard", "Running", 2, 4, 8192, List.of("windows")},
            {"monitoring", "Prometheus and Grafana", "AlmaLinux 9.4 (Seafoam Ocelot)", "Paused", 0, 2, 4096, List.of()},
            {"build-runner", "CI runner", "Ubuntu 24.04.1 LTS", "Suspended", -1, 4, 8192, List.of("ci")},
            {"dev-sandbox", "Scratch VM for experiments", "CentOS Stream 9", "Halted", -1, 2, 2048, List.of()},
            {"win11-test", "Windows 11 test desktop", "Microsoft Windows 11 Pro", "Halted", -1, 4, 8192, List.of("windows")},
            {"backup", "Backup server", "Debian GNU/Linux 11 (bullseye)", "Halted", -1, 2, 4096, List.of()},
            {"legacy-app", "Old intranet application, kept for reference", "Oracle Linux Server 8.10", "Halted", -1, 1, 1024, List.of("legacy")},
        };
        int n = 0;
        for (Object[] v : vms) {
            String name = (String) v[0];
            int host = (Integer) v[4];
            String power = (String) v[3];
            boolean live = host >= 0;
            String hostRef = live ? ref(hosts[host]) : ref(hosts[n % 3]);
            XapiRecord vm = with(Pools.vm(name, power, hostRef), "name_description", v[1], "VCPUs_at_startup", v[5].toString(),
                    "memory_static_max", Long.toString(((Integer) v[6]).longValue() << 20), "tags", v[7],
                    "metrics", ref("m-" + name), "guest_metrics", live ? ref("g-" + name) : XapiRecord.NULL_REF);
            out.add(vm);
            out.add(record("vm_metrics", ref("m-" + name), "memory_actual", Long.toString(((Integer) v[6]).longValue() << 20),
                    "VCPUs_number", v[5].toString(), "start_time", "2026011" + (n % 9) + "T0" + (n % 9) + ":15:00Z"));
            if (live) {
                out.add(record("vm_guest_metrics", ref("g-" + name), "os_version", Map.of("name", v[2]),
                        "networks", Map.of("0/ip", "192.168.20." + (21 + n), "0/ipv4/0", "192.168.20." + (21 + n),
                                "0/ipv6/0", "fe80::216:3eff:fe00:" + Integer.toHexString(0x10 + n))));
            }
            n++;
        }
        for (String t : List.of("Debian Bookworm 12", "Rocky Linux 9", "Windows Server 2022 (64-bit)")) {
            out.add(with(Pools.vm(t, "Halted", ref(hosts[0])), "is_a_template", true));
        }
        out.add(with(Pools.vm("Control domain on host: xcp-ng-01", "Running", ref(hosts[0])), "is_control_domain", true));
        out.add(record("message", ref("msg-1"), "name", "ALARM", "priority", "3", "cls", "Host", "timestamp", "20260120T09:10:00Z",
                "body", "CPU usage on xcp-ng-02 above 90% for 5 minutes"));
        out.add(record("message", ref("msg-2"), "name", "SR_DISK_SPACE_LOW", "priority", "3", "cls", "SR", "timestamp", "20260120T08:00:00Z",
                "body", "Storage repository 'NFS storage' is 87% full"));
        out.add(record("message", ref("msg-3"), "name", "HA_POOL_OVERCOMMITTED", "priority", "2", "cls", "Pool", "timestamp", "20260119T22:30:00Z",
                "body", "The pool cannot tolerate a host failure"));
        out.add(record("message", ref("msg-4"), "name", "VM_STARTED", "priority", "5", "cls", "VM", "timestamp", "20260119T20:00:00Z",
                "body", "VM 'web-01' started"));
        return out;
    }
}
