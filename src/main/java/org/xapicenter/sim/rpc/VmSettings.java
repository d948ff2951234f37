package org.xapicenter.sim.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * VM memory and VCPU settings with xapi's checks: the operation's lifecycle rule first (static range,
 * limits and VCPUs need a Halted VM; the dynamic range also a Running one), then the values:
 * static_min <= dynamic_min <= dynamic_max <= static_max (MEMORY_CONSTRAINT_VIOLATION_ORDER, the code
 * xapi has raised since 2020 instead of MEMORY_CONSTRAINT_VIOLATION) and 0 < VCPUs_at_startup <= VCPUs_max
 * (INVALID_VALUE). These replace the plain setters the datamodel would otherwise generate.
 */
final class VmSettings {
    private static final String STATIC = "changing_static_range";
    private static final String DYNAMIC = "changing_dynamic_range";
    private static final String LIMITS = "changing_memory_limits";
    private static final String VCPU_RULE = "VCPU values must satisfy: 0 < VCPUs_at_startup ≤ VCPUs_max";

    /** New memory values by field name, checked as a whole. */
    private interface MemoryChange {
        Map<String, Long> values(List<Object> args) throws XapiException;
    }

    private final ObjectStore store;
    private final VmLifecycle vms;

    private VmSettings(ObjectStore store, VmLifecycle vms) {
        this.store = store;
        this.vms = vms;
    }

    static void register(Dispatcher d, ObjectStore store, VmLifecycle vms) {
        VmSettings s = new VmSettings(store, vms);
        s.memory(d, "VM.set_memory_static_max", STATIC, a -> Map.of("memory_static_max", Args.integer(a, 1, "value")));
        s.memory(d, "VM.set_memory_static_min", STATIC, a -> Map.of("memory_static_min", Args.integer(a, 1, "value")));
        s.memory(d, "VM.set_memory_dynamic_max", DYNAMIC, a -> Map.of("memory_dynamic_max", Args.integer(a, 1, "value")));
        s.memory(d, "VM.set_memory_dynamic_min", DYNAMIC, a -> Map.of("memory_dynamic_min", Args.integer(a, 1, "value")));
        s.memory(d, "VM.set_memory_static_range", STATIC, a -> Map.of(
                "memory_static_min", Args.integer(a, 1, "min"), "memory_static_max", Args.integer(a, 2, "max")));
        s.memory(d, "VM.set_memory_dynamic_range", DYNAMIC, a -> Map.of(
                "memory_dynamic_min", Args.integer(a, 1, "min"), "memory_dynamic_max", Args.integer(a, 2, "max")));
        s.memory(d, "VM.set_memory_limits", LIMITS, a -> Map.of(
                "memory_static_min", Args.integer(a, 1, "static_min"), "memory_static_max", Args.integer(a, 2, "static_max"),
                "memory_dynamic_min", Args.integer(a, 3, "dynamic_min"), "memory_dynamic_max", Args.integer(a, 4, "dynamic_max")));
        s.memory(d, "VM.set_memory", LIMITS, a -> {
            long v = Args.integer(a, 1, "value");
            return Map.of("memory_static_max", v, "memory_dynamic_max", v, "memory_dynamic_min", v);
        });
        d.register(new MethodSpec("VM.set_VCPUs_max", Set.of(3), true, false,
                (ctx, a) -> s.vcpus(a, "changing_VCPUs", "VCPUs_max")));
        d.register(new MethodSpec("VM.set_VCPUs_at_startup", Set.of(3), true, false,
                (ctx, a) -> s.vcpus(a, "changing_VCPUs", "VCPUs_at_startup")));
        d.register(new MethodSpec("VM.set_VCPUs_number_live", Set.of(3), true, false,
                (ctx, a) -> s.vcpus(a, "changing_VCPUs_live", "VCPUs_at_startup")));
    }

    private void memory(Dispatcher d, String method, String op, MemoryChange change) {
        d.register(new MethodSpec(method, Set.of(arityOf(method)), true, false, (ctx, a) -> {
            String vm = requireVm(a);
            Map<String, Long> values = change.values(a);
            Locked.run(store, () -> {
                refuseIfNotAllowed(vm, op);
                setMemory(vm, values);
            });
            return "";
        }));
    }

    private static int arityOf(String method) {
        return switch (method) {
            case "VM.set_memory_static_range", "VM.set_memory_dynamic_range" -> 4;
            case "VM.set_memory_limits" -> 6;
            default -> 3;
        };
    }

    private void setMemory(String vm, Map<String, Long> changes) throws XapiException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String f : List.of("memory_static_min", "memory_dynamic_min", "memory_dynamic_max", "memory_static_max")) {
            m.put(f, changes.containsKey(f) ? changes.get(f) : ((Number) store.get(vm, f)).longValue());
        }
        if (!(m.get("memory_static_min") <= m.get("memory_dynamic_min")
                && m.get("memory_dynamic_min") <= m.get("memory_dynamic_max")
                && m.get("memory_dynamic_max") <= m.get("memory_static_max"))) {
            throw Errors.of("MEMORY_CONSTRAINT_VIOLATION_ORDER");
        }
        String host = store.getString(vm, "resident_on");
        boolean live = store.isA(host, "host");
        if (live) {
            long growth = m.get("memory_dynamic_max") - ((Number) store.get(vm, "memory_dynamic_max")).longValue();
            long free = ((Number) store.get(store.getString(host, "metrics"), "memory_free")).longValue();
            if (growth > free) {
                throw Errors.of("HOST_NOT_ENOUGH_FREE_MEMORY", Long.toString(growth), Long.toString(free));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>(m);
        // xapi keeps the (unused) target at dynamic_min so that older validation code is not tripped.
        values.put("memory_target", m.get("memory_dynamic_min"));
        store.update(vm, values);
        if (live) {
            String metrics = store.getString(vm, "metrics");
            if (store.isA(metrics, "VM_metrics")) {
                store.set(metrics, "memory_actual", m.get("memory_dynamic_max"));
            }
            vms.refreshHostMemory(host);
        }
        vms.refreshAllowedOperations(vm);
    }

    private Object vcpus(List<Object> a, String op, String field) throws XapiException {
        String vm = requireVm(a);
        long value = Args.integer(a, 1, "value");
        Locked.run(store, () -> {
            refuseIfNotAllowed(vm, op);
            long max = field.equals("VCPUs_max") ? value : ((Number) store.get(vm, "VCPUs_max")).longValue();
            long atStartup = field.equals("VCPUs_at_startup") ? value
                    : ((Number) store.get(vm, "VCPUs_at_startup")).longValue();
            if (value < 1 || atStartup > max) {
                throw Errors.of("INVALID_VALUE", VCPU_RULE, Long.toString(value));
            }
            store.set(vm, field, value);
            String metrics = store.getString(vm, "metrics");
            if (op.equals("changing_VCPUs_live") && store.isA(metrics, "VM_metrics")) {
                store.set(metrics, "VCPUs_number", value);
            }
            vms.refreshAllowedOperations(vm);
        });
        return "";
    }

    private void refuseIfNotAllowed(String vm, String op) throws XapiException {
        XapiException refused = vms.check(vm, op);
        if (refused != null) {
            throw refused;
        }
    }

    private String requireVm(List<Object> args) throws XapiException {
        String vm = Args.string(args, 0);
        return Handles.require(store, "VM", vm);
    }
}
