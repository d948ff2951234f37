package org.xapicenter.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.cache.PoolConnection;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.RpcTransport;
import org.xapicenter.xapi.transport.Transports;
import org.xapicenter.xapi.Tasks;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.record.Vm;

/**
 * Our client against our simulator over real sockets on 127.0.0.1, for both transports: the whole
 * path a user action takes (login, cache fill from event.from, Async call, task events, errors).
 */
class ClientSimulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final char[] PASSWORD = SimulatorOptions.DEFAULT_PASSWORD.toCharArray();

    private Simulator sim;
    private PoolConnection connection;

    @BeforeEach
    void startSimulator() {
        sim = Simulator.start(SimulatorOptions.builder().operationDuration(Duration.ofMillis(300)).build());
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        sim.close();
    }

    private ConnectionSettings settings(Protocol protocol) {
        return ConnectionSettings.of(sim.httpUrl(), protocol);
    }

    private PoolConnection connect(Protocol protocol) {
        connection = new PoolConnection(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD,
                new PoolConnection.Tuning(5, Duration.ofMillis(100), Duration.ofMillis(500)));
        connection.start();
        waitFor(() -> connection.state() == ConnectionState.CONNECTED, "connected");
        return connection;
    }

    private Vm vmNamed(String state) {
        return connection.cache().all(Vm.class).stream()
                .filter(Vm::isGuest)
                .filter(v -> v.powerState() == PowerState.valueOf(state))
                .findFirst().orElseThrow(() -> new AssertionError("demo pool has no " + state + " VM"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void loginFillsTheWholeCacheFromOneEventFrom(Protocol protocol) {
        connect(protocol);

        assertThat(connection.cache().all(Pool.class)).hasSize(1);
        assertThat(connection.cache().all(Host.class)).hasSize(3);
        assertThat(connection.cache().all(Vm.class).stream().filter(Vm::isGuest).count()).isGreaterThanOrEqualTo(10);
        assertThat(connection.cache().all(Vm.class).stream().filter(Vm::isTemplate).count()).isGreaterThanOrEqualTo(12);
        assertThat(connection.cache().all("sr")).hasSizeGreaterThanOrEqualTo(5);
        // int64 values reach typed records as numbers whatever the transport carried them as.
        Vm running = vmNamed("RUNNING");
        assertThat(running.memoryStaticMax()).isPositive();
        assertThat(running.vcpusMax()).isPositive();
        assertThat(connection.cache().get(running.residentOn(), Host.class)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void asyncStartRunsATaskToSuccessAndTheCacheFollows(Protocol protocol) throws Exception {
        connect(protocol);
        Vm halted = vmNamed("HALTED");
        assertThat(halted.allowedOperations()).contains("start");

        String taskRef = connection.session().callAsync("VM.start", halted.ref(), false, false);

        waitFor(() -> connection.cache().get(taskRef, Task.class).isPresent(), "task in cache");
        waitFor(() -> connection.cache().get(taskRef, Task.class).map(t -> t.status() == Task.Status.SUCCESS).orElse(false),
                "task success");
        waitFor(() -> connection.cache().get(halted.ref(), Vm.class).orElseThrow().powerState() == PowerState.RUNNING,
                "VM running in cache");
        Task task = connection.cache().get(taskRef, Task.class).orElseThrow();
        assertThat(task.progress()).isEqualTo(1.0);
        Vm after = connection.cache().get(halted.ref(), Vm.class).orElseThrow();
        assertThat(connection.cache().get(after.residentOn(), Host.class)).isPresent();
        assertThat(after.allowedOperations()).contains("clean_shutdown").doesNotContain("start");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void taskWaiterReturnsTheDecodedResult(Protocol protocol) throws Exception {
        try (XapiSession session = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            String halted = firstGuest(session, "Halted");
            String task = session.callAsync("VM.start", halted, false, false);
            Tasks.await(session, task, WAIT);
            assertThat(session.call("VM.get_power_state", halted)).isEqualTo("Running");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void badPowerStateCarriesItsParameters(Protocol protocol) throws Exception {
        try (XapiSession session = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            String halted = firstGuest(session, "Halted");
            assertThatThrownBy(() -> session.call("VM.clean_shutdown", halted))
                    .isInstanceOfSatisfying(XapiException.class, e -> {
                        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
                        assertThat(e.params()).containsExactly(halted, "running", "halted");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aFailedAsyncCallEndsItsTaskInFailure(Protocol protocol) throws Exception {
        try (XapiSession session = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            String halted = firstGuest(session, "Halted");
            String task = session.callAsync("VM.suspend", halted);
            assertThatThrownBy(() -> Tasks.await(session, task, WAIT))
                    .isInstanceOfSatisfying(XapiException.class,
                            e -> assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE"));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anInvalidatedSessionIsRenewedTransparently(Protocol protocol) throws Exception {
        try (XapiSession session = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD);
             RpcTransport raw = Transports.open(settings(protocol))) {
            String before = session.ref();
            // Someone else logs our session out, as xapi does when it evicts or expires sessions.
            raw.call("session.logout", List.of(before));

            assertThat(session.call("pool.get_all")).isInstanceOf(List.class);
            assertThat(session.ref()).isNotEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aChangeByAnotherClientReachesTheCacheWithoutAsking(Protocol protocol) throws Exception {
        connect(protocol);
        Vm vm = vmNamed("RUNNING");
        try (XapiSession other = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            other.call("VM.set_name_label", vm.ref(), "renamed by someone else");
        }
        waitFor(() -> connection.cache().get(vm.ref()).nameLabel().equals("renamed by someone else"), "rename seen");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aWrongPasswordFailsWithoutRetrying(Protocol protocol) {
        connection = new PoolConnection(settings(protocol), "root", "wrong".toCharArray());
        connection.start();
        waitFor(() -> connection.state() == ConnectionState.FAILED, "failed");
        assertThat(connection.lastError()).isInstanceOfSatisfying(XapiException.class,
                e -> assertThat(e.code()).isEqualTo("SESSION_AUTHENTICATION_FAILED"));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aLostServerIsRebuiltWithNothingStaleLeft(Protocol protocol) throws Exception {
        connect(protocol);
        Vm vm = vmNamed("RUNNING");
        String originalName = vm.nameLabel();
        try (XapiSession other = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            other.call("VM.set_name_label", vm.ref(), "only on the old server");
        }
        waitFor(() -> connection.cache().get(vm.ref()).nameLabel().equals("only on the old server"), "rename seen");

        int port = sim.httpUrl().getPort();
        sim.close();
        waitFor(() -> connection.state() == ConnectionState.RECONNECTING, "reconnecting");
        sim = Simulator.start(SimulatorOptions.builder().httpPort(port).build());

        waitFor(() -> connection.state() == ConnectionState.CONNECTED
                && connection.cache().get(vm.ref()) != null
                && connection.cache().get(vm.ref()).nameLabel().equals(originalName), "rebuilt from the new server");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void httpsTrustingTheServersCertificateWorksAndDefaultTrustRefusesIt(Protocol protocol) throws Exception {
        try (Simulator tls = Simulator.start(SimulatorOptions.builder().httpPort(-1).httpsPort(0).build())) {
            ConnectionSettings pinned = ConnectionSettings.of(tls.httpsUrl(), protocol)
                    .withSslContext(trusting(tls.certificate()));
            try (XapiSession session = XapiSession.login(pinned, SimulatorOptions.DEFAULT_USER, PASSWORD)) {
                assertThat(session.call("pool.get_all")).asList().hasSize(1);
            }
            // A self-signed certificate is not in the JDK's trust store: the login must not go through.
            assertThatThrownBy(() -> XapiSession.login(ConnectionSettings.of(tls.httpsUrl(), protocol),
                    SimulatorOptions.DEFAULT_USER, PASSWORD)).isInstanceOf(java.io.IOException.class);
        }
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("simulator", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theEventLoopSurvivesItsSessionBeingLoggedOutByOthers(Protocol protocol) throws Exception {
        connect(protocol);
        Vm vm = vmNamed("RUNNING");
        try (RpcTransport raw = Transports.open(settings(protocol))) {
            raw.call("session.logout", List.of(connection.session().ref()));
        }
        try (XapiSession other = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            other.call("VM.set_name_label", vm.ref(), "seen after a forced logout");
        }
        waitFor(() -> connection.cache().get(vm.ref()).nameLabel().equals("seen after a forced logout"),
                "rename seen through a renewed session");
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aRebuildDropsObjectsOnlyTheOldServerHad(Protocol protocol) throws Exception {
        connect(protocol);
        Vm halted = vmNamed("HALTED");
        String cloneRef;
        try (XapiSession other = XapiSession.login(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            cloneRef = (String) other.call("VM.clone", halted.ref(), "exists only on the old server");
        }
        waitFor(() -> connection.cache().get(cloneRef) != null, "clone seen");

        int port = sim.httpUrl().getPort();
        sim.close();
        waitFor(() -> connection.state() == ConnectionState.RECONNECTING, "reconnecting");
        sim = Simulator.start(SimulatorOptions.builder().httpPort(port).build());

        waitFor(() -> connection.state() == ConnectionState.CONNECTED && connection.cache().get(halted.ref()) != null,
                "rebuilt from the new server");
        assertThat(connection.cache().get(cloneRef)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void closingWhileConnectingLeavesNothingBehind(Protocol protocol) throws Exception {
        for (int i = 0; i < 10; i++) {
            PoolConnection c = new PoolConnection(settings(protocol), SimulatorOptions.DEFAULT_USER, PASSWORD,
                    new PoolConnection.Tuning(5, Duration.ofMillis(50), Duration.ofMillis(100)));
            c.start();
            TimeUnit.MILLISECONDS.sleep(i * 15L); // close at a different point of login and fill each time
            c.close();
            TimeUnit.MILLISECONDS.sleep(300); // let a loop still inside a call return: it must change nothing
            assertThat(c.state()).as("round %d", i).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(c.cache().size()).as("round %d", i).isZero();
        }
    }

    private static String firstGuest(XapiSession session, String powerState) throws Exception {
        return session.getAllRecords("VM").values().stream()
                .map(Vm.class::cast)
                .filter(Vm::isGuest)
                .filter(v -> v.powerState().wireName().equals(powerState))
                .map(Vm::ref)
                .findFirst().orElseThrow();
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
