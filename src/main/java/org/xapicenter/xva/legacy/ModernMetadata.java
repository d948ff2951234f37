package org.xapicenter.xva.legacy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;

/**
 * Describes a legacy appliance the way a current host's {@code /export} would: a halted VM, an SR, one VDI
 * per disk image and one VBD per block device, with archive ids {@code Ref:N} and fields as strings the way
 * XAPI serialises 64-bit numbers. The VM's settings follow what xapi's own importer of this format made of
 * them (memory fixed at {@code mem_set}, pygrub and the kernel command line for PV guests, "BIOS order" boot
 * for HVM ones, a Windows 2000 platform without ACPI/APIC); the VCPU count is the file's, where the old
 * importer always used one. New UUIDs are drawn each time; the host gives imported objects new ones anyway
 * unless told to restore.
 */
final class ModernMetadata {
    static final String NULL_REF = "OpaqueRef:NULL";
    private static final long MIB = 1024L * 1024;
    /** sda, hdb, xvdc: the letter gives the modern userdevice slot (a = 0). */
    private static final Pattern DEVICE = Pattern.compile("(?:xv|s|h|v)d([a-z])");

    private final List<XvaObject> objects = new ArrayList<>();
    private final List<XvaDisk> disks = new ArrayList<>();

    private ModernMetadata() {
    }

    /** The modern metadata and the disks whose blocks follow it, in Ref:N string order. */
    record Result(XvaMetadata metadata, List<XvaDisk> disks) {
    }

    static Result of(LegacyAppliance appliance) {
        ModernMetadata m = new ModernMetadata();
        m.build(appliance);
        List<XvaDisk> disks = new ArrayList<>(m.disks);
        disks.sort((a, b) -> a.id().compareTo(b.id()));
        return new Result(new XvaMetadata(version(), m.objects), disks);
    }

    private void build(LegacyAppliance appliance) {
        LegacyAppliance.Vm vm = appliance.vm();
        String vmId = "Ref:0";
        String srId = "Ref:1";
        int next = 2;
        Map<LegacyAppliance.Vdi, String> vdiIds = new LinkedHashMap<>();
        for (LegacyAppliance.Vbd vbd : vm.vbds()) {
            if (!vdiIds.containsKey(vbd.vdi())) {
                vdiIds.put(vbd.vdi(), "Ref:" + next++);
            }
        }
        List<String> vbdIds = new ArrayList<>();
        Map<LegacyAppliance.Vdi, List<String>> vbdsOfVdi = new LinkedHashMap<>();
        List<XvaObject> vbdObjects = new ArrayList<>();
        for (LegacyAppliance.Vbd vbd : vm.vbds()) {
            String id = "Ref:" + next++;
            vbdIds.add(id);
            vbdsOfVdi.computeIfAbsent(vbd.vdi(), k -> new ArrayList<>()).add(id);
            vbdObjects.add(new XvaObject("VBD", id, vbd(vbd, vmId, vdiIds.get(vbd.vdi()))));
        }
        objects.add(new XvaObject("VM", vmId, vm(vm, vbdIds)));
        objects.add(new XvaObject("SR", srId, sr(new ArrayList<>(vdiIds.values()))));
        for (Map.Entry<LegacyAppliance.Vdi, String> e : vdiIds.entrySet()) {
            LegacyAppliance.Vdi vdi = e.getKey();
            objects.add(new XvaObject("VDI", e.getValue(), vdi(vdi, srId, vbdsOfVdi.get(vdi))));
            disks.add(new XvaDisk(e.getValue(), vdi.name(), vdi.size(), firstUserdevice(vm, vdi)));
        }
        objects.addAll(vbdObjects);
    }

    private static Map<String, Object> version() {
        // What Xen Orchestra's writer declares: current hosts accept it, and export_vsn 2 is the tar format.
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("hostname", "xapicenter");
        v.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        v.put("product_version", "8.2.1");
        v.put("product_brand", "XCP-ng");
        v.put("build_number", "legacy-xva-0.1");
        v.put("xapi_major", "1");
        v.put("xapi_minor", "20");
        v.put("export_vsn", "2");
        return v;
    }

    private static Map<String, Object> vm(LegacyAppliance.Vm vm, List<String> vbdIds) {
        Map<String, Object> r = new LinkedHashMap<>();
        String memory = Long.toString(vm.memory());
        r.put("uuid", UUID.randomUUID().toString());
        r.put("name_label", vm.label());
        r.put("name_description", vm.description());
        r.put("power_state", "Halted");
        r.put("is_a_template", false);
        r.put("is_a_snapshot", false);
        r.put("is_control_domain", false);
        r.put("snapshot_of", NULL_REF);
        r.put("snapshots", List.of());
        r.put("parent", NULL_REF);
        r.put("children", List.of());
        r.put("user_version", "1");
        r.put("memory_static_max", memory);
        r.put("memory_dynamic_max", memory);
        r.put("memory_dynamic_min", memory);
        r.put("memory_target", memory);
        r.put("memory_static_min", Long.toString(Math.min(vm.memory(), 16 * MIB)));
        r.put("VCPUs_max", Integer.toString(vm.vcpus()));
        r.put("VCPUs_at_startup", Integer.toString(vm.vcpus()));
        r.put("VCPUs_params", Map.of());
        r.put("actions_after_shutdown", "destroy");
        r.put("actions_after_reboot", "restart");
        r.put("actions_after_crash", "destroy");
        r.put("domain_type", vm.hvm() ? "hvm" : "pv");
        r.put("HVM_boot_policy", vm.hvm() ? "BIOS order" : "");
        r.put("HVM_boot_params", vm.hvm() ? Map.of("order", "cd") : Map.of());
        r.put("HVM_shadow_multiplier", 1.0);
        r.put("PV_bootloader", vm.hvm() ? "" : "pygrub");
        r.put("PV_legacy_args", vm.kernelCommandLine());
        r.put("PV_kernel", "");
        r.put("PV_ramdisk", "");
        r.put("PV_args", "");
        r.put("PV_bootloader_args", "");
        r.put("platform", platform(vm));
        r.put("PCI_bus", "");
        r.put("other_config", Map.of());
        r.put("xenstore_data", Map.of());
        r.put("blocked_operations", Map.of());
        r.put("tags", List.of());
        r.put("recommendations", "");
        r.put("ha_always_run", false);
        r.put("ha_restart_priority", "");
        r.put("affinity", NULL_REF);
        r.put("resident_on", NULL_REF);
        r.put("suspend_VDI", NULL_REF);
        r.put("suspend_SR", NULL_REF);
        r.put("metrics", NULL_REF);
        r.put("guest_metrics", NULL_REF);
        r.put("domid", "-1");
        r.put("allowed_operations", List.of());
        r.put("current_operations", Map.of());
        r.put("consoles", List.of());
        r.put("crash_dumps", List.of());
        r.put("VIFs", List.of());
        r.put("VBDs", List.copyOf(vbdIds));
        return r;
    }

    private static Map<String, Object> platform(LegacyAppliance.Vm vm) {
        boolean win2k = vm.distrib().equals("windows") && vm.distribVersion().equals("win2k");
        String on = win2k ? "false" : "true";
        return Map.of("acpi", on, "apic", on, "nx", "false", "pae", "true");
    }

    private static Map<String, Object> sr(List<String> vdiIds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("uuid", UUID.randomUUID().toString());
        r.put("name_label", "Legacy XVA");
        r.put("name_description", "");
        r.put("VDIs", List.copyOf(vdiIds));
        return r;
    }

    private static Map<String, Object> vdi(LegacyAppliance.Vdi vdi, String srId, List<String> vbdIds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("uuid", UUID.randomUUID().toString());
        r.put("name_label", vdi.name());
        r.put("name_description", "");
        r.put("virtual_size", Long.toString(vdi.size()));
        r.put("physical_utilisation", Long.toString(vdi.size()));
        r.put("type", vdi.variety());
        r.put("SR", srId);
        r.put("VBDs", List.copyOf(vbdIds));
        r.put("read_only", false);
        r.put("sharable", false);
        r.put("is_a_snapshot", false);
        r.put("snapshot_of", NULL_REF);
        r.put("snapshots", List.of());
        r.put("parent", NULL_REF);
        r.put("managed", true);
        r.put("missing", false);
        r.put("on_boot", "persist");
        r.put("allow_caching", false);
        r.put("cbt_enabled", false);
        r.put("other_config", Map.of());
        r.put("xenstore_data", Map.of());
        r.put("sm_config", Map.of());
        r.put("tags", List.of());
        r.put("metrics", NULL_REF);
        return r;
    }

    private static Map<String, Object> vbd(LegacyAppliance.Vbd vbd, String vmId, String vdiId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("uuid", UUID.randomUUID().toString());
        r.put("VM", vmId);
        r.put("VDI", vdiId);
        r.put("userdevice", userdevice(vbd.device()));
        r.put("device", "");
        r.put("bootable", vbd.bootable());
        r.put("mode", vbd.readOnly() ? "RO" : "RW");
        r.put("type", "Disk");
        r.put("empty", false);
        // xapi's importer of this format: only system disks are fixed to the VM.
        r.put("unpluggable", !vbd.vdi().variety().equals("system"));
        r.put("currently_attached", false);
        r.put("storage_lock", false);
        r.put("status_code", "0");
        r.put("status_detail", "");
        r.put("other_config", Map.of("owner", ""));
        r.put("qos_algorithm_type", "");
        r.put("qos_algorithm_params", Map.of());
        r.put("qos_supported_algorithms", List.of());
        r.put("runtime_properties", Map.of());
        r.put("allowed_operations", List.of());
        r.put("current_operations", Map.of());
        r.put("metrics", NULL_REF);
        return r;
    }

    /** {@code sda} -> "0", {@code hdb} -> "1": modern hosts number the slots; other names are kept as they are. */
    static String userdevice(String device) {
        Matcher m = DEVICE.matcher(device);
        return m.matches() ? Integer.toString(m.group(1).charAt(0) - 'a') : device;
    }

    private static String firstUserdevice(LegacyAppliance.Vm vm, LegacyAppliance.Vdi vdi) {
        for (LegacyAppliance.Vbd vbd : vm.vbds()) {
            if (vbd.vdi() == vdi) {
                return userdevice(vbd.device());
            }
        }
        return "";
    }
}
