package org.xapicenter.ui.xva;

import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.testing.Vectors;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/** What the XVA window tests share: the simulator's demo pool, the real vector, the newest Events entry. */
public final class XvaFxSupport {
    private XvaFxSupport() {
    }

    static Simulator simulator() {
        return simulator(0);
    }

    /**
     * A simulator whose /export and /import move {@code bytesPerSecond} at most (0: no limit): a slow
     * transfer is surely still running when a test cancels it, however loaded the machine is.
     */
    static Simulator simulator(long bytesPerSecond) {
        return Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(Duration.ofMillis(500)).transferRate(bytesPerSecond).build());
    }

    static void connect(WindowFixture fx, Simulator simulator) throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        // Connected, not only listed: the Import wizard offers connected pools only.
        waitUntil("the demo pool is connected and in the tree", () -> fx.findItem("dev-sandbox") != null
                && fx.connections.all().stream().allMatch(c -> c.state() == org.xapicenter.cache.ConnectionState.CONNECTED));
    }

    /** The real XVA written by Xen Orchestra, from ../shared relative to the project. */
    public static Path vector() {
        return Vectors.xva("xo-written-5MiB.xva");
    }

    /** Gives every disk of VM {@code name} the virtual size {@code bytes} (a small one keeps a test fast). */
    public static void resizeDisks(Simulator simulator, String name, long bytes) {
        ObjectStore store = simulator.store();
        store.atomically(() -> {
            for (String vm : store.refs("VM")) {
                if (name.equals(store.getString(vm, "name_label"))) {
                    for (Object vbd : store.getList(vm, "VBDs")) {
                        String vdi = store.getString((String) vbd, "VDI");
                        if ("Disk".equals(store.getString((String) vbd, "type")) && store.exists(vdi)) {
                            store.set(vdi, "virtual_size", bytes);
                        }
                    }
                }
            }
        });
    }

    /**
     * True once {@code entry}'s upload has started and before it ends: bytes went out (the client may
     * have handed its whole file to the socket already; a paced simulator is then still reading them) or
     * the simulator reports progress on the task.
     */
    public static boolean serverReading(Simulator simulator, EventEntry entry) {
        String task = entry.taskRef();
        if (task == null || entry.status().finished()) {
            return false;
        }
        String detail = entry.detail();
        if (detail.startsWith("Uploading") && !detail.startsWith("Uploading 0 B")
                || detail.startsWith("The server is creating")) {
            return true;
        }
        Object p = simulator.store().exists(task) ? simulator.store().get(task, "progress") : null;
        return p instanceof Number n && n.doubleValue() > 0 && n.doubleValue() < 1;
    }

    /** The Events entry titled {@code prefix}..., once it is there. */
    static EventEntry entry(WindowFixture fx, String prefix) {
        waitUntil("an Events entry '" + prefix + "…' shows", () -> fx.window.events().entries().stream()
                .anyMatch(e -> e.title().startsWith(prefix)));
        EventEntry[] found = new EventEntry[1];
        waitUntil("found", () -> {
            found[0] = fx.window.events().entries().stream().filter(e -> e.title().startsWith(prefix)).findFirst()
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    static List<String> files(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
