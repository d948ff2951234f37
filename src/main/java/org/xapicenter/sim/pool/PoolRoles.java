package org.xapicenter.sim.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.sim.rpc.Handles;
import org.xapicenter.sim.rpc.SessionManager;
import org.xapicenter.sim.rpc.TaskManager;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Who coordinates the pool, as each host sees it. {@code pool.master} is the truth the database
 * holds; each host also has its own idea of the coordinator, which is what a member names in
 * {@code HOST_IS_SLAVE}. The two part ways only after an emergency: a member promoted with
 * {@code pool.emergency_transition_to_master} is coordinator at once, while the other members keep
 * following the old one until {@code pool.recover_slaves} (or {@code pool.emergency_reset_master} on
 * each) tells them otherwise, as in xapi.
 *
 * <p>Sessions do not survive a change of coordinator: xapi keeps them only in the running
 * coordinator's memory (the session table is never persisted), so every client logs in again.
 */
public final class PoolRoles {
    // Role changes are serialised (synchronized): two hand-overs at once must not interleave.
    private static final String NULL = "OpaqueRef:NULL";

    private final ObjectStore store;
    private final SessionManager sessions;
    private final TaskManager tasks;
    /** host -> the coordinator it follows, when it differs from pool.master. */
    private final Map<String, String> follows = new ConcurrentHashMap<>();
    /** Hosts switched off (their listeners closed): they answer nothing. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    public PoolRoles(ObjectStore store, SessionManager sessions, TaskManager tasks) {
        this.store = store;
        this.sessions = sessions;
        this.tasks = tasks;
    }

    /** The coordinator the database names ({@code pool.master}), or OpaqueRef:NULL without a pool. */
    public String coordinator() {
        List<String> pools = store.refs("pool");
        return pools.isEmpty() ? NULL : store.getString(pools.get(0), "master");
    }

    /** The coordinator {@code host} believes in (itself when it is the coordinator). */
    public String coordinatorSeenBy(String host) {
        return follows.getOrDefault(host, coordinator());
    }

    /** Whether {@code host} acts as coordinator, i.e. accepts logins. */
    public boolean isCoordinator(String host) {
        return host.equals(coordinatorSeenBy(host));
    }

    /** The management address of a host, as HOST_IS_SLAVE reports it. */
    public String address(String host) {
        return store.isA(host, "host") ? store.getString(host, "address") : "";
    }

    public boolean isUp(String host) {
        return !down.contains(host);
    }

    /**
     * {@code pool.designate_new_master}: an orderly hand-over to a live host; every live host then
     * follows it. Designating the coordinator itself changes nothing.
     */
    public synchronized void designateNewMaster(String host) throws XapiException {
        requireHost(host);
        if (host.equals(coordinator())) {
            return;
        }
        requireUp(host);
        requireHaDisabled();
        becomeCoordinator(host);
        for (String h : store.refs("host")) {
            if (isUp(h)) {
                follows.remove(h);
            }
        }
    }

    /**
     * {@code pool.emergency_transition_to_master} run on {@code host}: it takes the role from the
     * database copy it holds, whoever else still thinks they coordinate.
     */
    public synchronized void emergencyTransitionToMaster(String host) throws XapiException {
        requireHost(host);
        requireHaDisabled();
        String old = coordinator();
        if (host.equals(old) && isCoordinator(host)) {
            return;
        }
        // The other hosts keep believing in the coordinator they knew until told otherwise.
        for (String h : store.refs("host")) {
            if (!h.equals(host)) {
                follows.putIfAbsent(h, coordinatorSeenBy(h));
            }
        }
        becomeCoordinator(host);
        follows.remove(host);
    }

    /** {@code pool.emergency_reset_master} run on {@code host}: follow the coordinator at {@code address}. */
    public synchronized void emergencyResetMaster(String host, String address) throws XapiException {
        requireHaDisabled();
        String target = hostAt(address);
        if (target == null) {
            throw Errors.of("HOST_CANNOT_RESOLVE_ADDRESS", address);
        }
        if (target.equals(coordinator())) {
            follows.remove(host);
        } else {
            follows.put(host, target);
        }
    }

    /** {@code pool.recover_slaves} on the coordinator: every live member follows it again; returns them. */
    public synchronized List<Object> recoverMembers() {
        String coordinator = coordinator();
        List<Object> recovered = new ArrayList<>();
        for (String h : store.refs("host")) {
            if (!h.equals(coordinator) && isUp(h) && follows.remove(h) != null) {
                recovered.add(h);
            }
        }
        return recovered;
    }

    /** The host is switched off: metrics say so, and designating it fails. */
    public synchronized void markDown(String host) {
        down.add(host);
        setLive(host, false);
    }

    /** The host is back: it follows the current coordinator, as a rebooted member does. */
    public synchronized void markUp(String host) {
        down.remove(host);
        follows.remove(host);
        setLive(host, true);
    }

    private void becomeCoordinator(String host) {
        store.atomically(() -> {
            for (String pool : store.refs("pool")) {
                store.set(pool, "master", host);
            }
        });
        sessions.setThisHost(host);
        tasks.setResidentHost(host);
        // The new coordinator starts with no sessions: clients log in again.
        for (String session : store.refs("session")) {
            sessions.logout(session);
        }
    }

    private void setLive(String host, boolean live) {
        if (store.isA(host, "host")) {
            String metrics = store.getString(host, "metrics");
            if (store.isA(metrics, "host_metrics")) {
                store.set(metrics, "live", live);
            }
        }
    }

    private String hostAt(String address) {
        for (String h : store.refs("host")) {
            if (address.equals(store.getString(h, "address"))) {
                return h;
            }
        }
        return null;
    }

    private void requireHost(String host) throws XapiException {
        Handles.require(store, "host", host);
    }

    private void requireUp(String host) throws XapiException {
        if (!isUp(host)) {
            throw Errors.of("HOST_OFFLINE", host);
        }
    }

    private void requireHaDisabled() throws XapiException {
        for (String pool : store.refs("pool")) {
            if (Boolean.TRUE.equals(store.get(pool, "ha_enabled"))) {
                throw Errors.of("HA_IS_ENABLED");
            }
        }
    }
}
