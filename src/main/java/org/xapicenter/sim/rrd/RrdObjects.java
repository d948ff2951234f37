package org.xapicenter.sim.rrd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The RRDs the simulated pool has, with the data sources xcp-rrdd's default plugins give them: hosts
 * ({@code cpuN}, {@code cpu_avg}, {@code memory_total_kib}, {@code memory_free_kib}, {@code loadavg},
 * {@code pif_<device>_rx|tx}, {@code pif_aggr_rx|tx}) and VMs ({@code cpuN} per vCPU, {@code memory},
 * {@code memory_target}, {@code memory_internal_free} when guest tools report, {@code vif_<device>_rx|tx},
 * {@code vbd_<device>_read|write} for each disk). Read from the store on each request: a VM given a disk
 * grows a data source at once, and nothing is kept per VM but its {@link PowerHistory}.
 */
public final class RrdObjects {
    private static final double MIB_PER_S = 1024.0 * 1024.0;
    private final ObjectStore store;
    private final PowerHistory power;

    public RrdObjects(ObjectStore store, PowerHistory power) {
        this.store = store;
        this.power = power;
    }

    public PowerHistory power() {
        return power;
    }

    /** The host's RRD, or null when {@code host} is no host. */
    public RrdObject host(String host) {
        return store.atomically(() -> {
            if (!store.isA(host, "host")) {
                return null;
            }
            List<DataSource> s = new ArrayList<>();
            int cpus = cpuCount(host);
            for (int i = 0; i < cpus; i++) {
                s.add(DataSource.derive("cpu" + i, 1.0, DataSource.Shape.CPU, 1.0));
            }
            s.add(DataSource.derive("cpu_avg", 1.0, DataSource.Shape.CPU_AVERAGE, 1.0));
            double totalKib = hostMemory(host) / 1024.0;
            s.add(DataSource.gauge("memory_total_kib", DataSource.Shape.CONSTANT, totalKib));
            // Free memory follows what host_metrics says (the VMs' memory taken), so graphs agree with it.
            double freeKib = hostFreeMemory(host) / 1024.0;
            s.add(freeKib > 0 && freeKib <= totalKib
                    ? DataSource.gauge("memory_free_kib", DataSource.Shape.NEAR, freeKib)
                    : DataSource.gauge("memory_free_kib", DataSource.Shape.FREE_MEMORY, totalKib));
            s.add(new DataSource("loadavg", "GAUGE", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    DataSource.Shape.LOAD, cpus));
            for (Object pif : store.getList(host, "PIFs")) {
                String device = store.isA((String) pif, "PIF") ? store.getString((String) pif, "device") : null;
                if (device != null && !device.isEmpty() && !device.contains(".")) {
                    s.add(DataSource.derive("pif_" + device + "_rx", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, 4 * MIB_PER_S));
                    s.add(DataSource.derive("pif_" + device + "_tx", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, 2 * MIB_PER_S));
                }
            }
            s.add(DataSource.derive("pif_aggr_rx", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, 8 * MIB_PER_S));
            s.add(DataSource.derive("pif_aggr_tx", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, 4 * MIB_PER_S));
            return new RrdObject("host", store.getString(host, "uuid"), List.copyOf(s), RrdObject.ALWAYS);
        });
    }

    /** The VM's RRD, or null when {@code vm} is no VM or never ran (has no RRD). */
    public RrdObject vm(String vm) {
        PowerHistory.Life life = power.life(vm);
        if (life == null || !life.hasRrd()) {
            return null;
        }
        return store.atomically(() -> {
            if (!store.isA(vm, "VM")) {
                return null;
            }
            List<DataSource> s = new ArrayList<>();
            long vcpus = Math.max(1, Math.min(64, number(store.get(vm, "VCPUs_at_startup"), 1)));
            for (int i = 0; i < vcpus; i++) {
                s.add(DataSource.derive("cpu" + i, 1.0, DataSource.Shape.CPU, 1.0));
            }
            double memory = vmMemory(vm);
            s.add(DataSource.gauge("memory", DataSource.Shape.CONSTANT, memory));
            s.add(DataSource.gauge("memory_target", DataSource.Shape.CONSTANT, memory));
            String guest = store.getString(vm, "guest_metrics");
            if (guest != null && store.isA(guest, "VM_guest_metrics")) {
                s.add(DataSource.gauge("memory_internal_free", DataSource.Shape.FREE_MEMORY, memory / 1024.0));
            }
            for (Object vif : store.getList(vm, "VIFs")) {
                String device = store.isA((String) vif, "VIF") ? store.getString((String) vif, "device") : null;
                if (device != null && !device.isEmpty()) {
                    s.add(DataSource.derive("vif_" + device + "_rx", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, 256 * 1024.0));
                    s.add(DataSource.derive("vif_" + device + "_tx", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, 128 * 1024.0));
                }
            }
            for (Object vbd : store.getList(vm, "VBDs")) {
                String v = (String) vbd;
                if (store.isA(v, "VBD") && "Disk".equals(store.getString(v, "type"))) {
                    String device = store.getString(v, "device");
                    if (device != null && !device.isEmpty()) {
                        s.add(DataSource.derive("vbd_" + device + "_read", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, 2 * MIB_PER_S));
                        s.add(DataSource.derive("vbd_" + device + "_write", Double.POSITIVE_INFINITY, DataSource.Shape.RATE, MIB_PER_S));
                    }
                }
            }
            return new RrdObject("vm", store.getString(vm, "uuid"), List.copyOf(s), life);
        });
    }

    /** The VMs running on {@code host} now, control domain first, in store order. */
    public List<String> residentVms(String host) {
        return store.atomically(() -> {
            List<String> out = new ArrayList<>();
            for (Object o : store.getList(host, "resident_VMs")) {
                String vm = (String) o;
                if (store.isA(vm, "VM") && PowerHistory.isRunning(store.getString(vm, "power_state"))) {
                    if (Boolean.TRUE.equals(store.get(vm, "is_control_domain"))) {
                        out.add(0, vm);
                    } else {
                        out.add(vm);
                    }
                }
            }
            return out;
        });
    }

    /**
     * The VMs among {@code uuids} that run on one of {@code hosts}, in the order the hosts list their
     * resident VMs. Looks up only the VMs asked for, plus one pass over the hosts' resident lists.
     */
    public List<String> runningVmsByUuid(java.util.Collection<String> uuids, List<String> hosts) {
        if (uuids.isEmpty()) {
            return List.of();
        }
        return store.atomically(() -> {
            java.util.Set<String> refs = new java.util.HashSet<>();
            for (String uuid : uuids) {
                store.refByUuid(uuid).filter(vm -> store.isA(vm, "VM")
                        && PowerHistory.isRunning(store.getString(vm, "power_state"))
                        && hosts.contains(store.getString(vm, "resident_on"))).ifPresent(refs::add);
            }
            List<String> out = new ArrayList<>();
            for (String h : hosts) {
                for (Object vm : store.getList(h, "resident_VMs")) {
                    if (refs.remove(vm)) {
                        out.add((String) vm);
                    }
                }
            }
            return out;
        });
    }

    private int cpuCount(String host) {
        Object info = store.get(host, "cpu_info");
        if (info instanceof Map<?, ?> m && m.get("cpu_count") != null) {
            try {
                return Math.max(1, Math.min(256, Integer.parseInt(m.get("cpu_count").toString().trim())));
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return 4;
    }

    private double hostMemory(String host) {
        String metrics = store.getString(host, "metrics");
        if (metrics != null && store.isA(metrics, "host_metrics")) {
            long total = number(store.get(metrics, "memory_total"), 0);
            if (total > 0) {
                return total;
            }
        }
        return 64.0 * 1024 * 1024 * 1024;
    }

    private double hostFreeMemory(String host) {
        String metrics = store.getString(host, "metrics");
        return metrics != null && store.isA(metrics, "host_metrics") ? number(store.get(metrics, "memory_free"), 0) : 0;
    }

    private double vmMemory(String vm) {
        String metrics = store.getString(vm, "metrics");
        if (metrics != null && store.isA(metrics, "VM_metrics")) {
            long actual = number(store.get(metrics, "memory_actual"), 0);
            if (actual > 0) {
                return actual;
            }
        }
        long max = number(store.get(vm, "memory_dynamic_max"), 0);
        return max > 0 ? max : 1024.0 * 1024 * 1024;
    }

    private static long number(Object o, long fallback) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
