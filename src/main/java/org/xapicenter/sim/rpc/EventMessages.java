package org.xapicenter.sim.rpc;

import java.util.Set;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/** event.from, event.inject, event.get_current_id and the legacy register/next/unregister. */
final class EventMessages {
    private EventMessages() {
    }

    static void register(Dispatcher d, EventService events, ObjectStore store) {
        d.register(new MethodSpec("event.from", Set.of(4), true, false, (ctx, a) -> interruptible(
                () -> events.from(ctx.session(), Args.strings(a, 0, "classes"), Args.string(a, 1), Args.number(a, 2, "timeout")))));
        d.register(new MethodSpec("event.inject", Set.of(3), true, false,
                (ctx, a) -> events.inject(Args.string(a, 0), Args.string(a, 1))));
        d.register(new MethodSpec("event.get_current_id", Set.of(1), true, false, (ctx, a) -> store.generation()));
        d.register(new MethodSpec("event.register", Set.of(2), true, false, (ctx, a) -> {
            events.register(ctx.session(), Args.strings(a, 0, "classes"));
            return "";
        }));
        d.register(new MethodSpec("event.unregister", Set.of(2), true, false, (ctx, a) -> {
            events.unregister(ctx.session(), Args.strings(a, 0, "classes"));
            return "";
        }));
        d.register(new MethodSpec("event.next", Set.of(1), true, false,
                (ctx, a) -> interruptible(() -> events.next(ctx.session()))));
    }

    private interface Blocking {
        Object call() throws XapiException, InterruptedException;
    }

    /** A long poll cut short by the simulator closing. */
    private static Object interruptible(Blocking call) throws XapiException {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.of("INTERNAL_ERROR", "simulator shutting down");
        }
    }
}
