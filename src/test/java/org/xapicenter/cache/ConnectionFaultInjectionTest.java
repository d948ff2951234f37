package org.xapicenter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.RpcTransport;
import org.xapicenter.xapi.XapiCenterVersion;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xapi.transport.Transports;

/**
 * A connection that loses its server, over and over: the simulator killed and started again behind a
 * relay on a fixed port (a host rebooting), the link going silent (a cable pulled), the session evicted,
 * the password changed. After each the cache must equal the server's state, ref for ref and field for
 * field, with no failure the client could have recovered from by itself.
 */
class ConnectionFaultInjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final char[] PASSWORD = SimulatorOptions.DEFAULT_PASSWORD.toCharArray();

    private SwitchableRelay relay;
    private Simulator sim;
    private PoolConnection connection;
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        relay = new SwitchableRelay();
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (sim != null) {
            sim.close();
        }
        relay.close();
    }

    private static SimulatorOptions options(long seed, String password) {
        return SimulatorOptions.builder().seed(seed).password(password).operationDuration(Duration.ofMillis(20))
                .loginFailureDelay(Duration.ZERO).build();
    }

    private void connect(PoolConnection.Tuning tuning) {
        connection = new PoolConnection(ConnectionSettings.of(relay.uri(), Protocol.JSON_RPC), "root", PASSWORD, tuning);
        connection.addStateListener(states::add);
        connection.start();
        waitFor("connected", () -> connection.state() == ConnectionState.CONNECTED);
    }

    @Test
    void twentyRestartsOfTheServerEachLeaveTheCacheEqualToTheServer() throws Exception {
        sim = Simulator.start(options(42, SimulatorOptions.DEFAULT_PASSWORD));
        relay.forwardTo(sim.httpUrl().getPort());
        connect(new PoolConnection.Tuning(2, Duration.ofMillis(50), Duration.ofMillis(200)));
        waitFor("the first fill matches", this::cacheEqualsServer);
        for (int round = 1; round <= 20; round++) {
            // the host goes away in the middle of the event loop's wait
            relay.cut();
            sim.close();
            // ...and comes back: every other round a different pool (new refs everywhere), changed while
            // nobody was connected: a VM renamed, one destroyed, one created
            sim = Simulator.start(options(round % 2 == 0 ? 42 : 1000 + round, SimulatorOptions.DEFAULT_PASSWORD));
            change(sim, round);
            states.clear();
            relay.forwardTo(sim.httpUrl().getPort());
            int r = round;
            waitFor("round " + r + ": connected and equal", () -> connection.state() == ConnectionState.CONNECTED
                    && cacheEqualsServer());
            assertThat(states).as("round " + round).doesNotContain(ConnectionState.FAILED);
        }
    }

    @Test
    void aSilentLinkIsFoundDeadByTheHeartbeatAndTheConnectionRecovers() throws Exception {
        sim = Simulator.start(options(42, SimulatorOptions.DEFAULT_PASSWORD));
        relay.forwardTo(sim.httpUrl().getPort());
        // The event loop would wait 30 s + 60 s for a silent link; the heartbeat notices within a second.
        connect(new PoolConnection.Tuning(30, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(300)));
        waitFor("a clock offset is measured", () -> connection.serverClockOffsetMillis().isPresent());
        // loopback, same clock: within the simulator's one-second resolution and a little scheduling
        assertThat(Math.abs(connection.serverClockOffsetMillis().getAsLong())).isLessThan(5_000);
        relay.silence();
        waitFor("the dead link is noticed", () -> connection.state() == ConnectionState.RECONNECTING);
        assertThat(connection.lastError()).isNotNull();
        relay.forwardTo(sim.httpUrl().getPort());
        waitFor("reconnected and equal", () -> connection.state() == ConnectionState.CONNECTED && cacheEqualsServer());
        assertThat(states).doesNotContain(ConnectionState.FAILED);
    }

    @Test
    void anEvictedSessionIsReplacedWithoutTheUserNoticing() throws Exception {
        sim = Simulator.start(options(42, SimulatorOptions.DEFAULT_PASSWORD));
        relay.forwardTo(sim.httpUrl().getPort());
        connect(new PoolConnection.Tuning(1, Duration.ofMillis(50), Duration.ofMillis(200)));
        String before = connection.session().ref();
        states.clear();
        // xapi keeps 500 sessions per originator and evicts the oldest: ours
        try (RpcTransport raw = Transports.open(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC))) {
            for (int i = 0; i < 501; i++) {
                raw.call("session.login_with_password", List.of("root", SimulatorOptions.DEFAULT_PASSWORD,
                        XapiSession.API_VERSION, XapiCenterVersion.originator()));
            }
        }
        rename(sim, "renamed after eviction");
        waitFor("the change arrives on a new session", () -> connection.cache().snapshot().stream()
                .anyMatch(r -> "renamed after eviction".equals(r.nameLabel())));
        assertThat(connection.session().ref()).isNotEqualTo(before);
        assertThat(states).as("never left connected").isEmpty();
        waitFor("equal", this::cacheEqualsServer);
    }

    @Test
    void aPasswordChangedOnTheServerStopsTheConnectionWithoutRetrying() throws Exception {
        sim = Simulator.start(options(42, SimulatorOptions.DEFAULT_PASSWORD));
        relay.forwardTo(sim.httpUrl().getPort());
        connect(new PoolConnection.Tuning(1, Duration.ofMillis(20), Duration.ofMillis(50)));
        relay.cut();
        sim.close();
        sim = Simulator.start(options(42, "a new password"));
        relay.forwardTo(sim.httpUrl().getPort());
        waitFor("refused", () -> connection.state() == ConnectionState.FAILED);
        assertThat(connection.passwordRefused()).isTrue();
        int attempts = relay.accepted();
        Thread.sleep(1000); // twenty back-off periods: a retry loop would have knocked by now
        assertThat(relay.accepted()).as("no login attempt after the refusal").isEqualTo(attempts);
    }

    /** A rename, a destroy and a create, made on the server before the client is back. */
    private static void change(Simulator s, int round) throws Exception {
        try (XapiSession admin = XapiSession.login(ConnectionSettings.of(s.httpUrl(), Protocol.XML_RPC), "root", PASSWORD)) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> vms = (Map<String, Map<String, Object>>) admin.call("VM.get_all_records");
            List<String> halted = new java.util.ArrayList<>();
            String template = null;
            for (Map.Entry<String, Map<String, Object>> e : vms.entrySet()) {
                Map<String, Object> v = e.getValue();
                boolean plain = !Boolean.TRUE.equals(v.get("is_a_template")) && !Boolean.TRUE.equals(v.get("is_control_domain"))
                        && !Boolean.TRUE.equals(v.get("is_a_snapshot"));
                if (plain && "Halted".equals(v.get("power_state"))) {
                    halted.add(e.getKey());
                }
                if (Boolean.TRUE.equals(v.get("is_a_template")) && template == null) {
                    template = e.getKey();
                }
            }
            assertThat(halted).hasSizeGreaterThan(1);
            admin.call("VM.set_name_label", halted.get(0), "round " + round + " renamed");
            admin.call("VM.destroy", halted.get(halted.size() - 1));
            admin.call("VM.clone", template, "round " + round + " new");
        }
    }

    private static void rename(Simulator s, String name) throws Exception {
        try (XapiSession admin = XapiSession.login(ConnectionSettings.of(s.httpUrl(), Protocol.XML_RPC), "root", PASSWORD)) {
            Object refs = admin.call("VM.get_by_name_label", "web-01");
            String ref = String.valueOf(((List<?>) refs).get(0));
            admin.call("VM.set_name_label", ref, name);
        }
    }

    /** The cache against a fresh event.from("") on the server: same refs, same classes, same fields. */
    private boolean cacheEqualsServer() {
        Map<String, XapiRecord> server = new HashMap<>();
        try (XapiSession probe = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC), "root", PASSWORD)) {
            EventDecoder.Reply reply = EventDecoder.decode(probe.callWithTimeout(60_000, "event.from", List.of("*"), "", 0.0));
            ObjectCache fresh = new ObjectCache();
            fresh.apply(reply.changes(), true);
            for (XapiRecord r : fresh.snapshot()) {
                server.put(r.ref(), r);
            }
        } catch (Exception e) {
            return false;
        }
        Map<String, XapiRecord> cached = new HashMap<>();
        for (XapiRecord r : connection.cache().snapshot()) {
            cached.put(r.ref(), r);
        }
        if (!cached.keySet().equals(server.keySet())) {
            return false;
        }
        for (Map.Entry<String, XapiRecord> e : server.entrySet()) {
            XapiRecord mine = cached.get(e.getKey());
            if (!mine.xapiClass().equals(e.getValue().xapiClass()) || !mine.fields().equals(e.getValue().fields())) {
                return false;
            }
        }
        return true;
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting: " + what);
            }
        }
    }
}
