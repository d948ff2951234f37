package org.xapicenter.sim;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.xapicenter.sim.demo.DemoPool;
import org.xapicenter.sim.model.Datamodel;
import org.xapicenter.sim.pool.CoordinatorMessages;
import org.xapicenter.sim.pool.PoolRoles;
import org.xapicenter.sim.rpc.ConsoleLocations;
import org.xapicenter.sim.rpc.Dispatcher;
import org.xapicenter.sim.rpc.EventService;
import org.xapicenter.sim.rpc.Pacing;
import org.xapicenter.sim.rpc.SessionManager;
import org.xapicenter.sim.rpc.StandardMessages;
import org.xapicenter.sim.rpc.TaskManager;
import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.scale.ScaleMode;
import org.xapicenter.sim.store.ObjectStore;

/**
 * The simulator without its network: store, rules and dispatcher wired together. Tests drive it
 * in-process; {@link Simulator} puts it on the wire.
 */
public final class SimulatorCore implements AutoCloseable {
    private final ObjectStore store;
    private final Dispatcher dispatcher;
    private final ExecutorService workers;
    private final PoolRoles roles;
    private final ScaleMode scale;
    private final TaskManager tasks;
    private final VmLifecycle vms;

    public SimulatorCore(SimulatorOptions options) {
        this.store = new ObjectStore(Datamodel.standard(), options.seed());
        this.workers = Executors.newCachedThreadPool(daemonThreads("xapi-sim-worker"));
        Pacing pacing = new Pacing(options.operationDuration());
        SessionManager sessions = new SessionManager(store, options.user(), options.password(),
                options.loginFailureDelay());
        this.tasks = new TaskManager(store, pacing, workers);
        EventService events = new EventService(store, options.eventCoalesce());
        // One listener for the whole pool: consoles must name it, not the hosts' paper addresses.
        this.vms = new VmLifecycle(store, options.poolMembers() ? ConsoleLocations.perHost()
                : ConsoleLocations.sharedListener("127.0.0.1"));
        this.dispatcher = new Dispatcher(store, sessions, tasks);
        StandardMessages.registerAll(dispatcher, store, sessions, events, tasks, vms);
        this.roles = new PoolRoles(store, sessions, tasks);
        CoordinatorMessages.register(dispatcher, roles);
        this.scale = new ScaleMode(store, vms, options.seed(), options.scale());
        String master = scale.populate();
        if (master == null && options.demoPool()) {
            master = DemoPool.build(store, vms);
        }
        if (master != null) {
            sessions.setThisHost(master);
            tasks.setResidentHost(master);
        }
        scale.startChurn();
    }

    public ObjectStore store() {
        return store;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The pool's tasks, for HTTP handlers that report on them (/export, /import). */
    public TaskManager tasks() {
        return tasks;
    }

    /** The VM lifecycle rules, for HTTP handlers that must honour them. */
    public VmLifecycle vms() {
        return vms;
    }

    /** Who coordinates the pool, and the hand-overs between hosts. */
    public PoolRoles roles() {
        return roles;
    }

    /** Threads that run RPCs (long polls included) and background tasks, off the network threads. */
    public ExecutorService workers() {
        return workers;
    }

    /** Scale mode: the pool's generation, churn and saving. */
    public ScaleMode scale() {
        return scale;
    }

    @Override
    public void close() {
        scale.close();
        workers.shutdownNow();
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
