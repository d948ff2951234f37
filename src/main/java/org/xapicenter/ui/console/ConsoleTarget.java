package org.xapicenter.ui.console;

import java.util.Optional;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.connect.PoolLink;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.Console;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;

/**
 * The console a selected object has now, read from the cache: a VM's own RFB console, or for a
 * server its control domain's. xapi replaces the console record when the domain restarts, so the
 * ref tells a reboot apart from the same boot.
 *
 * @param link the connection that opens it
 * @param vmRef the VM (for a server, its control domain)
 * @param console the console record with protocol {@code rfb}
 * @param name what the status line calls it
 */
record ConsoleTarget(PoolLink link, String vmRef, Console console, String name) {

    /** Why there is nothing to show, in words for the empty state. */
    record Unavailable(String title, String text) {
    }

    static final Unavailable NOT_RUNNING = new Unavailable("The VM is not running",
            "Start the VM to see its console here; it connects as soon as the VM runs.");
    static final Unavailable NO_CONSOLE = new Unavailable("No console yet",
            "The VM runs but has no graphical console; this tab connects when one appears.");
    static final Unavailable NOT_A_CONSOLE = new Unavailable("No console",
            "Consoles belong to VMs and servers. Select one on the left.");

    static boolean hasConsoleTab(NavNode node) {
        return node != null && (node.kind() == NavKind.VM || node.kind() == NavKind.HOST);
    }

    /** The console of {@code node}, or why there is none. */
    static Result resolve(NavNode node) {
        if (!hasConsoleTab(node) || node.ref() == null) {
            return new Result(null, NOT_A_CONSOLE);
        }
        ObjectCache cache = node.connection().link().cache();
        Vm vm = node.kind() == NavKind.HOST ? controlDomain(cache, node.ref())
                : cache.get(node.ref(), Vm.class).orElse(null);
        if (vm == null) {
            return new Result(null, node.kind() == NavKind.HOST
                    ? new Unavailable("No console yet", "The server's control domain is not known yet.")
                    : NOT_RUNNING);
        }
        if (vm.powerState() != PowerState.RUNNING && vm.powerState() != PowerState.PAUSED) {
            return new Result(null, NOT_RUNNING);
        }
        for (String ref : vm.consoles()) {
            Optional<Console> c = cache.get(ref, Console.class);
            if (c.isPresent() && "rfb".equalsIgnoreCase(c.get().protocol()) && c.get().location() != null
                    && !c.get().location().isBlank()) {
                String name = node.kind() == NavKind.HOST ? node.name() : vm.nameLabel();
                return new Result(new ConsoleTarget(node.connection().link(), vm.ref(), c.get(), name), null);
            }
        }
        return new Result(null, NO_CONSOLE);
    }

    private static Vm controlDomain(ObjectCache cache, String hostRef) {
        if (cache.get(hostRef, Host.class).isEmpty()) {
            return null;
        }
        for (Vm vm : cache.all(Vm.class)) {
            if (vm.isControlDomain() && hostRef.equals(vm.residentOn())) {
                return vm;
            }
        }
        return null;
    }

    /** The host named in the location, for "Connecting to ...". */
    String host() {
        try {
            String h = java.net.URI.create(console.location()).getHost();
            return h == null ? console.location() : h;
        } catch (IllegalArgumentException e) {
            return console.location();
        }
    }

    /** Exactly one of {@code target} and {@code unavailable} is set. */
    record Result(ConsoleTarget target, Unavailable unavailable) {
    }
}
