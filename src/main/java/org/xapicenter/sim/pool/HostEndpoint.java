package org.xapicenter.sim.pool;

import java.util.List;
import java.util.Locale;

import org.xapicenter.sim.rpc.Dispatcher;
import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.sim.rpc.RpcEndpoint;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * One host of the pool on the wire. The coordinator serves everything. A member refuses
 * {@code session.login_with_password} with {@code HOST_IS_SLAVE [coordinator address]}, as xapi
 * does, and serves calls made with a valid session (xapi forwards those to the coordinator). Every
 * host answers the host-local emergency messages for itself.
 */
public final class HostEndpoint implements RpcEndpoint {
    private final String host;
    private final PoolRoles roles;
    private final Dispatcher dispatcher;
    private final ObjectStore store;

    public HostEndpoint(String host, PoolRoles roles, Dispatcher dispatcher, ObjectStore store) {
        this.host = host;
        this.roles = roles;
        this.dispatcher = dispatcher;
        this.store = store;
    }

    public String host() {
        return host;
    }

    @Override
    public Object call(String method, List<Object> params) throws XapiException {
        if (is(method, "session.login_with_password") && !roles.isCoordinator(host)) {
            throw Errors.of("HOST_IS_SLAVE", roles.address(roles.coordinatorSeenBy(host)));
        }
        if (is(method, "session.slave_local_login_with_password")) {
            String session = (String) dispatcher.call("session.slave_local_login_with_password", params);
            store.set(session, "this_host", host);
            return session;
        }
        if (is(method, "pool.emergency_transition_to_master") && params.size() == 1) {
            requireSession(params);
            roles.emergencyTransitionToMaster(host);
            return "";
        }
        if (is(method, "pool.emergency_reset_master") && params.size() == 2) {
            requireSession(params);
            roles.emergencyResetMaster(host, String.valueOf(params.get(1)));
            return "";
        }
        return dispatcher.call(method, params);
    }

    private void requireSession(List<Object> params) throws XapiException {
        String session = String.valueOf(params.get(0));
        if (!store.isA(session, "session")) {
            throw Errors.sessionInvalid(session);
        }
    }

    /** Whether {@code method} names {@code dotted}, in either wire spelling ({@code a.b} or {@code a_b}). */
    private static boolean is(String method, String dotted) {
        String m = method.toLowerCase(Locale.ROOT);
        return m.equals(dotted) || m.equals(dotted.replace('.', '_'));
    }
}
