package org.xapicenter.sim.rpc;

import java.util.Set;

/** task.create, cancel, destroy and the setters xapi offers (the rest of task's messages are implicit). */
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
        d.register(new MethodSpec("task.set_status", Set.of(3), true, false, (ctx, a) -> {
            tasks.setStatus(Args.string(a, 0), Args.string(a, 1));
            return "";
        }));
        d.register(new MethodSpec("task.set_error_info", Set.of(3), true, false, (ctx, a) -> {
            java.util.List<String> info = new java.util.ArrayList<>();
            for (Object o : Args.strings(a, 1, "value")) {
                info.add(String.valueOf(o));
            }
            tasks.setField(Args.string(a, 0), "error_info", java.util.List.copyOf(info));
            return "";
        }));
        d.register(new MethodSpec("task.set_result", Set.of(3), true, false, (ctx, a) -> {
            tasks.setField(Args.string(a, 0), "result", Args.string(a, 1));
            return "";
        }));
        d.register(new MethodSpec("task.set_progress", Set.of(3), true, false, (ctx, a) -> {
            tasks.setField(Args.string(a, 0), "progress", Math.max(0.0, Math.min(1.0, Args.number(a, 1, "value"))));
            return "";
        }));
    }
}
