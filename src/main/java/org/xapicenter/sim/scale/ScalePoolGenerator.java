package org.xapicenter.sim.scale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.xapicenter.sim.rpc.MacAddresses;
import org.xapicenter.sim.rpc.PoolParts;
import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.store.ObjectStore;

/**
 * Generates a large, plausible pool: hosts with their control domains, local and shared storage,
 * networks and PIFs, templates, and VMs with disks, CD drives, NICs, metrics and guest metrics in a
 * realistic mix of power states, names, sizes, folders and tags.
 *
 * <p>Deterministic: every choice comes from a random source seeded with the simulator's seed and
 * every ref, UUID and MAC from the store's seeded source, in a fixed order; so the same seed gives
 * the same pool, refs and UUIDs included.
 */
public final class ScalePoolGenerator {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;
    private static final Instant BOOT = Instant.parse("2026-11-01T08:00:00Z");
    private static final String NULL = "OpaqueRef:NULL";
    private static final int CPUS_PER_HOST = 16;

    private static final String[] ROLES = {"web", "app", "db", "cache", "mail", "build", "ci-runner", "k8s-node",
            "vpn", "dns", "log", "mon", "backup", "proxy", "lb", "dev", "test", "rds", "file", "erp"};
    private static final String[] FOLDERS = {"/Production/Web", "/Production/Data", "/Production/Apps", "/Staging",
            "/Development", "/Infrastructure", "/CI", ""};
    private static final String[] TAGS = {"prod", "staging", "dev", "backup-daily", "pci", "gold-image", "linux",
            "windows"};
    /** Template name, distro, OS name shown by the guest agent. */
    private static final String[][] OSES = {
            {"Debian Bookworm 12", "debian", "Debian GNU/Linux 12 (bookworm)"},
            {"Ubuntu Jammy Jellyfish 22.04", "ubuntu", "Ubuntu 22.04.5 LTS"},
            {"Ubuntu Noble Numbat 24.04", "ubuntu", "Ubuntu 24.04.1 LTS"},
            {"Rocky Linux 9", "rocky", "Rocky Linux 9.4 (Blue Onyx)"},
            {"AlmaLinux 9", "almalinux", "AlmaLinux 9.4 (Seafoam Ocelot)"},
            {"Windows Server 2022 (64-bit)", "windows", "Microsoft Windows Server 2022 Standard"}};
    private static final long[] MEMORY_GIB = {1, 2, 2, 4, 4, 4, 8, 8, 16, 32};
    private static final long[] VCPUS = {1, 2, 2, 2, 4, 4, 8};

    private final ObjectStore store;
    private final VmLifecycle lifecycle;
    private final SplittableRandom random;
    private final ScaleSettings settings;
    private final List<String> hosts = new ArrayList<>();
    private final List<String> hostAddresses = new ArrayList<>();
    private final List<String> localSrs = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<String> templates = new ArrayList<>();
    private final int[] roleCounters = new int[ROLES.length];
    private final Map<String, List<Object>> allowedByPower = new java.util.HashMap<>();
    private String sharedSr;
    private long domid = 1;

    private ScalePoolGenerator(ObjectStore store, VmLifecycle lifecycle, long seed, ScaleSettings settings) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.random = new SplittableRandom(seed);
        this.settings = settings;
    }

    /** Fills {@code store} (empty, seeded with {@code seed}) with the pool; returns the coordinator's host ref. */
    public static String build(ObjectStore store, VmLifecycle lifecycle, long seed, ScaleSettings settings) {
        ScalePoolGenerator g = new ScalePoolGenerator(store, lifecycle, seed, settings);
        store.atomically(() -> g.build());
        return g.hosts.get(0);
    }

    private void build() {
        for (String[] sm : new String[][]{{"nfs", "NFS VHD"}, {"ext", "Local EXT3 VHD"}, {"iso", "ISO"},
                {"lvm", "Local LVM"}}) {
            store.create("SM", Map.of("name_label", sm[1], "type", sm[0], "vendor", "Citrix Systems Inc",
                    "version", "1.0", "required_api_version", "1.0",
                    "driver_filename", "/opt/xensource/sm/" + sm[0].toUpperCase(Locale.ROOT) + "SR"));
        }
        long hostMemory = hostMemoryBytes();
        for (int i = 0; i < settings.hosts(); i++) {
            host(i, hostMemory);
        }
        long sharedSize = Math.max(4096L, settings.vms() * 120L) * GIB;
        sharedSr = sr("NFS storage", "nfs", "", true, sharedSize, "NFS SR [10.10.0.5:/export/xcp]");
        PoolParts.plugInto(store, sharedSr, hosts, Map.of("server", "10.10.0.5", "serverpath", "/export/xcp",
                "nfsversion", "4.1"));
        String isoSr = sr("ISO library", "iso", "iso", true, 200 * GIB, "ISO images");
        PoolParts.plugInto(store, isoSr, hosts, Map.of("location", "nfs://10.10.0.5/export/iso", "type", "nfs_iso"));
        for (String iso : List.of("debian-12.7.0-amd64-netinst.iso", "ubuntu-24.04.1-live-server-amd64.iso",
                "SERVER_EVAL_x64FRE_en-us.iso", "guest-tools.iso")) {
            store.create("VDI", Map.of("name_label", iso, "SR", isoSr, "virtual_size", 2048 * MIB,
                    "physical_utilisation", 2048 * MIB, "read_only", Boolean.TRUE, "location", iso));
        }
        network("Pool-wide network associated with eth0", "eth0", "xenbr0", true);
        network("Pool-wide network associated with eth1", "eth1", "xenbr1", false);
        store.create("pool", Map.of("name_label", "Scale pool", "name_description",
                "Generated pool: " + settings.hosts() + " hosts, " + settings.vms() + " VMs",
                "master", hosts.get(0), "default_SR", sharedSr, "suspend_image_SR", sharedSr, "crash_dump_SR", sharedSr,
                "other_config", Map.of("memory-ratio-hvm", "0.25", "memory-ratio-pv", "0.25")));
        for (String[] os : OSES) {
            template(os);
        }
        for (String vm : store.refs("VM")) {
            lifecycle.refreshAllowedOperations(vm);
        }
        for (int i = 0; i < settings.vms(); i++) {
            vm();
        }
        for (String host : hosts) {
            lifecycle.refreshHostMemory(host);
        }
        for (String sr : store.refs("SR")) {
            srUsage(sr);
        }
    }

    /** Enough memory for the VMs a host runs, so that the pool looks healthy rather than overcommitted. */
    private long hostMemoryBytes() {
        long perHost = (long) Math.ceil(settings.vms() * 0.7 * 6 / settings.hosts());
        long gib = Math.max(256, Long.highestOneBit(Math.max(1, perHost)) * 2);
        return gib * GIB;
    }

    private void host(int index, long memory) {
        String name = String.format("xcp-ng-%02d", index + 1);
        String address = "10.10.1." + (11 + index);
        String metrics = store.create("host_metrics", Map.of("memory_total", memory, "memory_free", memory,
                "live", Boolean.TRUE, "last_updated", BOOT));
        String host = store.create("host", PoolParts.hostFields(name, address, metrics, Map.of("cpu_count",
                Integer.toString(CPUS_PER_HOST), "socket_count", "2", "vendor", "GenuineIntel",
                "modelname", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "speed", "1995.312")));
        hosts.add(host);
        hostAddresses.add(address);
        for (int c = 0; c < CPUS_PER_HOST; c++) {
            store.create("host_cpu", Map.of("host", host, "number", (long) c, "vendor", "GenuineIntel",
                    "speed", 1995L, "modelname", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "family", 6L,
                    "model", 106L, "stepping", "6", "utilisation", random.nextInt(5, 60) / 100.0));
        }
        String dom0 = PoolParts.controlDomain(store, host, name, 8192 * MIB, 16L, BOOT, Map.of());
        PoolParts.console(store, lifecycle.consoleLocations(), dom0, address, "rfb");
        store.set(host, "control_domain", dom0);
        String local = sr("Local storage", "ext", "user", false, 1800 * GIB, "");
        localSrs.add(local);
        PoolParts.plugInto(store, local, List.of(host), Map.of("device", "/dev/sda3"));
        store.update(host, Map.of("local_cache_sr", local, "suspend_image_sr", local, "crash_dump_sr", local));
    }

    private String sr(String name, String type, String contentType, boolean shared, long size, String description) {
        Map<String, Object> v = PoolParts.srFields(name, description, type, contentType, shared, size);
        v.put("allowed_operations", List.of("scan", "destroy", "forget", "plug", "unplug", "update", "vdi_create",
                "vdi_introduce", "vdi_destroy", "vdi_resize", "vdi_clone", "vdi_snapshot"));
        v.put("other_config", Map.of("i18n-key", type.equals("ext") ? "local-storage" : type));
        return store.create("SR", v);
    }

    private void network(String name, String device, String bridge, boolean management) {
        String network = store.create("network", Map.of("name_label", name, "bridge", bridge, "MTU", 1500L,
                "managed", Boolean.TRUE, "other_config", Map.of("automatic", "true")));
        networks.add(network);
        for (int i = 0; i < hosts.size(); i++) {
            String metrics = store.create("PIF_metrics", Map.of("carrier", Boolean.TRUE, "speed", 25000L,
                    "duplex", Boolean.TRUE, "vendor_name", "Mellanox Technologies",
                    "device_name", "MT27710 Family [ConnectX-4 Lx]", "last_updated", BOOT));
            store.create("PIF", PoolParts.physicalPifFields(store, network, hosts.get(i), device, metrics, management,
                    hostAddresses.get(i), "255.255.0.0", "10.10.0.1"));
        }
    }

    private void template(String[] os) {
        boolean windows = os[1].equals("windows");
        Map<String, Object> v = vmBase(os[0], "", windows ? 4096 : 2048, windows ? 2 : 1);
        v.put("is_a_template", Boolean.TRUE);
        v.put("is_default_template", Boolean.TRUE);
        v.put("other_config", Map.of("default_template", "true", "linux_template", String.valueOf(!windows),
                "install-methods", windows ? "cdrom" : "cdrom,nfs,http,ftp", "base_template_name", os[0]));
        v.put("reference_label", os[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        templates.add(store.create("VM", v));
    }

    private static Map<String, Object> vmBase(String name, String description, long memoryMiB, long vcpus) {
        Map<String, Object> v = PoolParts.vmFields(name, description, memoryMiB, vcpus);
        v.put("platform", Map.of("device-model", "qemu-upstream-compat", "videoram", "8", "apic", "true"));
        return v;
    }

    private void vm() {
        int role = random.nextInt(ROLES.length);
        String name = String.format("%s-%04d", ROLES[role], ++roleCounters[role]);
        String[] os = ROLES[role].equals("rds") ? OSES[OSES.length - 1] : OSES[random.nextInt(OSES.length)];
        boolean windows = os[1].equals("windows");
        int p = random.nextInt(100);
        String power = p < 62 ? "Running" : p < 92 ? "Halted" : p < 97 ? "Suspended" : "Paused";
        boolean live = power.equals("Running") || power.equals("Paused");
        int hostIndex = random.nextInt(hosts.size());
        String host = hosts.get(hostIndex);
        long memoryMiB = MEMORY_GIB[random.nextInt(MEMORY_GIB.length)] * 1024;
        long vcpus = VCPUS[random.nextInt(VCPUS.length)];

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memory_actual", live ? memoryMiB * MIB : 0L);
        m.put("VCPUs_number", live ? vcpus : 0L);
        Map<String, Object> util = new LinkedHashMap<>();
        for (int c = 0; c < vcpus; c++) {
            util.put(Integer.toString(c), live ? random.nextInt(0, 100) / 100.0 : 0.0);
        }
        m.put("VCPUs_utilisation", java.util.Collections.unmodifiableMap(util));
        m.put("start_time", live ? BOOT.plusSeconds(random.nextInt(86_400)) : Instant.EPOCH);
        m.put("install_time", BOOT.minusSeconds(86_400L * random.nextInt(1, 900)));
        m.put("last_updated", BOOT);
        m.put("state", live ? List.of(power.toLowerCase(Locale.ROOT)) : List.of());
        m.put("hvm", Boolean.TRUE);
        m.put("current_domain_type", live ? "hvm" : "unspecified");
        String metrics = store.create("VM_metrics", m);
        String guestMetrics = store.create("VM_guest_metrics", Map.of(
                "os_version", Map.of("name", os[2], "distro", os[1], "uname", windows ? "" : "6.1.0-25-amd64"),
                "PV_drivers_version", Map.of("major", "9", "minor", "3", "micro", "3", "build", "1"),
                "PV_drivers_up_to_date", Boolean.TRUE, "PV_drivers_detected", Boolean.TRUE,
                "other", Map.of("feature-balloon", "1", "has-vendor-device", "0"),
                "last_updated", BOOT, "live", live));

        Map<String, Object> v = vmBase(name, ROLES[role] + " server", memoryMiB, vcpus);
        v.put("power_state", power);
        v.put("resident_on", live ? host : NULL);
        v.put("affinity", host);
        v.put("domid", live ? domid++ : -1L);
        v.put("metrics", metrics);
        v.put("guest_metrics", guestMetrics);
        v.put("domain_type", "hvm");
        v.put("actions_after_shutdown", "destroy");
        v.put("actions_after_reboot", "restart");
        v.put("actions_after_crash", "restart");
        v.put("other_config", Map.of("folder", FOLDERS[random.nextInt(FOLDERS.length)],
                "base_template_name", os[0], "install-methods", "cdrom"));
        List<Object> tags = new ArrayList<>();
        tags.add(windows ? "windows" : "linux");
        if (random.nextInt(3) == 0) {
            tags.add(TAGS[random.nextInt(TAGS.length - 2)]);
        }
        v.put("tags", List.copyOf(tags));
        List<Object> allowed = allowedByPower.get(power);
        if (allowed != null) {
            v.put("allowed_operations", allowed);
        }
        String vm = store.create("VM", v);
        if (allowed == null) {
            // Generated VMs differ in nothing the rules look at but their power state: ask the rules
            // once per state rather than 10,000 times.
            lifecycle.refreshAllowedOperations(vm);
            allowedByPower.put(power, store.getList(vm, "allowed_operations"));
        }

        int disks = 1 + (random.nextInt(10) < 4 ? 1 : 0) + (random.nextInt(10) == 0 ? 1 : 0);
        boolean local = random.nextInt(5) == 0;
        for (int d = 0; d < disks; d++) {
            long size = (d == 0 ? (windows ? 64 : 20) : 50L * (1 + random.nextInt(8))) * GIB;
            String vdi = store.create("VDI", Map.of("name_label", name + (d == 0 ? " system disk" : " data disk " + d),
                    "SR", local ? localSrs.get(hostIndex) : sharedSr, "virtual_size", size,
                    "physical_utilisation", size / (2 + random.nextInt(4)), "type", d == 0 ? "system" : "user",
                    "allowed_operations", List.of("clone", "copy", "resize", "snapshot", "destroy", "forget", "update"),
                    "location", store.newUuid()));
            vbd(vm, vdi, d, "Disk", live, d == 0);
        }
        vbd(vm, NULL, 3, "CD", live, false);
        int nics = ROLES[role].equals("db") || ROLES[role].equals("lb") ? 2 : 1;
        for (int n = 0; n < nics; n++) {
            store.create("VIF", Map.of("device", Integer.toString(n), "network", networks.get(n), "VM", vm,
                    "MAC", MacAddresses.fresh(store), "MTU", 1500L, "currently_attached", live,
                    "allowed_operations", List.of("attach", "plug", "unplug")));
        }
        if (live) {
            PoolParts.console(store, lifecycle.consoleLocations(), vm, hostAddresses.get(hostIndex), "rfb");
            store.set(guestMetrics, "networks", lifecycle.guestNetworks(vm));
        }
    }

    private void vbd(String vm, String vdi, int device, String type, boolean attached, boolean bootable) {
        Map<String, Object> v = PoolParts.vbdFields(vm, vdi, device, type, type.equals("CD") ? "RO" : "RW", attached,
                bootable);
        v.put("allowed_operations", type.equals("CD") ? List.of("attach", "insert") : List.of("attach"));
        store.create("VBD", v);
    }

    private void srUsage(String sr) {
        long used = 0;
        long allocated = 0;
        for (Object vdi : store.getList(sr, "VDIs")) {
            used += ((Number) store.get((String) vdi, "physical_utilisation")).longValue();
            allocated += ((Number) store.get((String) vdi, "virtual_size")).longValue();
        }
        store.update(sr, Map.of("physical_utilisation", used, "virtual_allocation", allocated));
    }
}
