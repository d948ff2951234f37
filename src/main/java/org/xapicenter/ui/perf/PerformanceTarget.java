package org.xapicenter.ui.perf;

import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * The object a Performance tab graphs, as the cache describes it now.
 *
 * @param connection whose metrics fetch it
 * @param vm true for a VM, false for a server
 * @param uuid the object's uuid (the key of its data sources)
 * @param name what the notes call it
 * @param power a VM's power state ({@link PowerState#RUNNING} for a server)
 * @param hostAddress the address of the host that has its live data: a server's own, a running VM's
 *     resident host's; null for a VM that runs nowhere (only its history is fetched)
 */
record PerformanceTarget(ConnectionModel connection, boolean vm, String uuid, String name, PowerState power,
        String hostAddress) {

    /** Whether this tab shows for the node at all. */
    static boolean applies(NavNode node) {
        return node != null && node.ref() != null && (node.kind() == NavKind.VM || node.kind() == NavKind.HOST);
    }

    /** The target behind {@code node}, or null when the cache does not know it (yet). */
    static PerformanceTarget resolve(NavNode node) {
        if (!applies(node)) {
            return null;
        }
        ObjectCache cache = node.connection().link().cache();
        if (node.kind() == NavKind.HOST) {
            Host host = cache.get(node.ref(), Host.class).orElse(null);
            if (host == null || host.uuid() == null) {
                return null;
            }
            return new PerformanceTarget(node.connection(), false, host.uuid(), host.nameLabel(), PowerState.RUNNING,
                    nullToEmpty(host.address()));
        }
        Vm vm = cache.get(node.ref(), Vm.class).orElse(null);
        if (vm == null || vm.uuid() == null) {
            return null;
        }
        String address = null;
        boolean live = vm.powerState() == PowerState.RUNNING || vm.powerState() == PowerState.PAUSED;
        if (live && vm.residentOn() != null && !XapiRecord.NULL_REF.equals(vm.residentOn())) {
            address = cache.get(vm.residentOn(), Host.class).map(h -> nullToEmpty(h.address())).orElse("");
        }
        return new PerformanceTarget(node.connection(), true, vm.uuid(), vm.nameLabel(), vm.powerState(), address);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The object type as data source legends name it. */
    String objectType() {
        return vm ? "vm" : "host";
    }

    /** A VM that produces no new data: its graphs show what its host archived. */
    boolean historyOnly() {
        return vm && hostAddress == null;
    }

    /** "web-01 is halted: showing its history", or null when the object has live data. */
    String historyNote() {
        if (!historyOnly()) {
            return null;
        }
        String state = switch (power) {
            case SUSPENDED -> "suspended";
            case HALTED -> "halted";
            default -> "not running";
        };
        return name + " is " + state + ": showing its history";
    }

    /** Two targets needing the same watch (same object, same host to fetch from). */
    boolean sameWatch(PerformanceTarget other) {
        return other != null && other.connection == connection && other.vm == vm && other.uuid.equals(uuid)
                && java.util.Objects.equals(other.hostAddress, hostAddress);
    }
}
