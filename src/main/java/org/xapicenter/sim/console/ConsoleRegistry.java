package org.xapicenter.sim.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The built-in consoles of the pool's running domains, made on first use (a pool of 10,000 VMs costs
 * nothing until someone opens a console). A console belongs to one domain: when its VM stops,
 * reboots (a new domid) or moves, the old console closes its viewers and the next opening starts a
 * fresh boot log.
 */
public final class ConsoleRegistry implements AutoCloseable {
    private final ObjectStore store;
    private final Map<String, VmConsole> consoles = new ConcurrentHashMap<>();
    private volatile ScheduledThreadPoolExecutor timer;

    public ConsoleRegistry(ObjectStore store) {
        this.store = store;
    }

    /** The console of the running VM {@code vm}, created (its boot log started) if it has none yet. */
    public VmConsole open(String vm) {
        long domid = domid(vm);
        synchronized (consoles) {
            VmConsole existing = consoles.get(vm);
            if (existing != null && existing.domid() == domid && !existing.isClosed()) {
                return existing;
            }
            if (existing != null) {
                existing.close();
            }
            GuestProfile guest = GuestProfile.of(store, vm);
            VmConsole console = new VmConsole(vm, domid, guest, timer());
            consoles.put(vm, console);
            console.boot(Math.max(0, Duration.between(guest.bootedAt(), Instant.now()).toMillis()));
            return console;
        }
    }

    /** The console already made for {@code vm}, if any (tests look at its screen). */
    public Optional<VmConsole> existing(String vm) {
        return Optional.ofNullable(consoles.get(vm));
    }

    /** Whether {@code console}'s domain still runs; closes it (and its viewers) when not. */
    public boolean isLive(VmConsole console) {
        if (console.isClosed()) {
            return false;
        }
        boolean live;
        try {
            String power = store.exists(console.vm()) ? store.getString(console.vm(), "power_state") : "";
            // A paused domain keeps its VNC server; only a stopped or replaced one drops it.
            live = (power.equals("Running") || power.equals("Paused")) && domid(console.vm()) == console.domid();
        } catch (RuntimeException e) {
            live = false;
        }
        if (!live) {
            consoles.remove(console.vm(), console);
            console.close();
        }
        return live;
    }

    private long domid(String vm) {
        return store.get(vm, "domid") instanceof Number n ? n.longValue() : -1;
    }

    private ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (this) {
                if (timer == null) {
                    timer = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread th = new Thread(r, "xapi-sim-console-boot");
                        th.setDaemon(true);
                        return th;
                    });
                    timer.setRemoveOnCancelPolicy(true);
                }
                t = timer;
            }
        }
        return t;
    }

    @Override
    public void close() {
        synchronized (consoles) {
            consoles.values().forEach(VmConsole::close);
            consoles.clear();
        }
        ScheduledThreadPoolExecutor t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }
}
