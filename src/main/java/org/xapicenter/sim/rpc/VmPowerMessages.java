package org.xapicenter.sim.rpc;

import java.util.List;
import java.util.Set;

/** VM.start, VM.resume and the power operations without arguments, all long-running (tasks). */
final class VmPowerMessages {
    private static final List<String> WITHOUT_ARGUMENTS = List.of(
            "clean_shutdown", "hard_shutdown", "clean_reboot", "hard_reboot", "suspend", "pause", "unpause");

    private VmPowerMessages() {
    }

    static void register(Dispatcher d, VmLifecycle vms) {
        for (String op : List.of("start", "resume")) {
            d.register(new MethodSpec("VM." + op, Set.of(4), true, true, (ctx, a) -> {
                boolean paused = Args.bool(a, 1, "start_paused");
                Args.bool(a, 2, "force");
                vms.run(ctx, Args.string(a, 0), op, paused);
                return "";
            }));
        }
        for (String op : WITHOUT_ARGUMENTS) {
            d.register(new MethodSpec("VM." + op, Set.of(2), true, true, (ctx, a) -> {
                vms.run(ctx, Args.string(a, 0), op, false);
                return "";
            }));
        }
    }
}
