package org.xapicenter.sim.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.xapicenter.sim.rpc.ConsoleLocations;
import org.xapicenter.sim.store.ObjectStore;

/**
 * Gives each host of the pool its own loopback address, as real hosts each have their own IP:
 * the coordinator 127.0.0.1, the members 127.0.0.2, 127.0.0.3... in pool order. Linux routes all
 * of 127.0.0.0/8 to the loopback interface, so each host can listen on the same port as the others.
 * Whatever names an address (host.address, the management PIF, console locations) is rewritten
 * to agree.
 */
public final class LoopbackAddresses {
    private LoopbackAddresses() {
    }

    /** The {@code index}-th loopback address: 0 is 127.0.0.1. */
    public static String of(int index) {
        int n = index + 1;
        if (n < 1 || n > 0xFFFFFE) {
            throw new IllegalArgumentException("no loopback address for host " + index);
        }
        return "127." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    /** The hosts in pool order, coordinator first, each with its new address written to the store. */
    public static List<String> assign(ObjectStore store, String coordinator) {
        List<String> hosts = new ArrayList<>();
        if (store.isA(coordinator, "host")) {
            hosts.add(coordinator);
        }
        for (String h : store.refs("host")) {
            if (!h.equals(coordinator)) {
                hosts.add(h);
            }
        }
        store.atomically(() -> {
            for (int i = 0; i < hosts.size(); i++) {
                readdress(store, hosts.get(i), of(i));
            }
        });
        return hosts;
    }

    /**
     * One listener serves the whole pool (the default mode): every host answers at {@code address}, so
     * every host's address and management IP say so, as console locations already do. Clients that talk
     * to a host by its address (performance data, consoles, transfers) then reach the listener.
     */
    public static void shareOne(ObjectStore store, String address) {
        store.atomically(() -> {
            for (String host : store.refs("host")) {
                store.set(host, "address", address);
            }
            for (String pif : store.refs("PIF")) {
                if (Boolean.TRUE.equals(store.get(pif, "management")) && store.isA(store.getString(pif, "host"), "host")) {
                    store.update(pif, Map.of("IP", address, "netmask", "255.0.0.0", "gateway", "", "DNS", ""));
                }
            }
        });
    }

    private static void readdress(ObjectStore store, String host, String address) {
        store.set(host, "address", address);
        for (String pif : store.refs("PIF")) {
            if (host.equals(store.getString(pif, "host")) && Boolean.TRUE.equals(store.get(pif, "management"))) {
                store.update(pif, Map.of("IP", address, "netmask", "255.0.0.0", "gateway", "", "DNS", ""));
            }
        }
        for (Object vm : store.getList(host, "resident_VMs")) {
            for (Object console : store.getList((String) vm, "consoles")) {
                String c = (String) console;
                store.set(c, "location", ConsoleLocations.url(address, store.getString(c, "uuid")));
            }
        }
    }
}
