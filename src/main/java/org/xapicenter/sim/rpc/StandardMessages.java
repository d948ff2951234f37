package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/** The explicit messages of this slice: sessions, events, tasks, VM power operations, host time. */
public final class StandardMessages {
    private static final List<String> POWER_OPS_NO_ARGS = List.of(
            "clean_shutdown", "hard_shutdown", "clean_reboot", "hard_reboot", "suspend", "pause", "unpause");

    private StandardMessages() {
    }

    public static void registerAll(Dispatcher d, ObjectStore store, SessionManager sessions, EventService events,
                                   TaskManager tasks, VmLifecycle vms) {
        d.afterImplicitWrite((cls, ref) -> {
            if (cls.name().equals("VM")) {
                vms.refreshAllowedOperations(ref);
            }
        });
        d.register(new MethodSpec("session.login_with_password", Set.of(2, 3, 4), false, false,
                (ctx, a) -> sessions.login(str(a, 0), str(a, 1), a.size() > 3 ? str(a, 3) : "")));
        d.register(new MethodSpec("session.logout", Set.of(1), false, false, (ctx, a) -> {
            sessions.logout(str(a, 0));
            return "";
        }));
        d.register(new MethodSpec("system.listMethods", Set.of(0), false, false, (ctx, a) -> d.listMethods()));

        d.register(new MethodSpec("event.from", Set.of(4), true, false, (ctx, a) -> {
            try {
                return events.from(list(a.get(0)), str(a, 1), dbl(a.get(2)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Errors.of("INTERNAL_ERROR", "simulator shutting down");
            }
        }));
        d.register(new MethodSpec("event.inject", Set.of(3), true, false,
                (ctx, a) -> events.inject(str(a, 0), str(a, 1))));
        d.register(new MethodSpec("event.register", Set.of(2), true, false, (ctx, a) -> {
            events.register(ctx.session(), list(a.get(0)));
            return "";
        }));
        d.register(new MethodSpec("event.unregister", Set.of(2), true, false, (ctx, a) -> {
            events.unregister(ctx.session(), list(a.get(0)));
            return "";
        }));
        d.register(new MethodSpec("event.next", Set.of(1), true, false, (ctx, a) -> {
            try {
                return events.next(ctx.session());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Errors.of("INTERNAL_ERROR", "simulator shutting down");
            }
        }));
        d.register(new MethodSpec("event.get_current_id", Set.of(1), true, false,
                (ctx, a) -> store.generation()));

        d.register(new MethodSpec("task.create", Set.of(3), true, false,
                (ctx, a) -> tasks.create(str(a, 0), str(a, 1))));
        d.register(new MethodSpec("task.cancel", Set.of(2), true, false, (ctx, a) -> {
            tasks.cancel(str(a, 0));
            return "";
        }));
        d.register(new MethodSpec("task.destroy", Set.of(2), true, false, (ctx, a) -> {
            tasks.destroy(str(a, 0));
            return "";
        }));

        d.register(new MethodSpec("host.get_servertime", Set.of(2), true, false,
                (ctx, a) -> Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        d.register(new MethodSpec("host.get_server_localtime", Set.of(2), true, false,
                (ctx, a) -> Instant.now().truncatedTo(ChronoUnit.SECONDS)));

        MessageMessages.register(d, store);

        d.register(new MethodSpec("VM.start", Set.of(4), true, true, (ctx, a) -> {
            vms.run(ctx, str(a, 0), "start", bool(a.get(1)));
            return "";
        }));
        d.register(new MethodSpec("VM.resume", Set.of(4), true, true, (ctx, a) -> {
            vms.run(ctx, str(a, 0), "resume", bool(a.get(1)));
            return "";
        }));
        for (String op : POWER_OPS_NO_ARGS) {
            d.register(new MethodSpec("VM." + op, Set.of(2), true, true, (ctx, a) -> {
                vms.run(ctx, str(a, 0), op, false);
                return "";
            }));
        }
    }

    private static String str(List<Object> a, int i) {
        Object o = a.get(i);
        return o == null ? "" : String.valueOf(o);
    }

    private static List<Object> list(Object o) throws XapiException {
        try {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) new FieldType.SetOf(new FieldType.Primitive(FieldType.Kind.STRING)).coerce(o);
            return l;
        } catch (IllegalArgumentException e) {
            throw Errors.fieldTypeError("classes");
        }
    }

    private static double dbl(Object o) throws XapiException {
        try {
            return (Double) new FieldType.Primitive(FieldType.Kind.FLOAT).coerce(o);
        } catch (IllegalArgumentException e) {
            throw Errors.fieldTypeError("timeout");
        }
    }

    private static boolean bool(Object o) throws XapiException {
        try {
            return (Boolean) new FieldType.Primitive(FieldType.Kind.BOOL).coerce(o);
        } catch (IllegalArgumentException e) {
            throw Errors.fieldTypeError("start_paused");
        }
    }
}
