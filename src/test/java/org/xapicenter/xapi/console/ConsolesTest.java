package org.xapicenter.xapi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xapicenter.rfb.RfbOptions;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.console.ConsoleException.Reason;
import org.xapicenter.xapi.record.Console;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Records;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/** Finding the console to open, from the simulator's demo pool through a real session. */
class ConsolesTest {
    private static Simulator sim;
    private static XapiSession session;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).build());
        session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() {
        session.close();
        sim.close();
    }

    private static Vm guest(PowerState state) throws Exception {
        for (XapiRecord r : session.getAllRecords("VM").values()) {
            if (r instanceof Vm vm && vm.isGuest() && vm.powerState() == state) {
                return vm;
            }
        }
        throw new AssertionError("the demo pool has no " + state + " guest");
    }

    @Test
    void aRunningVmsRfbConsoleIsFoundWithItsLocation() throws Exception {
        Vm vm = guest(PowerState.RUNNING);
        Console c = Consoles.forVm(Consoles.records(session), vm.ref());
        assertThat(c.protocol()).isEqualTo("rfb");
        assertThat(c.vm()).isEqualTo(vm.ref());
        assertThat(c.location()).contains("/console?uuid=" + c.uuid());
    }

    @Test
    void aHaltedVmIsRefusedBeforeAnyConnection() throws Exception {
        Vm vm = guest(PowerState.HALTED);
        assertThatThrownBy(() -> Consoles.openVm(session, vm.ref()))
                .isInstanceOfSatisfying(ConsoleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.VM_NOT_RUNNING);
                    assertThat(e.params()).containsExactly(vm.ref(), "Halted");
                    assertThat(e.getMessage()).contains(vm.nameLabel()).contains("halted");
                });
    }

    @Test
    void aHostsConsoleIsItsControlDomainsRfbOneNotItsTextOne() throws Exception {
        XapiRecord any = session.getAllRecords("host").values().iterator().next();
        Host host = (Host) any;
        Console c = Consoles.forHost(Consoles.records(session), host.ref());
        assertThat(c.protocol()).isEqualTo("rfb");
        Vm dom0 = (Vm) session.getRecord("VM", c.vm());
        assertThat(dom0.isControlDomain()).isTrue();
        assertThat(dom0.residentOn()).isEqualTo(host.ref());
    }

    @Test
    void cachedRecordsWorkTooAndAHostWithoutControlDomainFieldFallsBackToItsResidentVms() throws Exception {
        // The shape of a cache lookup: records by ref, nothing asked of the server.
        Map<String, XapiRecord> cache = new HashMap<>();
        cache.put("OpaqueRef:h", Records.of("host", "OpaqueRef:h", Map.of("name_label", "old-host",
                "resident_VMs", List.of("OpaqueRef:g", "OpaqueRef:d"))));
        cache.put("OpaqueRef:g", Records.of("VM", "OpaqueRef:g", Map.of("power_state", "Running",
                "consoles", List.of("OpaqueRef:gc"))));
        cache.put("OpaqueRef:d", Records.of("VM", "OpaqueRef:d", Map.of("power_state", "Running",
                "is_control_domain", true, "consoles", List.of("OpaqueRef:t", "OpaqueRef:r"))));
        cache.put("OpaqueRef:t", Records.of("console", "OpaqueRef:t", Map.of("protocol", "vt100")));
        cache.put("OpaqueRef:r", Records.of("console", "OpaqueRef:r", Map.of("protocol", "rfb",
                "location", "https://10.0.0.1/console?uuid=r")));
        Consoles.RecordSource source = (cls, ref) -> cache.get(ref);
        assertThat(Consoles.forHost(source, "OpaqueRef:h").ref()).isEqualTo("OpaqueRef:r");
        // A running guest whose console record has not arrived yet: no RFB console, not a crash.
        assertThatThrownBy(() -> Consoles.forVm(source, "OpaqueRef:g"))
                .isInstanceOfSatisfying(ConsoleException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_RFB_CONSOLE));
        assertThatThrownBy(() -> Consoles.forVm(source, "OpaqueRef:gone"))
                .isInstanceOfSatisfying(ConsoleException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_RFB_CONSOLE));
    }

    @Test
    void theSimulatorsBuiltInConsoleOpensAndPaintsAWholeFrameThroughTheTunnel() throws Exception {
        Vm vm = guest(PowerState.RUNNING);
        ConsoleSnapshotCommand.Frame frame = ConsoleSnapshotCommand.firstFrame(Consoles.openVm(session, vm.ref()),
                RfbOptions.defaults(), Duration.ofSeconds(60));
        var s = frame.snapshot();
        assertThat(s.width()).isPositive();
        assertThat(s.height()).isPositive();
        // A text console: more than one colour on screen (text over a background), not a black frame.
        assertThat(java.util.Arrays.stream(s.argb()).distinct().count()).isGreaterThan(1);
    }

    @Test
    void theSimulatorRefusesAForgottenSessionAndAnUnknownConsoleWithTheirReasons() throws Exception {
        Console c = Consoles.forVm(Consoles.records(session), guest(PowerState.RUNNING).ref());
        assertThatThrownBy(() -> ConsoleTunnel.open(session.settings(), "OpaqueRef:not-a-session", c))
                .isInstanceOfSatisfying(ConsoleException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_INVALID));
        String elsewhere = c.location().replaceFirst("uuid=[^&]*", "uuid=00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(() -> ConsoleTunnel.open(session.settings(), session.ref(), elsewhere))
                .isInstanceOfSatisfying(ConsoleException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ON_THIS_HOST));
    }

    @Test
    void aSessionTheServerForgotIsRenewedOnceAndTheConsoleOpens() throws Exception {
        try (XapiSession own = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            Console c = Consoles.forVm(Consoles.records(own), guest(PowerState.RUNNING).ref());
            String old = own.ref();
            own.call("session.logout"); // the server forgets it; the client still holds the ref
            try (java.net.Socket s = ConsoleTunnel.open(own, c)) {
                assertThat(own.ref()).isNotEqualTo(old);
                assertThat(new String(s.getInputStream().readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("RFB ");
            }
        }
    }

    private static ConsoleException http500(String host) {
        return new ConsoleException(Reason.HTTP_ERROR, "generic", List.of(host, "500", "Internal Error"));
    }

    @Test
    void a500IsExplainedFromTheVmRecordNow() throws Exception {
        Vm halted = guest(PowerState.HALTED);
        ConsoleException e = Consoles.explain(Consoles.records(session),
                new Console("OpaqueRef:gone", Map.of("VM", halted.ref())), http500("127.0.0.1"));
        assertThat(e.reason()).isEqualTo(Reason.VM_NOT_RUNNING);
        assertThat(e.getMessage()).contains("halted");

        Vm running = guest(PowerState.RUNNING);
        Host home = (Host) session.getRecord("host", running.residentOn());
        Console c = Consoles.forVm(Consoles.records(session), running.ref());
        ConsoleException elsewhere = Consoles.explain(Consoles.records(session), c, http500("198.51.100.7"));
        assertThat(elsewhere.reason()).isEqualTo(Reason.NOT_ON_THIS_HOST);
        assertThat(elsewhere.getMessage()).contains(home.address()).contains("198.51.100.7");

        // On the right host and running: nothing better to say than the host's own 500.
        ConsoleException same = http500(home.address());
        assertThat(Consoles.explain(Consoles.records(session), c, same)).isSameAs(same);
        ConsoleException other = new ConsoleException(Reason.FORBIDDEN, "no", List.of("h", "403", ""));
        assertThat(Consoles.explain(Consoles.records(session), c, other)).isSameAs(other);
    }
}
