package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.xapicenter.rfb.Keys;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;

/** CONNECT /console on the demo pool, over HTTP and HTTPS, with the answers xapi gives. */
class ConsoleRouteTest {
    private static Simulator sim;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(0)
                .operationDuration(Duration.ofMillis(50)).loginFailureDelay(Duration.ofMillis(10)).build());
        session = ConsoleHttp.login(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ObjectStore store() {
        return sim.store();
    }

    private static String runningVm(String exceptName) {
        for (String vm : store().refs("VM")) {
            if (!Boolean.TRUE.equals(store().get(vm, "is_control_domain")) && !Boolean.TRUE.equals(store().get(vm, "is_a_template"))
                    && !Boolean.TRUE.equals(store().get(vm, "is_a_snapshot"))
                    && "Running".equals(store().getString(vm, "power_state"))
                    && !store().getList(vm, "consoles").isEmpty()
                    && !store().getString(vm, "name_label").equals(exceptName)) {
                return vm;
            }
        }
        throw new IllegalStateException("the demo pool has no running VM");
    }

    private static String location(String vm) {
        for (Object c : store().getList(vm, "consoles")) {
            if ("rfb".equals(store().getString((String) c, "protocol"))) {
                return store().getString((String) c, "location");
            }
        }
        throw new IllegalStateException("no rfb console");
    }

    private static ConsoleRegistry registry() {
        return ((BuiltInConsoles) sim.consoleBackend()).registry();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void consolesOfTheSingleListenerPoolNameItsAddress() {
        for (String c : store().refs("console")) {
            assertThat(store().getString(c, "location")).startsWith("https://127.0.0.1/console?uuid=");
        }
    }

    @Test
    void connectOverHttpWithTheCookieCarriesRfbAndTypingShowsUp() throws Exception {
        String vm = runningVm("");
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            String header = ConsoleHttp.connect(s, ConsoleHttp.pathOf(location(vm)), session);
            assertThat(header).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            TestViewer v = TestViewer.of(s);
            v.handshake(8);
            assertThat(v.name).isEqualTo(store().getString(vm, "name_label"));
            VmConsole console = registry().existing(vm).orElseThrow();
            waitFor("the login prompt", console::isBooted);
            v.setEncodings(16, 5, 1, 0, -258);
            v.request(false);
            v.readUpdate();
            for (char c : "root".toCharArray()) {
                v.key(c, true);
                v.key(c, false);
            }
            v.key(Keys.RETURN, true);
            waitFor("the password prompt", () -> console.screen().text().contains("login: root\nPassword:"));
            v.close();
            waitFor("the viewer to leave", () -> console.viewerCount() == 0);
        }
    }

    @Test
    void connectOverHttpsWithTheQueryParameterCarriesRfb() throws Exception {
        String vm = runningVm("");
        URI https = sim.httpsUrl();
        try (Socket s = ConsoleHttp.tls(https, sim.certificate())) {
            String header = ConsoleHttp.connect(s, ConsoleHttp.pathOf(location(vm)) + "&session_id=" + session, null);
            assertThat(header).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            byte[] version = s.getInputStream().readNBytes(12);
            assertThat(new String(version, StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
        }
    }

    @Test
    void noOrAnInvalidSessionIs401() throws Exception {
        String path = ConsoleHttp.pathOf(location(runningVm("")));
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, path, null)).startsWith("HTTP/1.1 401 ");
        }
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, path, "OpaqueRef:00000000-0000-0000-0000-000000000000"))
                    .startsWith("HTTP/1.1 401 ");
        }
        try (Socket s = ConsoleHttp.tls(sim.httpsUrl(), sim.certificate())) {
            assertThat(ConsoleHttp.connect(s, path + "&session_id=OpaqueRef:nonsense", null)).startsWith("HTTP/1.1 401 ");
        }
    }

    @Test
    void anUnknownConsoleIs404AndAVmRefMeansItsRfbConsole() throws Exception {
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, "/console?uuid=6c0f9a3e-0000-4000-8000-000000000000", session))
                    .startsWith("HTTP/1.1 404 ");
        }
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, "/console", session)).startsWith("HTTP/1.1 404 ");
        }
        String vm = runningVm("");
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, "/console?ref=" + vm, session)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
        }
    }

    @Test
    void aVmThatIsNotRunningIsRefusedAsXapiDoes() throws Exception {
        String vm = runningVm("");
        String path = ConsoleHttp.pathOf(location(vm));
        assertThat(ConsoleHttp.call(sim, "VM.pause", session, vm)).contains("Success");
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            // xapi's check_vm_is_running_here fails the request with its generic 500.
            assertThat(ConsoleHttp.connect(s, path, session)).startsWith("HTTP/1.1 500 ");
        } finally {
            assertThat(ConsoleHttp.call(sim, "VM.unpause", session, vm)).contains("Success");
        }
    }

    @Test
    void aRebootDropsTheViewerAndTheNextConsoleBootsAfresh() throws Exception {
        String vm = runningVm("");
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, ConsoleHttp.pathOf(location(vm)), session)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            TestViewer v = TestViewer.of(s);
            v.handshake(8);
            VmConsole before = registry().existing(vm).orElseThrow();
            waitFor("the viewer to register", () -> before.viewerCount() == 1);
            assertThat(ConsoleHttp.call(sim, "VM.hard_reboot", session, vm)).contains("Success");
            assertThat(v.closedByServer()).isTrue();
            assertThat(before.isClosed()).isTrue();
        }
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, ConsoleHttp.pathOf(location(vm)), session)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            TestViewer v = TestViewer.of(s);
            v.handshake(8);
            VmConsole after = registry().existing(vm).orElseThrow();
            assertThat(after.screen().text()).contains("SeaBIOS");
            waitFor("the login prompt after the reboot", after::isBooted);
        }
    }

    @Test
    void theControlDomainsTextConsoleIsNotAGraphicalOne() throws Exception {
        for (String c : store().refs("console")) {
            if ("vt100".equals(store().getString(c, "protocol"))) {
                try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
                    assertThat(ConsoleHttp.connect(s, ConsoleHttp.pathOf(store().getString(c, "location")), session))
                            .startsWith("HTTP/1.1 404 ");
                }
                return;
            }
        }
        throw new AssertionError("the demo pool has no vt100 console");
    }
}
