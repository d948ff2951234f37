package org.xapicenter.ui.general;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Network;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.VmGuestMetrics;
import org.xapicenter.xapi.record.VmMetrics;
import org.xapicenter.xapi.record.XapiRecord;

/** Reads the General tab's properties of an object from its cache. */
public final class GeneralReader {
    private static final String NONE = "None";
    /** SR drivers as the XCP-ng and XenServer consoles name them; others show as XAPI spells them. */
    private static final Map<String, String> SR_TYPES = Map.ofEntries(
            Map.entry("nfs", "NFS"), Map.entry("lvm", "Local LVM"), Map.entry("ext", "Local ext"),
            Map.entry("lvmoiscsi", "iSCSI (LVM)"), Map.entry("lvmohba", "Hardware HBA (LVM)"),
            Map.entry("iso", "ISO library"), Map.entry("smb", "SMB"), Map.entry("cifs", "SMB"),
            Map.entry("udev", "Removable storage"), Map.entry("xfs", "Local XFS"), Map.entry("zfs", "Local ZFS"),
            Map.entry("glusterfs", "GlusterFS"), Map.entry("cephfs", "CephFS"));

    private GeneralReader() {
    }

    /** The sheet for a tree node; a server without a pool yet shows its connection. */
    public static GeneralSheet read(NavNode node) {
        ObjectCache cache = node.connection().link().cache();
        XapiRecord r = node.ref() == null ? null : cache.get(node.ref());
        if (r instanceof Vm vm) {
            return vm(cache, vm);
        }
        if (r instanceof Host h) {
            return host(cache, h);
        }
        if (r instanceof Pool p) {
            return pool(node, cache, p);
        }
        if (r instanceof Sr sr) {
            return sr(cache, sr);
        }
        if (r instanceof Network n) {
            return network(n);
        }
        return server(node);
    }

    private static GeneralSheet server(NavNode node) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        rows.add(row("Server", node.connection().link().label()));
        rows.add(row("State", stateText(node)));
        String error = node.connection().errorTextProperty().get();
        if (!error.isBlank()) {
            rows.add(row("Problem", error));
        }
        return new GeneralSheet(node.name(), "Server", rows);
    }

    private static String stateText(NavNode node) {
        return node.state() == null ? "" : switch (node.state()) {
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case RECONNECTING -> "Not connected, retrying…";
            case FAILED -> "Could not connect";
            case DISCONNECTED -> "Disconnected";
        };
    }

    static GeneralSheet vm(ObjectCache cache, Vm vm) {
        VmMetrics metrics = cache.get(vm.metrics(), VmMetrics.class).orElse(null);
        VmGuestMetrics guest = cache.get(vm.guestMetrics(), VmGuestMetrics.class).orElse(null);
        boolean live = vm.powerState() == PowerState.RUNNING || vm.powerState() == PowerState.PAUSED;
        List<GeneralSheet.Row> rows = new ArrayList<>();
        rows.add(row("Name", vm.nameLabel()));
        rows.add(row("Description", orNone(vm.nameDescription())));
        rows.add(row("Power state", vm.powerState().wireName()));
        rows.add(row("Operating system", guest == null ? "Unknown (no guest agent)" : osName(guest)));
        rows.add(row("IP addresses", guest == null || !live ? NONE : orNone(String.join(", ", addresses(guest)))));
        long vcpus = live && metrics != null && metrics.vcpusNumber() > 0 ? metrics.vcpusNumber() : vm.vcpusAtStartup();
        rows.add(row("vCPUs", vcpus > 0 ? Long.toString(vcpus) : ""));
        long memory = live && metrics != null && metrics.memoryActual() > 0 ? metrics.memoryActual() : vm.memoryStaticMax();
        rows.add(row("Memory", memory > 0 ? Units.bytes(memory) : ""));
        String home = live ? vm.residentOn() : vm.affinity();
        rows.add(row(live ? "Running on" : "Home server", orNone(nameOf(cache, home))));
        rows.add(row("Tags", vm.tags().isEmpty() ? NONE : String.join(", ", vm.tags())));
        String folder = org.xapicenter.ui.props.CustomFields.folder(vm);
        rows.add(row("Folder", folder.isEmpty() ? NONE : folder));
        if (guest != null) {
            Map<String, String> pv = guest.pvDriversVersion();
            String agent = pv.isEmpty() ? "" : String.join(".", pv.getOrDefault("major", "?"), pv.getOrDefault("minor", "?"),
                    pv.getOrDefault("micro", "0")) + (pv.containsKey("build") ? " (build " + pv.get("build") + ")" : "");
            rows.add(row("Guest agent", agent.isEmpty() ? "Not installed" : agent));
        }
        if (live && metrics != null) {
            rows.add(row("Started", Units.time(metrics.startTime())));
            rows.add(row("Uptime", Units.uptime(metrics.startTime(), java.time.Instant.now())));
        }
        org.xapicenter.ui.props.CustomFields.values(cache, vm).forEach((k, v) -> rows.add(row(k, v)));
        rows.add(new GeneralSheet.Row("UUID", vm.uuid(), true));
        String kind = vm.isTemplate() ? "Template" : "Virtual machine";
        return new GeneralSheet(vm.nameLabel(), vm.isTemplate() ? kind : kind + " · " + vm.powerState().wireName(), rows);
    }

    private static String osName(VmGuestMetrics guest) {
        Map<String, String> os = guest.osVersion();
        String name = os.getOrDefault("name", "");
        if (name.contains("|")) {
            name = name.substring(0, name.indexOf('|')); // Linux agents append the root device
        }
        if (name.isBlank()) {
            name = (os.getOrDefault("distro", "") + " " + os.getOrDefault("major", "")).trim();
        }
        return name.isBlank() ? "Unknown" : name;
    }

    /** Every distinct address the guest agent reports, IPv4 first as they appear. */
    static List<String> addresses(VmGuestMetrics guest) {
        Set<String> v4 = new LinkedHashSet<>();
        Set<String> v6 = new LinkedHashSet<>();
        guest.networks().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!e.getValue().isBlank() && e.getKey().contains("ip")) {
                (e.getValue().contains(":") ? v6 : v4).add(e.getValue());
            }
        });
        List<String> all = new ArrayList<>(v4);
        all.addAll(v6);
        return all;
    }

    private static GeneralSheet host(ObjectCache cache, Host h) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        rows.add(row("Name", h.nameLabel()));
        rows.add(row("Description", orNone(h.nameDescription())));
        rows.add(row("Address", h.address()));
        Map<String, String> sw = h.softwareVersion();
        String version = (sw.getOrDefault("product_brand", "") + " " + sw.getOrDefault("product_version", "")).trim();
        if (version.isEmpty()) {
            version = sw.getOrDefault("xapi", "");
        }
        rows.add(row("Version", version));
        Map<String, String> cpu = h.cpuInfo();
        String model = cpu.getOrDefault("modelname", "");
        String count = cpu.getOrDefault("cpu_count", "");
        rows.add(row("CPU", count.isEmpty() ? model : count + " × " + model));
        XapiRecord metrics = cache.get(h.metrics());
        if (metrics != null && metrics.int64("memory_total") > 0) {
            long total = metrics.int64("memory_total");
            long free = metrics.int64("memory_free");
            rows.add(row("Memory", Units.bytes(total) + " (" + Units.bytes(free) + " free)"));
        }
        rows.add(row("Maintenance mode", h.enabled() ? "No" : "Yes (no new VMs start here)"));
        boolean coordinator = cache.all("pool").stream().anyMatch(p -> p instanceof Pool pool && pool.master().equals(h.ref()));
        rows.add(row("Role", coordinator ? "Pool coordinator" : "Pool member"));
        java.time.Instant boot = org.xapicenter.ui.host.HostRows.bootTime(cache, h);
        if (boot != null && boot.getEpochSecond() > 0) {
            rows.add(row("Uptime", Units.uptime(boot, java.time.Instant.now())));
        }
        org.xapicenter.ui.props.CustomFields.values(cache, h).forEach((k, v) -> rows.add(row(k, v)));
        rows.add(new GeneralSheet.Row("UUID", h.uuid(), true));
        return new GeneralSheet(h.nameLabel(), "Server" + (h.enabled() ? "" : " · Maintenance mode"), rows);
    }

    private static GeneralSheet pool(NavNode node, ObjectCache cache, Pool p) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        rows.add(row("Name", node.name()));
        rows.add(row("Description", orNone(p.nameDescription())));
        rows.add(row("Coordinator", orNone(nameOf(cache, p.master()))));
        rows.add(row("Default SR", orNone(nameOf(cache, p.defaultSr()))));
        rows.add(row("Servers", Integer.toString(cache.all("host").size())));
        long vms = cache.all("vm").stream().filter(r -> r instanceof Vm vm && vm.isGuest()).count();
        rows.add(row("VMs", Long.toString(vms)));
        rows.add(row("High availability", p.bool("ha_enabled") ? "On" : "Off"));
        rows.add(row("Connection", stateText(node) + " to " + node.connection().link().label()));
        rows.add(new GeneralSheet.Row("UUID", p.uuid(), true));
        return new GeneralSheet(node.name(), "Pool", rows);
    }

    private static boolean isDefault(ObjectCache cache, Sr sr) {
        return cache.all(Pool.class).stream().anyMatch(p -> p.defaultSr().equals(sr.ref()));
    }

    private static GeneralSheet sr(ObjectCache cache, Sr sr) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        rows.add(row("Name", sr.nameLabel()));
        rows.add(row("Description", orNone(sr.nameDescription())));
        rows.add(row("Type", SR_TYPES.getOrDefault(sr.type(), sr.type())));
        long size = sr.physicalSize();
        long used = sr.physicalUtilisation();
        rows.add(row("Size", size <= 0 ? "" : Units.bytes(used) + " used of " + Units.bytes(size)
                + " (" + Units.percent(used, size) + ")"));
        if (sr.virtualAllocation() > 0) {
            rows.add(row("Virtual allocation", Units.bytes(sr.virtualAllocation())));
        }
        rows.add(row("Shared", sr.shared() ? "Yes" : "No"));
        rows.add(row("Default for new disks", isDefault(cache, sr) ? "Yes" : "No"));
        rows.add(new GeneralSheet.Row("UUID", sr.uuid(), true));
        return new GeneralSheet(sr.nameLabel(), "Storage repository", rows);
    }

    private static GeneralSheet network(Network n) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        rows.add(row("Name", n.nameLabel()));
        rows.add(row("Description", orNone(n.nameDescription())));
        rows.add(row("Bridge", n.bridge()));
        rows.add(row("MTU", n.mtu() > 0 ? Long.toString(n.mtu()) : ""));
        rows.add(new GeneralSheet.Row("UUID", n.uuid(), true));
        return new GeneralSheet(n.nameLabel(), "Network", rows);
    }

    private static String nameOf(ObjectCache cache, String ref) {
        if (XapiRecord.isNullRef(ref)) {
            return "";
        }
        XapiRecord r = cache.get(ref);
        return r == null ? "" : r.nameLabel();
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    private static GeneralSheet.Row row(String label, String value) {
        return new GeneralSheet.Row(label, value == null ? "" : value);
    }
}
