package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;

/**
 * Registers every explicit message of the simulator. Each family lives in its own class; a later
 * feature (VM.clone, VBD.plug, /import tasks...) adds a class and a line here.
 */
public final class StandardMessages {
    private StandardMessages() {
    }

    public static void registerAll(Dispatcher d, ObjectStore store, SessionManager sessions, EventService events,
                                   TaskManager tasks, VmLifecycle vms) {
        d.afterImplicitWrite((cls, ref) -> {
            // blocked_operations, is_a_template... change what a VM allows.
            if (cls.name().equals("VM")) {
                vms.refreshAllowedOperations(ref);
            }
        });
        d.register(new MethodSpec("system.listMethods", Set.of(0), false, false, (ctx, a) -> d.listMethods()));
        d.register(new MethodSpec("session.login_with_password", Set.of(2, 3, 4), false, false,
                (ctx, a) -> sessions.login(Args.string(a, 0), Args.string(a, 1), a.size() > 3 ? Args.string(a, 3) : "")));
        d.register(new MethodSpec("session.logout", Set.of(1), false, false, (ctx, a) -> {
            sessions.logout(Args.string(a, 0));
            return "";
        }));
        d.register(new MethodSpec("host.get_servertime", Set.of(2), true, false,
                (ctx, a) -> Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        d.register(new MethodSpec("host.get_server_localtime", Set.of(2), true, false,
                (ctx, a) -> Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        EventMessages.register(d, events, store);
        TaskMessages.register(d, tasks);
        MessageMessages.register(d, store);
        VmPowerMessages.register(d, vms);
        VmOperations.register(d, store, vms);
        VmSettings.register(d, store, vms);
        StorageOperations.register(d, store);
        NetworkOperations.register(d, store);
    }
}
