package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;

/** With every host on its own address, a console is served only by the host its VM runs on. */
class PoolMembersConsoleTest {
    private static Simulator sim;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().poolMembers(true).operationDuration(Duration.ofMillis(50))
                .loginFailureDelay(Duration.ofMillis(10)).build());
        session = ConsoleHttp.login(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void theResidentHostServesTheConsoleAndAnotherHostRefusesItAsXapiDoes() throws Exception {
        String coordinator = sim.hostUrls().keySet().iterator().next();
        String vm = null;
        for (String v : sim.store().refs("VM")) {
            if (!Boolean.TRUE.equals(sim.store().get(v, "is_control_domain"))
                    && "Running".equals(sim.store().getString(v, "power_state"))
                    && !coordinator.equals(sim.store().getString(v, "resident_on"))) {
                vm = v;
                break;
            }
        }
        assertThat(vm).as("a VM running on a member").isNotNull();
        String host = sim.store().getString(vm, "resident_on");
        String console = (String) sim.store().getList(vm, "consoles").get(0);
        String location = sim.store().getString(console, "location");
        URI resident = sim.hostUrl(host);
        assertThat(URI.create(location).getHost()).isEqualTo(resident.getHost()).isNotEqualTo("127.0.0.1");

        try (Socket s = ConsoleHttp.plain(resident)) {
            assertThat(ConsoleHttp.connect(s, ConsoleHttp.pathOf(location), session)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
        }
        try (Socket s = ConsoleHttp.plain(sim.hostUrl(coordinator))) {
            assertThat(ConsoleHttp.connect(s, ConsoleHttp.pathOf(location), session)).startsWith("HTTP/1.1 500 ");
        }
    }
}
