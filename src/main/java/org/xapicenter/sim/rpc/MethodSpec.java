package org.xapicenter.sim.rpc;

import java.util.Set;

/**
 * A registered message: its canonical name ({@code VM.start}), the argument counts it accepts
 * (session included when {@code needsSession}), whether it runs long enough to carry a task and
 * show in {@code current_operations}, and its body.
 */
public record MethodSpec(String name, Set<Integer> arities, boolean needsSession, boolean longRunning,
                         RpcMethod body) {
}
