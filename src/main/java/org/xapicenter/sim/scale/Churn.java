package org.xapicenter.sim.scale;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.store.ObjectStore;

/**
 * Random changes at a steady rate, to load clients: VM metrics updates (most of them), renames and
 * power changes of ordinary VMs, host free memory. Each change is one {@code mod} of the object it
 * names (a power change also moves the VM's metrics and host, as on a real pool).
 *
 * <p>The sequence of changes is seeded, so a run is repeatable; their timing is the scheduler's.
 */
public final class Churn implements AutoCloseable {
    /** Ticks per second: changes are spread over the second rather than sent in one burst. */
    private static final int TICKS_PER_SECOND = 20;

    private final ObjectStore store;
    private final VmLifecycle lifecycle;
    private final SplittableRandom random;
    private final double perTick;
    private final ScheduledExecutorService timer;
    private final AtomicLong changes = new AtomicLong();
    private List<String> vms = List.of();
    private List<String> hosts = List.of();
    private double owed;
    private long renames;

    private Churn(ObjectStore store, VmLifecycle lifecycle, long seed, double perSecond) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.random = new SplittableRandom(seed ^ 0x43687572L);
        this.perTick = perSecond / TICKS_PER_SECOND;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xapi-sim-churn");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts changing the pool {@code perSecond} times a second until closed. */
    public static Churn start(ObjectStore store, VmLifecycle lifecycle, long seed, double perSecond) {
        Churn c = new Churn(store, lifecycle, seed, perSecond);
        c.timer.scheduleAtFixedRate(c::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        return c;
    }

    /** Changes made so far. */
    public long changes() {
        return changes.get();
    }

    private void tick() {
        try {
            owed += perTick;
            int n = (int) owed;
            owed -= n;
            if (n == 0) {
                return;
            }
            store.atomically(() -> {
                if (vms.isEmpty()) {
                    vms = ordinaryVms();
                    hosts = store.refs("host");
                }
                if (vms.isEmpty()) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    change();
                }
            });
        } catch (RuntimeException e) {
            // A VM destroyed by a client under our feet: forget the list and pick again next tick.
            vms = List.of();
        }
    }

    private List<String> ordinaryVms() {
        List<String> out = new ArrayList<>();
        for (String vm : store.refs("VM")) {
            if (!Boolean.TRUE.equals(store.get(vm, "is_a_template")) && !Boolean.TRUE.equals(store.get(vm, "is_a_snapshot"))
                    && !Boolean.TRUE.equals(store.get(vm, "is_control_domain"))) {
                out.add(vm);
            }
        }
        return out;
    }

    private void change() {
        String vm = vms.get(random.nextInt(vms.size()));
        if (!store.exists(vm)) {
            vms = List.of();
            return;
        }
        int kind = random.nextInt(100);
        if (kind < 70) {
            metrics(vm);
        } else if (kind < 85) {
            rename(vm);
        } else if (kind < 95 && !hosts.isEmpty()) {
            power(vm);
        } else if (!hosts.isEmpty()) {
            hostMemory(hosts.get(random.nextInt(hosts.size())));
        }
        changes.incrementAndGet();
    }

    private void metrics(String vm) {
        String metrics = store.getString(vm, "metrics");
        if (!store.isA(metrics, "VM_metrics")) {
            return;
        }
        boolean live = store.getString(vm, "power_state").equals("Running");
        Map<String, Object> util = new LinkedHashMap<>();
        long vcpus = ((Number) store.get(vm, "VCPUs_at_startup")).longValue();
        for (int c = 0; c < vcpus; c++) {
            util.put(Integer.toString(c), live ? random.nextInt(0, 100) / 100.0 : 0.0);
        }
        store.update(metrics, Map.of("VCPUs_utilisation", java.util.Collections.unmodifiableMap(util),
                "last_updated", Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }

    private void rename(String vm) {
        String name = store.getString(vm, "name_label");
        int cut = name.lastIndexOf(" (r");
        String base = cut > 0 ? name.substring(0, cut) : name;
        store.set(vm, "name_label", base + " (r" + (++renames) + ")");
    }

    /** Halts a running VM or starts a halted one, with the side effects a client sees. */
    private void power(String vm) {
        String state = store.getString(vm, "power_state");
        String metrics = store.getString(vm, "metrics");
        Map<String, Object> values = new LinkedHashMap<>();
        boolean start;
        if (state.equals("Running")) {
            start = false;
            values.put("power_state", "Halted");
            values.put("resident_on", "OpaqueRef:NULL");
            values.put("domid", -1L);
        } else if (state.equals("Halted")) {
            start = true;
            String host = store.getString(vm, "affinity");
            values.put("power_state", "Running");
            values.put("resident_on", store.isA(host, "host") ? host : hosts.get(random.nextInt(hosts.size())));
            // Xen never reuses a domain id soon; a large, growing one is as plausible as any.
            values.put("domid", 10_000L + changes.get());
        } else {
            rename(vm);
            return;
        }
        String oldHost = store.getString(vm, "resident_on");
        store.update(vm, values);
        if (store.isA(metrics, "VM_metrics")) {
            store.update(metrics, Map.of("state", start ? List.of("running") : List.of(),
                    "memory_actual", start ? store.get(vm, "memory_dynamic_max") : 0L,
                    "VCPUs_number", start ? store.get(vm, "VCPUs_at_startup") : 0L,
                    "start_time", start ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : store.get(metrics, "start_time")));
        }
        for (String field : List.of("VBDs", "VIFs")) {
            for (Object dev : store.getList(vm, field)) {
                store.set((String) dev, "currently_attached", start);
            }
        }
        lifecycle.refreshAllowedOperations(vm);
        lifecycle.refreshHostMemory(start ? store.getString(vm, "resident_on") : oldHost);
    }

    private void hostMemory(String host) {
        String metrics = store.getString(host, "metrics");
        if (store.isA(metrics, "host_metrics")) {
            long total = ((Number) store.get(metrics, "memory_total")).longValue();
            long free = ((Number) store.get(metrics, "memory_free")).longValue();
            long jitter = (random.nextInt(-64, 65)) * 1024L * 1024;
            store.set(metrics, "memory_free", Math.max(0, Math.min(total, free + jitter)));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
