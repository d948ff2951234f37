package org.xapicenter.sim.pool;

import java.util.List;
import java.util.Set;

import org.xapicenter.sim.rpc.Dispatcher;
import org.xapicenter.sim.rpc.MethodSpec;

/**
 * The pool-role messages every host answers the same way: {@code pool.designate_new_master},
 * {@code pool.recover_slaves}, and the coordinator's side of the host-local ones
 * ({@code session.slave_local_login_with_password}, {@code pool.emergency_transition_to_master}).
 * What a member answers differently lives in {@link HostEndpoint}.
 */
public final class CoordinatorMessages {
    private CoordinatorMessages() {
    }

    public static void register(Dispatcher d, PoolRoles roles) {
        d.register(new MethodSpec("pool.designate_new_master", Set.of(2), true, false, (ctx, a) -> {
            roles.designateNewMaster(String.valueOf(a.get(0)));
            return "";
        }));
        d.register(new MethodSpec("pool.recover_slaves", Set.of(1), true, false, (ctx, a) -> roles.recoverMembers()));
        // Called on the coordinator there is nothing to take over.
        d.register(new MethodSpec("pool.emergency_transition_to_master", Set.of(1), true, false, (ctx, a) -> ""));
        d.register(new MethodSpec("session.slave_local_login_with_password", Set.of(2), false, false,
                (ctx, a) -> d.call("session.login_with_password", List.of(a.get(0), a.get(1)))));
    }
}
