package org.xapicenter.sim.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Runs a VM operation the way xapi's {@code with_vm_operation} does: the lifecycle rules decide whether it
 * may start, it shows in {@code current_operations} (and so in {@code allowed_operations}) while it runs,
 * its simulated time passes (a cancel then leaves everything as it was), and its effect lands at once
 * under the store lock.
 */
final class VmOperationGuard {
    /** One VM and the operation it shows while the work runs (revert marks the snapshot and its VM). */
    record Claim(String vm, String op) {
    }

    private final ObjectStore store;
    private final VmLifecycle vms;

    VmOperationGuard(ObjectStore store, VmLifecycle vms) {
        this.store = store;
        this.vms = vms;
    }

    /**
     * Checks each claim's rules then {@code precheck} (both again just before the effect, since the pool
     * may have changed meanwhile), marks the claims, spends {@code op}'s simulated time, applies {@code effect}.
     */
    <T> T run(CallContext ctx, List<Claim> claims, Locked.Work<?> precheck, Locked.Work<T> effect) throws XapiException {
        String task = ctx.task();
        String op = claims.get(0).op();
        Locked.call(store, () -> {
            for (Claim c : claims) {
                XapiException refused = vms.check(c.vm(), c.op());
                if (refused != null) {
                    throw refused;
                }
            }
            precheck.run();
            for (Claim c : claims) {
                mark(c.vm(), task, c.op(), true);
            }
            return null;
        });
        try {
            ctx.work(op, 0.9);
            T result = Locked.call(store, () -> {
                for (Claim c : claims) {
                    if (!store.exists(c.vm())) {
                        throw Errors.handleInvalid("VM", c.vm());
                    }
                }
                precheck.run();
                return effect.run();
            });
            ctx.work(op, 1.0);
            return result;
        } finally {
            store.atomically(() -> {
                for (Claim c : claims) {
                    mark(c.vm(), task, c.op(), false);
                }
            });
        }
    }

    private void mark(String vm, String task, String op, boolean running) {
        if (task == null || !store.exists(vm)) {
            return;
        }
        Map<String, Object> current = new LinkedHashMap<>(store.getMap(vm, "current_operations"));
        if (running) {
            current.put(task, op);
        } else {
            current.remove(task);
        }
        store.set(vm, "current_operations", java.util.Collections.unmodifiableMap(current));
        vms.refreshAllowedOperations(vm);
    }
}
