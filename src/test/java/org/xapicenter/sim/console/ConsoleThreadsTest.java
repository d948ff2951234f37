package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;

/** Consoles cost nothing until opened and leave nothing behind: no thread outlives its connection or the simulator. */
class ConsoleThreadsTest {

    /** Threads of earlier tests' simulators, which may still be winding down: not ours to count. */
    private final java.util.Set<Thread> earlier = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());

    private long consoleThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("xapi-sim-console") && !earlier.contains(t)).count();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void viewersThreadsEndWithTheirConnectionsAndTheSimulator() throws Exception {
        long before = 0;
        Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .loginFailureDelay(Duration.ofMillis(10)).build());
        List<Socket> viewers = new ArrayList<>();
        try {
            assertThat(consoleThreads()).as("no console threads before a console is opened").isEqualTo(before);
            String session = ConsoleHttp.login(sim);
            for (String c : sim.store().refs("console")) {
                if (viewers.size() < 3 && "rfb".equals(sim.store().getString(c, "protocol"))
                        && "Running".equals(sim.store().getString(sim.store().getString(c, "VM"), "power_state"))) {
                    Socket s = ConsoleHttp.plain(sim.httpUrl());
                    assertThat(ConsoleHttp.connect(s, ConsoleHttp.pathOf(sim.store().getString(c, "location")), session))
                            .isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
                    TestViewer.of(s).handshake(8);
                    viewers.add(s);
                }
            }
            waitFor("a reader and an updater per viewer", () -> consoleThreads() >= before + 6);
            viewers.remove(0).close();
            waitFor("the closed viewer's threads to end", () -> consoleThreads() <= before + 5);
        } finally {
            sim.close();
        }
        waitFor("every console thread to end with the simulator", () -> consoleThreads() == before);
        for (Socket s : viewers) {
            assertThat(s.getInputStream().read()).as("the simulator closed the viewer's connection").isEqualTo(-1);
            s.close();
        }
    }
}
