package org.xapicenter.sim.rrd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.xapicenter.sim.store.ObjectStore;

/**
 * The simulator's performance data, shared by every host's {@code /rrd_updates}, {@code /host_rrd} and
 * {@code /vm_rrd}: the pool's RRDs, their power history and the synthetic workload. Everything is computed
 * when asked; the only state is one {@link PowerHistory.Life} per VM.
 */
public final class RrdService {
    private final ObjectStore store;
    private final Workload workload;
    private final PowerHistory power;
    private final RrdObjects objects;
    private final LongSupplier clock;

    /** @param clock the time in seconds: the hosts' last RRD update is "now" */
    public RrdService(ObjectStore store, long seed, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
        this.workload = new Workload(seed);
        this.power = new PowerHistory(store, seed, clock.getAsLong());
        this.objects = new RrdObjects(store, power);
    }

    public static RrdService systemClock(ObjectStore store, long seed) {
        return new RrdService(store, seed, () -> System.currentTimeMillis() / 1000);
    }

    public ObjectStore store() {
        return store;
    }

    public Workload workload() {
        return workload;
    }

    public RrdObjects objects() {
        return objects;
    }

    public long now() {
        return clock.getAsLong();
    }

    /**
     * What {@code rrd_updates} on the hosts {@code hosts} answers: their own RRDs when {@code withHosts},
     * then the RRDs of the VMs running on them that {@code vms} asks for. With a few uuids asked for, only
     * those VMs are looked at, so a host graph ({@code vm_uuid=none}) on a 10,000-VM pool costs nothing per VM.
     */
    public Xport updates(List<String> hosts, boolean withHosts, VmFilter vms, long start, long interval) {
        power.sync();
        List<RrdObject> rrds = new ArrayList<>();
        if (withHosts) {
            for (String h : hosts) {
                RrdObject o = objects.host(h);
                if (o != null) {
                    rrds.add(o);
                }
            }
        }
        if (vms.every()) {
            for (String h : hosts) {
                for (String vm : objects.residentVms(h)) {
                    RrdObject o = objects.vm(vm);
                    if (o != null) {
                        rrds.add(o);
                    }
                }
            }
        } else {
            for (String vm : objects.runningVmsByUuid(vms.uuids(), hosts)) {
                RrdObject o = objects.vm(vm);
                if (o != null) {
                    rrds.add(o);
                }
            }
        }
        return Xport.of(rrds, start, interval, now());
    }

    /** The VM's RRD and the time of its last update, or null when it has none. */
    public Dump vmDump(String vm) {
        power.sync();
        RrdObject o = objects.vm(vm);
        return o == null ? null : new Dump(o, o.life().lastUpdate(now()));
    }

    /** The host's RRD, or null when {@code host} is no host. */
    public Dump hostDump(String host) {
        RrdObject o = objects.host(host);
        return o == null ? null : new Dump(o, now());
    }

    /** One RRD to dump whole. */
    public record Dump(RrdObject rrd, long lastUpdate) {
    }
}
