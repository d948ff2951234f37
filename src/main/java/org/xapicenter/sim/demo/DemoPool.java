package org.xapicenter.sim.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.xapicenter.sim.rpc.MacAddresses;
import org.xapicenter.sim.rpc.PoolParts;
import org.xapicenter.sim.rpc.SmDrivers;
import org.xapicenter.sim.rpc.StorageState;
import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.store.ObjectStore;

/**
 * Builds the demo pool into a store from {@code resources/sim/demo-pool.json}: the JSON says what
 * exists (hosts, storage, networks, templates, VMs and their power states, alerts); this class adds
 * everything a real pool has around it (control domains, PBDs, PIFs, metrics, consoles, devices).
 * UUIDs, MACs and addresses come from the store's seeded source, so the pool is the same every run.
 */
public final class DemoPool {
    public static final String RESOURCE = "/org/xapicenter/data/sim/demo-pool.json";
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;
    /** A fixed "boot time" so that the demo looks the same in screenshots and tests. */
    private static final Instant BOOT = Instant.parse("2026-11-01T08:00:00Z");
    private static final String NULL = "OpaqueRef:NULL";

    private final ObjectStore store;
    private final VmLifecycle lifecycle;
    private final List<String> hosts = new ArrayList<>();
    private final List<String> hostAddresses = new ArrayList<>();
    private final List<String> localSrs = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final Map<String, String> vmsByName = new LinkedHashMap<>();
    private String sharedSr;
    private String isoSr;
    private String pool;
    private int domid = 1;

    private DemoPool(ObjectStore store, VmLifecycle lifecycle) {
        this.store = store;
        this.lifecycle = lifecycle;
    }

    /** Fills {@code store} with the demo pool; returns the coordinator's host ref. */
    public static String build(ObjectStore store, VmLifecycle lifecycle) {
        try (InputStream in = DemoPool.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode def = new ObjectMapper().readTree(in);
            DemoPool p = new DemoPool(store, lifecycle);
            store.atomically(() -> p.build(def));
            return p.hosts.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void build(JsonNode def) {
        smRecords();
        for (JsonNode h : def.get("hosts")) {
            host(h);
        }
        sharedStorage(def.get("sharedSr"));
        isoLibrary(def.get("isoSr"));
        for (JsonNode n : def.get("networks")) {
            network(n);
        }
        pool = store.create("pool", Map.of(
                "name_label", def.get("pool").asText(),
                "name_description", "Simulated XCP-ng pool",
                "master", hosts.get(0),
                "default_SR", sharedSr,
                "suspend_image_SR", sharedSr,
                "crash_dump_SR", sharedSr,
                "other_config", Map.of("memory-ratio-hvm", "0.25", "memory-ratio-pv", "0.25"),
                "gui_config", customFieldDefinitions(def),
                "cpu_info", Map.of("cpu_count", "56", "socket_count", "6", "vendor", "GenuineIntel"),
                "restrictions", Map.of("restrict_vswitch_controller", "false")));
        for (JsonNode t : def.get("templates")) {
            template(t);
        }
        for (JsonNode v : def.get("vms")) {
            vm(v);
        }
        for (JsonNode m : def.get("messages")) {
            message(m);
        }
        for (String vm : store.refs("VM")) {
            lifecycle.refreshAllowedOperations(vm);
            lifecycle.refreshDeviceOperations(vm);
        }
        for (String host : hosts) {
            lifecycle.refreshHostMemory(host);
        }
        for (String sr : store.refs("SR")) {
            StorageState.refreshSr(store, sr);
        }
    }

    private void smRecords() {
        for (String type : List.of("nfs", "ext", "iso", "lvm")) {
            SmDrivers.ensure(store, type);
        }
    }

    private void host(JsonNode h) {
        String name = h.get("name").asText();
        String address = h.get("address").asText();
        long memory = h.get("memoryGiB").asLong() * GIB;
        String metrics = store.create("host_metrics", Map.of("memory_total", memory, "memory_free", memory / 2,
                "live", Boolean.TRUE, "last_updated", BOOT));
        Map<String, Object> v = PoolParts.hostFields(name, address, metrics, Map.of("cpu_count", h.get("cpus").asText(),
                "socket_count", "2", "vendor", "GenuineIntel", "modelname", "Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz",
                "speed", "2394.374"));
        v.put("enabled", Boolean.TRUE);
        v.put("API_version_major", 2L);
        v.put("API_version_minor", 21L);
        v.put("API_version_vendor", "XenSource");
        v.put("control_domain", NULL);
        String host = store.create("host", v);
        hosts.add(host);
        hostAddresses.add(address);
        int cpus = h.get("cpus").asInt();
        for (int i = 0; i < cpus; i++) {
            store.create("host_cpu", Map.of("host", host, "number", (long) i, "vendor", "GenuineIntel",
                    "speed", 2394L, "modelname", "Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz",
                    "family", 6L, "model", 85L, "stepping", "7", "utilisation", 0.05 + (i % 7) * 0.03));
        }
        String dom0 = PoolParts.controlDomain(store, host, name, 4096 * MIB, 8L, BOOT,
                Map.of("other_config", Map.of("storage_driver_domain", "")));
        PoolParts.console(store, lifecycle.consoleLocations(), dom0, address, "rfb");
        PoolParts.console(store, lifecycle.consoleLocations(), dom0, address, "vt100");
        store.set(host, "control_domain", dom0);
        String local = sr("Local storage", "ext", "user", false, 900 * GIB, "");
        localSrs.add(local);
        PoolParts.plugInto(store, local, List.of(host), Map.of("device", "/dev/sda3"));
        store.set(host, "local_cache_sr", local);
        store.set(host, "suspend_image_sr", local);
        store.set(host, "crash_dump_sr", local);
    }

    private String sr(String name, String type, String contentType, boolean shared, long size, String description) {
        Map<String, Object> v = PoolParts.srFields(name, description, type, contentType, shared, size);
        v.put("sm_config", Map.of("devserial", "scsi-" + store.newUuid().substring(0, 8)));
        v.put("other_config", Map.of("i18n-key", type.equals("ext") ? "local-storage" : type));
        return store.create("SR", v);
    }

    private void sharedStorage(JsonNode d) {
        sharedSr = sr(d.get("name").asText(), d.get("type").asText(), "", true, d.get("sizeGiB").asLong() * GIB,
                "NFS SR [" + d.get("server").asText() + ":" + d.get("path").asText() + "]");
        PoolParts.plugInto(store, sharedSr, hosts, Map.of("server", d.get("server").asText(),
                "serverpath", d.get("path").asText(), "nfsversion", "4.1"));
    }

    private void isoLibrary(JsonNode d) {
        isoSr = sr(d.get("name").asText(), d.get("type").asText(), "iso", true, 200 * GIB, "ISO images");
        PoolParts.plugInto(store, isoSr, hosts, Map.of("location", d.get("location").asText(), "type", "cifs"));
        for (JsonNode iso : d.get("isos")) {
            long size = (300 + Math.floorMod(iso.asText().hashCode(), 4000)) * MIB;
            store.create("VDI", Map.of("name_label", iso.asText(), "SR", isoSr, "virtual_size", size,
                    "physical_utilisation", size, "type", "user", "read_only", Boolean.TRUE,
                    "location", iso.asText(), "sm_config", Map.of()));
        }
    }

    private void network(JsonNode n) {
        String device = n.get("device").asText();
        boolean management = n.get("management").asBoolean();
        String network = store.create("network", Map.of("name_label", n.get("name").asText(),
                "bridge", n.get("bridge").asText(), "MTU", 1500L, "managed", Boolean.TRUE,
                "other_config", Map.of("automatic", "true"),
                "allowed_operations", List.of()));
        networks.add(network);
        for (int i = 0; i < hosts.size(); i++) {
            String metrics = store.create("PIF_metrics", Map.of("carrier", Boolean.TRUE, "speed", 10000L,
                    "duplex", Boolean.TRUE, "vendor_name", "Intel Corporation",
                    "device_name", "Ethernet Controller X710 for 10GbE SFP+", "pci_bus_path", "0000:01:00." + networks.size(),
                    "last_updated", BOOT));
            Map<String, Object> v = PoolParts.physicalPifFields(store, network, hosts.get(i), device, metrics,
                    management, hostAddresses.get(i), "255.255.255.0", "192.168.10.1");
            v.put("VLAN", -1L);
            store.create("PIF", v);
        }
    }

    private void template(JsonNode t) {
        boolean windows = t.get("distro").asText().equals("windows");
        Map<String, Object> v = vmBase(t.get("name").asText(), "", windows ? 4096 : 2048, windows ? 2 : 1);
        v.put("is_a_template", Boolean.TRUE);
        v.put("is_default_template", Boolean.TRUE);
        Map<String, Object> oc = new LinkedHashMap<>();
        oc.put("default_template", "true");
        oc.put("linux_template", String.valueOf(!windows && !t.get("distro").asText().isEmpty()));
        oc.put("install-methods", windows ? "cdrom" : "cdrom,nfs,http,ftp");
        oc.put("base_template_name", t.get("name").asText());
        // The provision spec real templates carry; VM.provision turns it into disks on the default SR.
        oc.put("disks", "<provision><disk device=\"0\" size=\"" + (windows ? 32 : 10) * GIB
                + "\" sr=\"\" bootable=\"true\" type=\"system\"/></provision>");
        v.put("other_config", oc);
        v.put("reference_label", t.get("name").asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        v.put("platform", Map.of("device-model", "qemu-upstream-compat", "viridian", String.valueOf(windows)));
        store.create("VM", v);
    }

    private Map<String, Object> vmBase(String name, String description, long memoryMiB, long vcpus) {
        Map<String, Object> v = PoolParts.vmFields(name, description, memoryMiB, vcpus);
        v.put("domain_type", "hvm");
        v.put("actions_after_shutdown", "destroy");
        v.put("actions_after_reboot", "restart");
        v.put("actions_after_crash", "restart");
        return v;
    }

    private void vm(JsonNode d) {
        String name = d.get("name").asText();
        String power = d.get("power").asText();
        boolean live = power.equals("Running") || power.equals("Paused");
        long memory = d.get("memoryMiB").asLong();
        long vcpus = d.get("vcpus").asLong();
        String host = live ? hosts.get(d.get("host").asInt()) : NULL;
        Map<String, Object> metricsValues = new LinkedHashMap<>();
        metricsValues.put("memory_actual", live ? memory * MIB : 0L);
        metricsValues.put("VCPUs_number", live ? vcpus : 0L);
        metricsValues.put("VCPUs_utilisation", Map.of("0", live ? 0.12 : 0.0));
        metricsValues.put("start_time", live ? BOOT : Instant.EPOCH);
        metricsValues.put("install_time", BOOT.minusSeconds(86400L * 90));
        metricsValues.put("last_updated", BOOT);
        metricsValues.put("state", live ? List.of(power.toLowerCase(Locale.ROOT)) : List.of());
        metricsValues.put("hvm", Boolean.TRUE);
        metricsValues.put("current_domain_type", live ? "hvm" : "unspecified");
        String metrics = store.create("VM_metrics", metricsValues);
        String os = d.get("os").asText();
        String distro = d.get("distro").asText();
        Map<String, Object> osVersion = new LinkedHashMap<>();
        osVersion.put("name", os);
        osVersion.put("distro", distro);
        osVersion.put("uname", distro.equals("windows") ? "" : "6.1.0-25-amd64");
        String guestMetrics = store.create("VM_guest_metrics", Map.of("os_version", osVersion,
                "PV_drivers_version", Map.of("major", "9", "minor", "3", "micro", "3", "build", "1"),
                "PV_drivers_up_to_date", Boolean.TRUE, "PV_drivers_detected", Boolean.TRUE,
                "memory", Map.of(), "disks", Map.of(), "networks", Map.of(), "other", Map.of("feature-balloon", "1"),
                "last_updated", BOOT, "live", live));
        Map<String, Object> v = vmBase(name, d.get("description").asText(), memory, vcpus);
        v.put("power_state", power);
        v.put("resident_on", host);
        v.put("affinity", d.has("host") ? hosts.get(d.get("host").asInt()) : NULL);
        v.put("domid", live ? (long) domid++ : -1L);
        v.put("metrics", metrics);
        v.put("guest_metrics", guestMetrics);
        Map<String, Object> oc = new LinkedHashMap<>();
        oc.put("folder", d.get("folder").asText());
        oc.put("base_template_name", templateFor(distro));
        oc.put("install-methods", "cdrom");
        // Custom field values under XenCenter's keys (its definitions are in the pool's gui_config).
        if (d.has("custom")) {
            d.get("custom").fields().forEachRemaining(f -> oc.put("XenCenter.CustomFields." + f.getKey(), f.getValue().asText()));
        }
        v.put("other_config", oc);
        List<Object> tags = new ArrayList<>();
        d.get("tags").forEach(tag -> tags.add(tag.asText()));
        v.put("tags", tags);
        String vm = store.create("VM", v);
        vmsByName.put(name, vm);

        int device = 0;
        for (JsonNode disk : d.get("disks")) {
            String sr = disk.get("sr").asText().equals("local")
                    ? localSrs.get(disk.has("host") ? disk.get("host").asInt() : (live ? d.get("host").asInt() : 0))
                    : sharedSr;
            long size = disk.get("sizeGiB").asLong() * GIB;
            String vdi = store.create("VDI", Map.of("name_label", name + " " + (device == 0 ? "system disk" : "data disk " + device),
                    "name_description", "Created by the demo pool", "SR", sr, "virtual_size", size,
                    "physical_utilisation", size / 3, "type", device == 0 ? "system" : "user",
                    "allowed_operations", List.of("clone", "copy", "resize", "snapshot", "destroy", "forget", "update"),
                    "location", store.newUuid()));
            store.create("VBD", PoolParts.vbdFields(vm, vdi, device, "Disk", "RW", live, device == 0));
            device++;
        }
        store.create("VBD", PoolParts.vbdFields(vm, NULL, 3, "CD", "RO", live, false));
        int vifDevice = 0;
        for (String network : networks) {
            if (vifDevice > 0 && !name.startsWith("db")) {
                break;
            }
            store.create("VIF", Map.of("device", Integer.toString(vifDevice), "network", network, "VM", vm,
                    "MAC", MacAddresses.fresh(store), "MTU", 1500L, "currently_attached", live));
            vifDevice++;
        }
        if (live) {
            PoolParts.console(store, lifecycle.consoleLocations(), vm, hostAddresses.get(d.get("host").asInt()), "rfb");
            store.set(guestMetrics, "networks", lifecycle.guestNetworks(vm));
        }
    }

    private void message(JsonNode m) {
        String on = m.get("on").asText();
        String cls;
        String uuid;
        if (on.startsWith("host:")) {
            cls = "Host";
            uuid = store.getString(hosts.get(Integer.parseInt(on.substring(5))), "uuid");
        } else if (on.startsWith("vm:")) {
            cls = "VM";
            uuid = store.getString(vmsByName.get(on.substring(3)), "uuid");
        } else if (on.startsWith("sr:")) {
            cls = "SR";
            uuid = store.getString(sharedSr, "uuid");
        } else {
            cls = "Pool";
            uuid = store.getString(pool, "uuid");
        }
        store.create("message", Map.of("name", m.get("name").asText(), "priority", m.get("priority").asLong(),
                "cls", cls, "obj_uuid", uuid, "timestamp", BOOT.plusSeconds(3600L * store.count("message")),
                "body", m.get("body").asText()));
    }

    private static String templateFor(String distro) {
        return switch (distro) {
            case "debian" -> "Debian Bookworm 12";
            case "ubuntu" -> "Ubuntu Jammy Jellyfish 22.04";
            case "rocky" -> "Rocky Linux 9";
            case "almalinux" -> "AlmaLinux 9";
            case "centos" -> "CentOS Stream 9";
            case "oracle" -> "Oracle Linux 9";
            case "windows" -> "Windows Server 2022 (64-bit)";
            default -> "Other install media";
        };
    }

    /** The pool's custom field definitions, in the XML XenCenter keeps in gui_config["XenCenter.CustomFields"]. */
    private static Map<String, Object> customFieldDefinitions(JsonNode def) {
        if (!def.has("customFields")) {
            return Map.of();
        }
        StringBuilder xml = new StringBuilder("<CustomFieldDefinitions>");
        def.get("customFields").forEach(f -> xml.append("<CustomFieldDefinition name=\"").append(f.asText())
                .append("\" type=\"String\" defaultValue=\"\" />"));
        return Map.of("XenCenter.CustomFields", xml.append("</CustomFieldDefinitions>").toString());
    }
}
