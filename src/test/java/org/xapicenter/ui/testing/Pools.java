package org.xapicenter.ui.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.xapicenter.xapi.record.Records;
import org.xapicenter.xapi.record.XapiRecord;

/** Builds records the way a XAPI server sends them (int64 as strings, sets as lists). */
public final class Pools {
    private Pools() {
    }

    public static String ref(String name) {
        return "OpaqueRef:" + UUID.nameUUIDFromBytes(name.getBytes()).toString();
    }

    public static XapiRecord record(String cls, String ref, Object... keyValues) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("uuid", UUID.nameUUIDFromBytes(ref.getBytes()).toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            f.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Records.of(cls, ref, f);
    }

    /** A copy of {@code r} with some fields changed. */
    public static XapiRecord with(XapiRecord r, Object... keyValues) {
        Map<String, Object> f = new HashMap<>(r.fields());
        for (int i = 0; i < keyValues.length; i += 2) {
            f.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Records.of(r.xapiClass(), r.ref(), f);
    }

    public static List<String> ops(String powerState) {
        return switch (powerState) {
            case "Halted" -> List.of("start", "clone", "copy", "destroy", "export", "snapshot");
            case "Running" -> List.of("clean_shutdown", "clean_reboot", "suspend", "pause", "hard_shutdown", "hard_reboot", "snapshot");
            case "Suspended" -> List.of("resume", "hard_shutdown", "destroy", "export", "snapshot");
            case "Paused" -> List.of("unpause", "hard_shutdown", "hard_reboot", "snapshot");
            default -> List.of();
        };
    }

    public static XapiRecord vm(String name, String power, String host) {
        String ref = ref("vm-" + name);
        return record("vm", ref, "name_label", name, "name_description", "", "power_state", power,
                "is_a_template", false, "is_a_snapshot", false, "is_control_domain", false,
                "resident_on", "Running".equals(power) || "Paused".equals(power) ? host : XapiRecord.NULL_REF,
                "affinity", host, "allowed_operations", ops(power), "current_operations", Map.of(),
                "VCPUs_at_startup", "2", "memory_static_max", Long.toString(2L << 30), "tags", List.of(),
                "metrics", XapiRecord.NULL_REF, "guest_metrics", XapiRecord.NULL_REF);
    }

    /** A small pool: 2 hosts (each with dom0 and a local SR), a shared SR, a network, 4 VMs, 2 templates. */
    public static List<XapiRecord> smallPool() {
        List<XapiRecord> out = new ArrayList<>();
        String h1 = ref("host-1");
        String h2 = ref("host-2");
        out.add(record("pool", ref("pool"), "name_label", "Lab pool", "master", h1, "default_SR", ref("sr-nfs")));
        out.add(record("host", h1, "name_label", "xcp-host-1", "address", "10.0.0.11", "enabled", true,
                "resident_VMs", List.of(ref("vm-web-01")), "PBDs", List.of(ref("pbd-1")),
                "software_version", Map.of("product_brand", "XCP-ng", "product_version", "8.2.1"),
                "cpu_info", Map.of("modelname", "Intel Xeon E5-2680", "cpu_count", "16")));
        out.add(record("host", h2, "name_label", "xcp-host-2", "address", "10.0.0.12", "enabled", true,
                "resident_VMs", List.of(), "PBDs", List.of(ref("pbd-2"))));
        out.add(record("pbd", ref("pbd-1"), "host", h1, "SR", ref("sr-local-1")));
        out.add(record("pbd", ref("pbd-2"), "host", h2, "SR", ref("sr-local-2")));
        out.add(record("sr", ref("sr-local-1"), "name_label", "Local storage", "type", "lvm", "shared", false,
                "PBDs", List.of(ref("pbd-1")), "physical_size", "1000000000000", "physical_utilisation", "250000000000"));
        out.add(record("sr", ref("sr-local-2"), "name_label", "Local storage", "type", "lvm", "shared", false,
                "PBDs", List.of(ref("pbd-2"))));
        out.add(record("sr", ref("sr-nfs"), "name_label", "NFS shared", "type", "nfs", "shared", true, "PBDs", List.of()));
        out.add(record("network", ref("net-0"), "name_label", "Pool-wide network", "bridge", "xenbr0", "MTU", "1500"));
        out.add(vm("web-01", "Running", h1));
        out.add(vm("db-01", "Halted", h2));
        out.add(vm("mail-01", "Suspended", h2));
        out.add(vm("build-01", "Halted", h1));
        out.add(with(vm("Control domain on host: xcp-host-1", "Running", h1), "is_control_domain", true));
        out.add(with(vm("Debian Bookworm 12", "Halted", h1), "is_a_template", true, "allowed_operations", List.of("clone", "copy", "provision", "export")));
        out.add(with(vm("Windows Server 2022", "Halted", h1), "is_a_template", true));
        out.add(with(vm("web-01 snapshot", "Halted", h1), "is_a_snapshot", true));
        return out;
    }

    public static Set<String> names(List<? extends XapiRecord> rs) {
        Set<String> s = new java.util.LinkedHashSet<>();
        rs.forEach(r -> s.add(r.nameLabel()));
        return s;
    }
}
