package org.xapicenter.sim.rpc;

import java.util.List;
import java.util.Set;

import org.xapicenter.sim.rpc.DiskCopies.Kind;
import org.xapicenter.sim.rpc.VmOperationGuard.Claim;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * The VM messages that make, change the disks of, move or remove VMs: clone, copy, snapshot, revert,
 * provision, destroy and pool_migrate. Each is long-running (a task, shown in current_operations) and
 * follows the lifecycle rules of XAPI-PROTOCOL.md §7; the new VMs' allowed_operations are computed at once.
 */
public final class VmOperations {
    private static final String NULL = "OpaqueRef:NULL";

    private final ObjectStore store;
    private final VmLifecycle vms;
    private final VmOperationGuard guard;
    private final DiskCopies disks;
    private final VmDuplicator duplicator;
    private final SnapshotRevert reverter;
    private final TemplateProvisioner provisioner;
    private final VmMigration migration;

    private VmOperations(ObjectStore store, VmLifecycle vms) {
        this.store = store;
        this.vms = vms;
        this.guard = new VmOperationGuard(store, vms);
        this.disks = new DiskCopies(store);
        this.duplicator = new VmDuplicator(store, disks);
        this.reverter = new SnapshotRevert(store, disks, duplicator, vms);
        this.provisioner = new TemplateProvisioner(store, disks);
        this.migration = new VmMigration(store, vms);
    }

    static void register(Dispatcher d, ObjectStore store, VmLifecycle vms) {
        VmOperations ops = new VmOperations(store, vms);
        d.register(new MethodSpec("VM.clone", Set.of(3), true, true,
                (ctx, a) -> ops.duplicate(ctx, requireVm(store, a, 0), Kind.CLONE, Args.string(a, 1), NULL, Set.of())));
        d.register(new MethodSpec("VM.copy", Set.of(4), true, true, (ctx, a) -> {
            String vm = requireVm(store, a, 0);
            String sr = Args.string(a, 2);
            if (!sr.equals(NULL) && !store.isA(sr, "SR")) {
                throw Errors.handleInvalid("SR", sr);
            }
            return ops.duplicate(ctx, vm, Kind.COPY, Args.string(a, 1), sr, Set.of());
        }));
        // xapi 23+ adds ignore_vdis; older clients (the SDK 8.1) send two arguments.
        d.register(new MethodSpec("VM.snapshot", Set.of(3, 4), true, true, (ctx, a) -> {
            Set<String> ignored = new java.util.HashSet<>();
            if (a.size() > 2) {
                for (Object vdi : Args.strings(a, 2, "ignore_vdis")) {
                    ignored.add(String.valueOf(vdi));
                }
            }
            return ops.duplicate(ctx, requireVm(store, a, 0), Kind.SNAPSHOT, Args.string(a, 1), NULL, ignored);
        }));
        d.register(new MethodSpec("VM.revert", Set.of(2), true, true,
                (ctx, a) -> ops.revert(ctx, requireVm(store, a, 0))));
        d.register(new MethodSpec("VM.provision", Set.of(2), true, true,
                (ctx, a) -> ops.provision(ctx, requireVm(store, a, 0))));
        d.register(new MethodSpec("VM.destroy", Set.of(2), true, true,
                (ctx, a) -> ops.destroy(ctx, requireVm(store, a, 0))));
        d.register(new MethodSpec("host.evacuate", Set.of(2), true, true,
                (ctx, a) -> ops.evacuate(Handles.require(store, "host", Args.string(a, 0)))));
        for (String op : List.of("disable", "enable")) {
            d.register(new MethodSpec("host." + op, Set.of(2), true, false, (ctx, a) -> {
                String host = Handles.require(store, "host", Args.string(a, 0));
                store.set(host, "enabled", op.equals("enable"));
                return "";
            }));
        }
        d.register(new MethodSpec("VM.pool_migrate", Set.of(4), true, true, (ctx, a) -> {
            String vm = requireVm(store, a, 0);
            String host = Handles.require(store, "host", Args.string(a, 1));
            if (!(a.get(2) instanceof java.util.Map<?, ?>) && !"".equals(a.get(2))) {
                throw Errors.fieldTypeError("options");
            }
            return ops.poolMigrate(ctx, vm, host);
        }));
    }

    private String duplicate(CallContext ctx, String vm, Kind kind, String name, String sr, Set<String> ignored)
            throws XapiException {
        String op = kind.name().toLowerCase(java.util.Locale.ROOT);
        String copy = guard.run(ctx, List.of(new Claim(vm, op)), () -> {
            duplicator.requireSpace(vm, kind, sr, ignored);
            return null;
        }, () -> {
            String made = duplicator.duplicate(vm, kind, name, sr, ignored);
            vms.refreshAllowedOperations(made);
            if (kind == Kind.SNAPSHOT) {
                VmAlerts.snapshotted(store, vm, name);
            }
            return made;
        });
        return copy;
    }

    private String revert(CallContext ctx, String snapshot) throws XapiException {
        XapiException notSnapshot = vms.check(snapshot, "revert");
        if (notSnapshot != null) {
            // Refused on the snapshot itself before any VM is looked for or made.
            throw notSnapshot;
        }
        String vm = Locked.call(store, () -> reverter.vmOf(snapshot));
        guard.run(ctx, List.of(new Claim(snapshot, "revert"), new Claim(vm, "reverting")), () -> {
            reverter.requireSpace(snapshot);
            return null;
        }, () -> {
            reverter.revert(snapshot, vm);
            VmAlerts.reverted(store, vm, snapshot);
            return null;
        });
        return "";
    }

    private String provision(CallContext ctx, String vm) throws XapiException {
        // The guard recomputes allowed_operations when it releases the VM (no longer a template then).
        guard.run(ctx, List.of(new Claim(vm, "provision")), () -> provisioner.plan(vm), () -> {
            provisioner.provision(vm, provisioner.plan(vm));
            return null;
        });
        return "";
    }

    private String destroy(CallContext ctx, String vm) throws XapiException {
        guard.run(ctx, List.of(new Claim(vm, "destroy")), () -> null, () -> {
            // As xapi: the VM's children hang from its parent now; its disks stay, its devices go.
            String parent = store.getString(vm, "parent");
            for (Object child : store.getList(vm, "children")) {
                store.set((String) child, "parent", parent);
            }
            for (String field : List.of("VBDs", "VIFs", "consoles")) {
                for (Object device : store.getList(vm, field)) {
                    store.destroy((String) device);
                }
            }
            for (String field : List.of("metrics", "guest_metrics")) {
                String owned = store.getString(vm, field);
                if (store.exists(owned)) {
                    store.destroy(owned);
                }
            }
            store.destroy(vm);
            return null;
        });
        return "";
    }

    private String poolMigrate(CallContext ctx, String vm, String host) throws XapiException {
        guard.run(ctx, List.of(new Claim(vm, "pool_migrate")), () -> {
            migration.requireCanRunOn(vm, host);
            return null;
        }, () -> {
            String from = store.getString(vm, "resident_on");
            migration.move(vm, host);
            VmAlerts.migrated(store, vm, from, host);
            return null;
        });
        return "";
    }

    /**
     * host.evacuate: every running guest on {@code host} moves to another enabled server that can run it
     * (the first with room, in name order); if one cannot go anywhere nothing moves, and the error is why
     * that VM cannot (VM_REQUIRES_SR for a disk on the server's local storage, HOST_DISABLED when every
     * other server is disabled, HOST_NOT_ENOUGH_FREE_MEMORY, or NO_HOSTS_AVAILABLE with no other server).
     * Maintenance mode is host.disable then host.evacuate, as XenCenter does it.
     */
    private String evacuate(String host) throws XapiException {
        return Locked.call(store, () -> {
            java.util.Map<String, String> plan = new java.util.LinkedHashMap<>();
            java.util.Map<String, Long> planned = new java.util.HashMap<>();
            for (Object r : store.getList(host, "resident_VMs")) {
                String vm = (String) r;
                if (Boolean.TRUE.equals(store.get(vm, "is_control_domain"))) {
                    continue;
                }
                String target = null;
                XapiException reason = null;
                for (String other : store.refs("host").stream()
                        .sorted(java.util.Comparator.comparing(h -> store.getString(h, "name_label"))).toList()) {
                    if (other.equals(host)) {
                        continue;
                    }
                    try {
                        migration.requireCanRunOn(vm, other);
                    } catch (XapiException cannot) {
                        reason = cannot;
                        continue;
                    }
                    long need = ((Number) store.get(vm, "memory_dynamic_max")).longValue() + planned.getOrDefault(other, 0L);
                    String metrics = store.getString(other, "metrics");
                    long free = store.isA(metrics, "host_metrics") ? ((Number) store.get(metrics, "memory_free")).longValue() : 0;
                    if (need <= free) {
                        target = other;
                        planned.merge(other, ((Number) store.get(vm, "memory_dynamic_max")).longValue(), Long::sum);
                        break;
                    }
                }
                if (target == null) {
                    // as xapi does, the first VM that cannot move says why (its local disk, its network...)
                    throw reason != null ? reason : Errors.of("NO_HOSTS_AVAILABLE");
                }
                plan.put(vm, target);
            }
            plan.forEach((vm, target) -> {
                migration.move(vm, target);
                VmAlerts.migrated(store, vm, host, target);
            });
            return "";
        });
    }

    private static String requireVm(ObjectStore store, List<Object> args, int i) throws XapiException {
        String vm = Args.string(args, i);
        return Handles.require(store, "VM", vm);
    }
}
