package org.xapicenter.ui.vm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.general.GeneralSheet;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vbd;
import org.xapicenter.xapi.record.Vdi;
import org.xapicenter.xapi.record.Vif;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.VmGuestMetrics;
import org.xapicenter.xapi.record.VmMetrics;
import org.xapicenter.xapi.record.XapiRecord;

/** What a VM's Memory, Storage, Networking and Snapshots tabs show, read from the cache. */
public final class VmRows {
    private VmRows() {
    }

    /** One virtual disk or CD drive of the VM. */
    public record Disk(String vbd, String vdi, String position, String name, String description, String size,
            String sr, String device, String mode, boolean attached, boolean cd, boolean empty) {
        public String attachedText() {
            return attached ? "Yes" : "No";
        }
    }

    /** One virtual network interface. */
    public record Nic(String vif, String device, String mac, String network, String addresses, boolean attached) {
        public String attachedText() {
            return attached ? "Yes" : "No";
        }
    }

    /** One snapshot, {@code depth} levels below the VM's first snapshots. */
    public record Snapshot(String ref, String name, String description, String taken, int depth) {
        /** The name indented under its parent, as a tree reads. */
        public String indentedName() {
            return depth == 0 ? name : "    ".repeat(depth - 1) + "  └ " + name;
        }
    }

    public static boolean live(Vm vm) {
        return vm.powerState() == PowerState.RUNNING || vm.powerState() == PowerState.PAUSED;
    }

    public static List<GeneralSheet.Row> memory(ObjectCache cache, Vm vm) {
        List<GeneralSheet.Row> rows = new ArrayList<>();
        long staticMin = vm.int64("memory_static_min");
        long dynMin = vm.int64("memory_dynamic_min");
        long dynMax = vm.memoryDynamicMax();
        long staticMax = vm.memoryStaticMax();
        boolean ballooning = dynMin != dynMax || dynMax != staticMax;
        rows.add(new GeneralSheet.Row("Dynamic memory control", ballooning
                ? "On: between " + Units.bytes(dynMin) + " and " + Units.bytes(dynMax) : "Off: fixed at " + Units.bytes(staticMax)));
        rows.add(new GeneralSheet.Row("Dynamic minimum", Units.bytes(dynMin)));
        rows.add(new GeneralSheet.Row("Dynamic maximum", Units.bytes(dynMax)));
        rows.add(new GeneralSheet.Row("Static minimum", Units.bytes(staticMin)));
        rows.add(new GeneralSheet.Row("Static maximum", Units.bytes(staticMax)));
        VmMetrics metrics = cache.get(vm.metrics(), VmMetrics.class).orElse(null);
        if (live(vm) && metrics != null && metrics.memoryActual() > 0) {
            rows.add(new GeneralSheet.Row("Current allocation", Units.bytes(metrics.memoryActual())));
        } else {
            rows.add(new GeneralSheet.Row("Current allocation", "None (the VM is " + vm.powerState().wireName().toLowerCase(java.util.Locale.ROOT) + ")"));
        }
        VmGuestMetrics guest = cache.get(vm.guestMetrics(), VmGuestMetrics.class).orElse(null);
        if (live(vm) && guest != null) {
            Map<String, String> m = guest.stringMap("memory");
            long total = parseKib(m.get("total"));
            long free = parseKib(m.get("free"));
            if (total > 0 && free >= 0) {
                rows.add(new GeneralSheet.Row("Used by the guest", Units.bytes(total - free) + " of " + Units.bytes(total)
                        + " (" + Units.percent(total - free, total) + ")"));
            }
        }
        return rows;
    }

    private static long parseKib(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s.trim()) * 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static List<Disk> disks(ObjectCache cache, Vm vm) {
        List<Disk> out = new ArrayList<>();
        for (Vbd vbd : Refs.all(cache, vm.vbds(), Vbd.class)) {
            Vdi vdi = vbd.empty() ? null : cache.get(vbd.vdi(), Vdi.class).orElse(null);
            boolean cd = "CD".equalsIgnoreCase(vbd.type());
            String name = vdi != null ? vdi.nameLabel() : cd ? "(empty CD drive)" : "(no disk)";
            out.add(new Disk(vbd.ref(), vdi == null ? null : vdi.ref(), vbd.userdevice(), name,
                    vdi == null ? "" : vdi.nameDescription(), vdi == null ? "" : Units.bytes(vdi.virtualSize()),
                    vdi == null ? "" : Refs.name(cache, vdi.sr()), vbd.device(),
                    "RO".equalsIgnoreCase(vbd.mode()) ? "Read only" : "Read/write", vbd.attached(), cd, vdi == null));
        }
        out.sort(Comparator.comparingInt((Disk d) -> number(d.position())).thenComparing(Disk::vbd));
        return out;
    }

    public static List<Nic> nics(ObjectCache cache, Vm vm) {
        VmGuestMetrics guest = live(vm) ? cache.get(vm.guestMetrics(), VmGuestMetrics.class).orElse(null) : null;
        List<Nic> out = new ArrayList<>();
        for (Vif vif : Refs.all(cache, vm.vifs(), Vif.class)) {
            List<String> ips = new ArrayList<>();
            if (guest != null) {
                // the guest agent reports "<device>/ip", "<device>/ipv4/0", "<device>/ipv6/0"...
                guest.networks().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .filter(e -> e.getKey().startsWith(vif.device() + "/") && !e.getValue().isBlank())
                        .map(Map.Entry::getValue).distinct().forEach(ips::add);
            }
            out.add(new Nic(vif.ref(), vif.device(), vif.mac(), Refs.name(cache, vif.network()),
                    String.join(", ", ips.stream().distinct().toList()), vif.attached()));
        }
        out.sort(Comparator.comparingInt((Nic n) -> number(n.device())).thenComparing(Nic::vif));
        return out;
    }

    /** The VM's snapshots as a tree (children under their parent), oldest first at each level. */
    public static List<Snapshot> snapshots(ObjectCache cache, Vm vm) {
        List<Vm> all = Refs.all(cache, vm.stringList("snapshots"), Vm.class);
        Map<String, List<Vm>> children = new HashMap<>();
        List<Vm> roots = new ArrayList<>();
        java.util.Set<String> mine = new java.util.HashSet<>(vm.stringList("snapshots"));
        for (Vm s : all) {
            String parent = s.refField("parent");
            if (mine.contains(parent)) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        List<Snapshot> out = new ArrayList<>();
        addLevel(roots, children, 0, out);
        return out;
    }

    private static void addLevel(List<Vm> level, Map<String, List<Vm>> children, int depth, List<Snapshot> out) {
        level.sort(Comparator.comparing((Vm s) -> taken(s)).thenComparing(XapiRecord::ref));
        for (Vm s : level) {
            out.add(new Snapshot(s.ref(), s.nameLabel(), s.nameDescription(), Units.time(taken(s)), depth));
            if (depth < 64) {
                addLevel(children.getOrDefault(s.ref(), new ArrayList<>()), children, depth + 1, out);
            }
        }
    }

    private static Instant taken(Vm s) {
        Instant t = s.date("snapshot_time");
        return t == null ? Instant.EPOCH : t;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
