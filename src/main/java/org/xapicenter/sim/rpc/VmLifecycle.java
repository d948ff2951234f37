package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * VM power operations and the rules of XAPI-PROTOCOL.md §7: which power states allow which
 * operation, the order errors are checked in, {@code allowed_operations}/{@code current_operations}
 * kept true while an operation runs, and the side effects a real host shows (resident_on, metrics,
 * guest IPs, devices attached).
 */
public final class VmLifecycle {
    private final ObjectStore store;
    private final ConsoleLocations consoleLocations;
    /** Last domain id handed out; like Xen, ids only grow (0 is the control domain). */
    private long lastDomid = -1;

    public VmLifecycle(ObjectStore store) {
        this(store, ConsoleLocations.perHost());
    }

    public VmLifecycle(ObjectStore store, ConsoleLocations consoleLocations) {
        this.store = store;
        this.consoleLocations = consoleLocations;
    }

    /** Where this pool's consoles say they are served. */
    public ConsoleLocations consoleLocations() {
        return consoleLocations;
    }

    /** The first error {@code op} would raise on {@code vm} now, or null if it is allowed. */
    public XapiException check(String vm, String op) {
        return store.atomically(() -> {
            String gm = store.getString(vm, "guest_metrics");
            return VmOperationRules.check(vm, store.record(vm),
                    store.isA(gm, "VM_guest_metrics") ? store.record(gm) : null, op);
        });
    }

    /** Recomputes {@code allowed_operations} from the rules; call after every VM change. */
    public void refreshAllowedOperations(String vm) {
        store.atomically(() -> {
            List<Object> allowed = new ArrayList<>();
            for (String op : VmOperationRules.ADVERTISED) {
                if (check(vm, op) == null) {
                    allowed.add(op);
                }
            }
            if (!allowed.equals(store.getList(vm, "allowed_operations"))) {
                store.set(vm, "allowed_operations", List.copyOf(allowed));
            }
        });
    }

    /** Recomputes the allowed_operations of the VM's VBDs and VIFs, which follow its power state. */
    public void refreshDeviceOperations(String vm) {
        store.atomically(() -> DeviceRules.refreshDevices(store, vm));
    }

    /**
     * Runs power operation {@code op}: checks the rules, marks it current under {@code task}, spends its
     * simulated time, applies its effect. {@code startPaused} matters for start and resume only.
     */
    public void run(CallContext ctx, String vm, String op, boolean startPaused) throws XapiException {
        requireVm(vm);
        String task = ctx.task();
        XapiException refused = store.atomically(() -> {
            XapiException e = check(vm, op);
            if (e == null) {
                Map<String, Object> current = new LinkedHashMap<>(store.getMap(vm, "current_operations"));
                current.put(task, op);
                store.set(vm, "current_operations", Map.copyOf(current));
                refreshAllowedOperations(vm);
            }
            return e;
        });
        if (refused != null) {
            throw refused;
        }
        try {
            ctx.work(op, 0.9);
            store.atomically(() -> apply(vm, op, startPaused));
            ctx.work(op, 1.0);
        } finally {
            store.atomically(() -> {
                if (store.exists(vm)) {
                    Map<String, Object> current = new LinkedHashMap<>(store.getMap(vm, "current_operations"));
                    current.remove(task);
                    store.set(vm, "current_operations", Map.copyOf(current));
                    refreshAllowedOperations(vm);
                }
            });
        }
    }

    private void apply(String vm, String op, boolean startPaused) {
        switch (op) {
            case "start", "resume" -> boot(vm, startPaused ? "Paused" : "Running", pickHost(vm));
            case "clean_shutdown", "hard_shutdown", "suspend" -> halt(vm, op.equals("suspend") ? "Suspended" : "Halted");
            case "clean_reboot", "hard_reboot" -> {
                String host = store.getString(vm, "resident_on");
                halt(vm, "Halted");
                boot(vm, "Running", host);
            }
            case "pause" -> store.set(vm, "power_state", "Paused");
            case "unpause" -> store.set(vm, "power_state", "Running");
            default -> throw new IllegalStateException("not a power operation: " + op);
        }
        refreshDeviceOperations(vm);
    }

    private void boot(String vm, String state, String host) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("power_state", state);
        values.put("resident_on", host);
        values.put("domid", nextDomid());
        store.update(vm, values);
        String metrics = store.getString(vm, "metrics");
        if (store.isA(metrics, "VM_metrics")) {
            store.update(metrics, Map.of("start_time", now, "state", List.of(state.toLowerCase(Locale.ROOT)),
                    "last_updated", now, "memory_actual", store.get(vm, "memory_dynamic_max"),
                    "VCPUs_number", store.get(vm, "VCPUs_at_startup")));
        }
        refreshHostMemory(host);
        String gm = store.getString(vm, "guest_metrics");
        if (store.isA(gm, "VM_guest_metrics")) {
            store.update(gm, Map.of("networks", guestNetworks(vm), "last_updated", now, "live", Boolean.TRUE));
        }
        setDevicesAttached(vm, true);
        // Like xapi, a console exists while the domain does, on the host that runs it.
        if (store.getList(vm, "consoles").isEmpty()) {
            String console = store.create("console", Map.of("protocol", "rfb", "VM", vm));
            consoleLocations.write(store, console, hostAddress(host));
        }
    }

    private void halt(String vm, String state) {
        String host = store.getString(vm, "resident_on");
        store.update(vm, Map.of("power_state", state, "resident_on", "OpaqueRef:NULL", "domid", -1L));
        refreshHostMemory(host);
        String gm = store.getString(vm, "guest_metrics");
        if (store.isA(gm, "VM_guest_metrics")) {
            store.update(gm, Map.of("networks", Map.of(), "live", Boolean.FALSE));
        }
        String metrics = store.getString(vm, "metrics");
        if (store.isA(metrics, "VM_metrics")) {
            store.update(metrics, Map.of("state", List.of(), "memory_actual", 0L, "VCPUs_number", 0L));
        }
        setDevicesAttached(vm, false);
        for (Object console : store.getList(vm, "consoles")) {
            store.destroy((String) console);
        }
    }

    private void setDevicesAttached(String vm, boolean attached) {
        for (String field : List.of("VBDs", "VIFs")) {
            for (Object dev : store.getList(vm, field)) {
                if (store.exists((String) dev)) {
                    store.set((String) dev, "currently_attached", attached);
                }
            }
        }
    }

    /** Guest-reported addresses for a running VM: one per VIF, stable for a VM (derived from its uuid). */
    public Map<String, Object> guestNetworks(String vm) {
        Map<String, Object> nets = new LinkedHashMap<>();
        int h = store.getString(vm, "uuid").hashCode();
        for (Object vif : store.getList(vm, "VIFs")) {
            String device = store.getString((String) vif, "device");
            String ip = "10.0." + (10 + Math.floorMod(h, 40) + Integer.parseInt(device.isEmpty() ? "0" : device))
                    + "." + (2 + Math.floorMod(h >> 8, 250));
            nets.put(device + "/ip", ip);
            nets.put(device + "/ipv4/0", ip);
        }
        return nets;
    }

    private String pickHost(String vm) {
        String affinity = store.getString(vm, "affinity");
        if (store.isA(affinity, "host") && Boolean.TRUE.equals(store.get(affinity, "enabled"))) {
            return affinity;
        }
        String best = "OpaqueRef:NULL";
        int fewest = Integer.MAX_VALUE;
        for (String host : store.refs("host")) {
            if (!Boolean.TRUE.equals(store.get(host, "enabled"))) {
                continue;
            }
            int n = store.getList(host, "resident_VMs").size();
            if (n < fewest) {
                fewest = n;
                best = host;
            }
        }
        return best;
    }

    /** A new domain id, for a VM that gets a new domain outside start/resume (e.g. a migration). */
    public long allocateDomid() {
        return store.atomically(this::nextDomid);
    }

    /** Called under the store lock. */
    private long nextDomid() {
        if (lastDomid < 0) {
            for (String vm : store.refs("VM")) {
                lastDomid = Math.max(lastDomid, ((Number) store.get(vm, "domid")).longValue());
            }
        }
        return ++lastDomid;
    }

    /** A host's free memory as its metrics report it: total minus what resident domains use. */
    public void refreshHostMemory(String host) {
        if (!store.isA(host, "host") || !store.isA(store.getString(host, "metrics"), "host_metrics")) {
            return;
        }
        store.atomically(() -> {
            String metrics = store.getString(host, "metrics");
            long used = ((Number) store.get(host, "memory_overhead")).longValue();
            for (Object vm : store.getList(host, "resident_VMs")) {
                used += ((Number) store.get((String) vm, "memory_dynamic_max")).longValue();
            }
            long total = ((Number) store.get(metrics, "memory_total")).longValue();
            store.set(metrics, "memory_free", Math.max(0, total - used));
        });
    }

    private String hostAddress(String host) {
        return store.isA(host, "host") ? store.getString(host, "address") : "127.0.0.1";
    }

    private void requireVm(String vm) throws XapiException {
        Handles.require(store, "VM", vm);
    }
}
