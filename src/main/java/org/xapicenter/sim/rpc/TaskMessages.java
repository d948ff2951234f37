package org.xapicenter.sim.rpc;

import java.util.Set;

/** task.create, task.cancel, task.destroy (the rest of task's messages are implicit). */
final class TaskMessages {
    private TaskMessages() {
    }

    static void register(Dispatcher d, TaskManager tasks) {
        d.register(new MethodSpec("task.create", Set.of(3), true, false,
                (ctx, a) -> tasks.create(Args.string(a, 0), Args.string(a, 1))));
        d.register(new MethodSpec("task.cancel", Set.of(2), true, false, (ctx, a) -> {
            tasks.cancel(Args.string(a, 0));
            return "";
        }));
        d.register(new MethodSpec("task.destroy", Set.of(2), true, false, (ctx, a) -> {
            tasks.destroy(Args.string(a, 0));
            return "";
        }));
    }
}
