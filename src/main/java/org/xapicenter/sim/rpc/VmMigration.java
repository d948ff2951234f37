package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * VM.pool_migrate: a running VM moves to another host of the pool. The destination must be able to run it
 * (xapi's assert_can_boot_here, in its order): live, enabled, attached to every SR holding the VM's disks,
 * on every network of its VIFs, with the memory. Migrating to the host the VM is on is a local live
 * migration, which xapi allows (a new domain on the same host). Called under the store lock.
 */
final class VmMigration {
    private final ObjectStore store;
    private final VmLifecycle vms;

    VmMigration(ObjectStore store, VmLifecycle vms) {
        this.store = store;
        this.vms = vms;
    }

    void requireCanRunOn(String vm, String host) throws XapiException {
        boolean local = host.equals(store.getString(vm, "resident_on"));
        String metrics = store.getString(host, "metrics");
        if (store.isA(metrics, "host_metrics") && !Boolean.TRUE.equals(store.get(metrics, "live"))) {
            throw Errors.of("HOST_OFFLINE", host);
        }
        if (!local && !Boolean.TRUE.equals(store.get(host, "enabled"))) {
            throw Errors.of("HOST_DISABLED", host);
        }
        for (Object vbd : store.getList(vm, "VBDs")) {
            String vdi = store.getString((String) vbd, "VDI");
            if (store.isA(vdi, "VDI") && !attached(store.getString(vdi, "SR"), host)) {
                throw Errors.of("VM_REQUIRES_SR", vm, store.getString(vdi, "SR"));
            }
        }
        for (Object vif : store.getList(vm, "VIFs")) {
            String network = store.getString((String) vif, "network");
            if (store.isA(network, "network") && !reaches(network, host)) {
                throw Errors.of("VM_REQUIRES_NET", vm, network);
            }
        }
        long needed = ((Number) store.get(vm, "memory_dynamic_max")).longValue();
        long available = store.isA(metrics, "host_metrics") ? ((Number) store.get(metrics, "memory_free")).longValue() : 0;
        if (!local && needed > available) {
            throw Errors.of("HOST_NOT_ENOUGH_FREE_MEMORY", Long.toString(needed), Long.toString(available));
        }
    }

    /** The VM now runs on {@code host} in a new domain; its consoles are served there. */
    void move(String vm, String host) {
        String from = store.getString(vm, "resident_on");
        store.update(vm, Map.of("resident_on", host, "domid", vms.allocateDomid()));
        String address = store.getString(host, "address");
        for (Object console : store.getList(vm, "consoles")) {
            String c = (String) console;
            vms.consoleLocations().write(store, c, address);
        }
        String metrics = store.getString(vm, "metrics");
        if (store.isA(metrics, "VM_metrics")) {
            store.set(metrics, "last_updated", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        vms.refreshHostMemory(from);
        vms.refreshHostMemory(host);
    }

    /** Whether {@code host} has a plugged PBD for {@code sr}. */
    private boolean attached(String sr, String host) {
        for (Object pbd : store.getList(sr, "PBDs")) {
            if (host.equals(store.get((String) pbd, "host"))
                    && Boolean.TRUE.equals(store.get((String) pbd, "currently_attached"))) {
                return true;
            }
        }
        return false;
    }

    /** A network with PIFs reaches only the hosts that have one; a PIF-less (private) network is everywhere. */
    private boolean reaches(String network, String host) {
        var pifs = store.getList(network, "PIFs");
        if (pifs.isEmpty()) {
            return true;
        }
        for (Object pif : pifs) {
            if (host.equals(store.get((String) pif, "host"))) {
                return true;
            }
        }
        return false;
    }
}
