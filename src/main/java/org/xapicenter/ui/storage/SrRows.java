package org.xapicenter.ui.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.props.Refs;
import org.xapicenter.xapi.record.Pbd;
import org.xapicenter.xapi.record.Sr;
import org.xapicenter.xapi.record.Vbd;
import org.xapicenter.xapi.record.Vdi;
import org.xapicenter.xapi.record.Vm;

/** What an SR's tabs show: the hosts it is plugged into and the disks it holds. */
public final class SrRows {
    private SrRows() {
    }

    /** The SR as seen from one host (its PBD). */
    public record HostLink(String pbd, String host, String attached, String config) {
    }

    /** One virtual disk in the SR. {@code vms} are the VMs (or snapshots) it is attached to. */
    public record Disk(String vdi, String name, String description, String size, long sizeBytes, String used,
            String vms, boolean snapshot, boolean inUse) {
    }

    public static List<HostLink> hosts(ObjectCache cache, Sr sr) {
        List<HostLink> out = new ArrayList<>();
        for (Pbd pbd : Refs.all(cache, sr.pbds(), Pbd.class)) {
            String config = pbd.deviceConfig().entrySet().stream()
                    .filter(e -> !e.getKey().toLowerCase(java.util.Locale.ROOT).contains("password")
                            && !e.getKey().toLowerCase(java.util.Locale.ROOT).contains("secret"))
                    .sorted(java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse("");
            out.add(new HostLink(pbd.ref(), Refs.name(cache, pbd.host()), pbd.attached() ? "Connected" : "Not connected", config));
        }
        out.sort(Comparator.comparing(HostLink::host).thenComparing(HostLink::pbd));
        return out;
    }

    public static List<Disk> disks(ObjectCache cache, Sr sr) {
        List<Disk> out = new ArrayList<>();
        for (Vdi vdi : Refs.all(cache, sr.vdis(), Vdi.class)) {
            List<String> vms = new ArrayList<>();
            for (Vbd vbd : Refs.all(cache, vdi.vbds(), Vbd.class)) {
                cache.get(vbd.vm(), Vm.class).ifPresent(vm -> vms.add(vm.isSnapshot() ? vm.nameLabel() + " (snapshot)" : vm.nameLabel()));
            }
            boolean snapshot = vdi.bool("is_a_snapshot");
            out.add(new Disk(vdi.ref(), vdi.nameLabel(), vdi.nameDescription(), Units.bytes(vdi.virtualSize()),
                    vdi.virtualSize(), Units.bytes(vdi.physicalUtilisation()), String.join(", ", vms.stream().sorted().toList()),
                    snapshot, !vms.isEmpty()));
        }
        out.sort(Comparator.comparing(Disk::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Disk::vdi));
        return out;
    }

    /** Used / size as a fraction for the usage bar; -1 when the size is unknown. */
    public static double usage(Sr sr) {
        return sr.physicalSize() <= 0 ? -1 : Math.min(1.0, (double) sr.physicalUtilisation() / sr.physicalSize());
    }
}
