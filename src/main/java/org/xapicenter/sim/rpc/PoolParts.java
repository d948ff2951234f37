package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The objects every simulated pool is made of, as the demo pool, the scale-mode generator and SR.create
 * build them: hosts, control domains, SRs with their PBDs, PIFs, VM and VBD basics, consoles. Builders
 * that return a field map leave the record open for the caller's own fields; the caller creates it.
 * Nothing here draws a UUID beyond the objects it creates, so a builder keeps its pool's seeded order.
 */
public final class PoolParts {
    private static final long MIB = 1024L * 1024;

    private PoolParts() {
    }

    /** An XCP-ng 8.3 host's fields; {@code cpuInfo} describes its processors. */
    public static Map<String, Object> hostFields(String name, String address, String metrics, Map<String, String> cpuInfo) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name_label", name);
        v.put("name_description", "Default install");
        v.put("hostname", name);
        v.put("address", address);
        v.put("metrics", metrics);
        v.put("memory_overhead", 1200L * MIB);
        v.put("software_version", Map.of("product_version", "8.3.0", "product_version_text", "8.3",
                "product_version_text_short", "8.3", "platform_name", "XCP", "platform_version", "3.4.0",
                "product_brand", "XCP-ng", "build_number", "cloud", "hostname", name, "xen", "4.17.5-3"));
        v.put("cpu_info", cpuInfo);
        v.put("capabilities", List.of("xen-3.0-x86_64", "hvm-3.0-x86_32", "hvm-3.0-x86_32p", "hvm-3.0-x86_64"));
        v.put("other_config", Map.of("iscsi_iqn", "iqn.2026-11.com.example:" + name));
        v.put("sched_policy", "credit");
        v.put("edition", "xcp-ng");
        v.put("license_params", Map.of("sku_type", "free"));
        v.put("allowed_operations", List.of("provision", "evacuate", "shutdown", "reboot", "vm_start", "vm_resume",
                "vm_migrate"));
        return v;
    }

    /**
     * Creates the control domain (dom0) of {@code host} with its metrics, running since {@code boot};
     * {@code extra} adds or overrides fields. Returns the VM ref.
     */
    public static String controlDomain(ObjectStore store, String host, String hostName, long memory, long vcpus,
                                       Instant boot, Map<String, ?> extra) {
        String metrics = store.create("VM_metrics", Map.of("memory_actual", memory, "VCPUs_number", vcpus,
                "start_time", boot, "install_time", boot, "last_updated", boot, "state", List.of("running")));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name_label", "Control domain on host: " + hostName);
        v.put("name_description", "The domain which manages physical devices and manages other domains");
        v.put("is_control_domain", Boolean.TRUE);
        v.put("power_state", "Running");
        v.put("resident_on", host);
        v.put("affinity", host);
        v.put("domid", 0L);
        for (String f : List.of("memory_static_max", "memory_dynamic_max", "memory_dynamic_min", "memory_static_min",
                "memory_target")) {
            v.put(f, memory);
        }
        v.put("VCPUs_max", vcpus);
        v.put("VCPUs_at_startup", vcpus);
        v.put("metrics", metrics);
        v.put("domain_type", "pv");
        v.putAll(extra);
        return store.create("VM", v);
    }

    /** The fields an SR starts with; the caller adds its sm_config, other_config and so on. */
    public static Map<String, Object> srFields(String name, String description, String type, String contentType,
                                               boolean shared, long size) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name_label", name);
        v.put("name_description", description);
        v.put("type", type);
        v.put("content_type", contentType);
        v.put("shared", shared);
        v.put("physical_size", size);
        return v;
    }

    /** Attaches {@code sr} to each of {@code hosts} with a plugged PBD of {@code deviceConfig}. */
    public static void plugInto(ObjectStore store, String sr, List<String> hosts, Map<String, ?> deviceConfig) {
        for (String host : hosts) {
            store.create("PBD", Map.of("SR", sr, "host", host, "device_config", deviceConfig,
                    "currently_attached", Boolean.TRUE));
        }
    }

    /**
     * A physical, attached PIF's fields with a fresh MAC; a management PIF gets {@code ip} as a static
     * address, with {@code gateway} also as its DNS server.
     */
    public static Map<String, Object> physicalPifFields(ObjectStore store, String network, String host, String device,
                                                        String metrics, boolean management, String ip, String netmask,
                                                        String gateway) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("device", device);
        v.put("network", network);
        v.put("host", host);
        v.put("MAC", MacAddresses.fresh(store));
        v.put("MTU", 1500L);
        v.put("metrics", metrics);
        v.put("physical", Boolean.TRUE);
        v.put("currently_attached", Boolean.TRUE);
        v.put("management", management);
        if (management) {
            v.put("ip_configuration_mode", "Static");
            v.put("IP", ip);
            v.put("netmask", netmask);
            v.put("gateway", gateway);
            v.put("DNS", gateway);
        }
        return v;
    }

    /** The fields a VM or template starts with: names, memory (static min at most 512 MiB), vCPUs, boot order. */
    public static Map<String, Object> vmFields(String name, String description, long memoryMiB, long vcpus) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name_label", name);
        v.put("name_description", description);
        v.put("memory_static_max", memoryMiB * MIB);
        v.put("memory_dynamic_max", memoryMiB * MIB);
        v.put("memory_dynamic_min", memoryMiB * MIB);
        v.put("memory_static_min", Math.min(memoryMiB, 512) * MIB);
        v.put("memory_target", memoryMiB * MIB);
        v.put("VCPUs_max", vcpus);
        v.put("VCPUs_at_startup", vcpus);
        v.put("HVM_boot_policy", "BIOS order");
        v.put("HVM_boot_params", Map.of("order", "cdn"));
        return v;
    }

    /** A VBD's fields: disk {@code device} is xvda, xvdb, ...; the CD drive is always xvdd. */
    public static Map<String, Object> vbdFields(String vm, String vdi, int device, String type, String mode,
                                                boolean attached, boolean bootable) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("VM", vm);
        v.put("VDI", vdi);
        v.put("userdevice", Integer.toString(device));
        v.put("device", type.equals("CD") ? "xvdd" : "xvd" + (char) ('a' + device));
        v.put("type", type);
        v.put("mode", mode);
        v.put("bootable", bootable);
        v.put("empty", vdi.equals("OpaqueRef:NULL"));
        v.put("currently_attached", attached);
        return v;
    }

    /** Creates a console of {@code vm} served by the host at {@code address}. */
    public static void console(ObjectStore store, ConsoleLocations locations, String vm, String address,
                               String protocol) {
        String c = store.create("console", Map.of("protocol", protocol, "VM", vm));
        locations.write(store, c, address);
    }
}
