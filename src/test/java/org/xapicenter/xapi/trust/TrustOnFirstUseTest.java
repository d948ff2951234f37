package org.xapicenter.xapi.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.ErrorTexts;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.console.Consoles;
import org.xapicenter.xapi.transfer.ExportOptions;
import org.xapicenter.xapi.transfer.TransferListener;
import org.xapicenter.xapi.transfer.XvaExport;

/**
 * Trust on first use against the simulator over real HTTPS: the RPC channels (both encodings), the
 * console tunnel and the export channel all ask the same {@link PinningTrust}.
 */
class TrustOnFirstUseTest {
    private static final char[] PASSWORD = SimulatorOptions.DEFAULT_PASSWORD.toCharArray();

    private final List<Simulator> sims = new ArrayList<>();
    private final MemoryPinStore pins = new MemoryPinStore();
    private final List<TrustQuestion> asked = new CopyOnWriteArrayList<>();
    private volatile boolean answer = true;
    private final PinningTrust trust = new PinningTrust(pins, q -> {
        asked.add(q);
        return answer;
    });

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sims.forEach(Simulator::close);
    }

    private Simulator https(int port) {
        Simulator s = Simulator.start(SimulatorOptions.builder().httpPort(-1).httpsPort(port)
                .operationDuration(Duration.ofMillis(20)).loginFailureDelay(Duration.ZERO).build());
        sims.add(s);
        return s;
    }

    private ConnectionSettings settings(Simulator sim, Protocol protocol) {
        return ConnectionSettings.of(sim.httpsUrl(), protocol).withSslContext(trust.sslContext());
    }

    private static String sha(Simulator sim) {
        return PinningTrust.sha256(sim.certificate());
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theFirstUseAsksOnceAndAPinnedServerIsNotAskedAgain(Protocol protocol) throws Exception {
        Simulator sim = https(0);
        try (XapiSession s = XapiSession.login(settings(sim, protocol), "root", PASSWORD)) {
            assertThat(s.call("pool.get_all")).isNotNull();
        }
        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.changed()).isFalse();
            assertThat(q.presented().sha256()).isEqualTo(sha(sim));
            assertThat(q.presented().subject()).contains("CN=XapiCenter simulator");
            assertThat(q.presented().caValid()).isFalse();
            assertThat(q.presented().notAfter()).isAfter(Instant.now());
        });
        String key = Pin.hostKey("127.0.0.1", sim.httpsUrl().getPort());
        assertThat(pins.find(key)).hasValueSatisfying(p -> assertThat(p.sha256()).isEqualTo(sha(sim)));
        // a new session on new connections (no TLS session to resume) asks nothing
        dropCachedTlsSessions();
        try (XapiSession again = XapiSession.login(settings(sim, protocol), "root", PASSWORD)) {
            assertThat(again.call("host.get_all")).isNotNull();
        }
        assertThat(asked).hasSize(1);
    }

    @Test
    void aRefusedCertificateIsNotAskedAgainUntilTheUserChoosesTo() throws Exception {
        Simulator sim = https(0);
        answer = false;
        Throwable refused = catchThrowable(() -> XapiSession.login(settings(sim, Protocol.JSON_RPC), "root", PASSWORD));
        assertThat(CertificateRejectedException.in(refused)).hasValueSatisfying(
                r -> assertThat(r.reason()).isEqualTo(CertificateRejectedException.Reason.NOT_TRUSTED));
        String sentence = ErrorTexts.get().describe(refused);
        assertThat(sentence).contains("127.0.0.1:" + sim.httpsUrl().getPort())
                .contains(asked.get(0).presented().fingerprintText()).contains("not trusted");
        // a reconnect loop meets the refusal without asking
        assertThatThrownBy(() -> XapiSession.login(settings(sim, Protocol.XML_RPC), "root", PASSWORD))
                .satisfies(e -> assertThat(CertificateRejectedException.in(e)).isPresent());
        assertThat(asked).hasSize(1);
        assertThat(pins.all()).isEmpty();
        trust.forgetRefusals();
        answer = true;
        try (XapiSession s = XapiSession.login(settings(sim, Protocol.XML_RPC), "root", PASSWORD)) {
            assertThat(s.ref()).startsWith("OpaqueRef:");
        }
        assertThat(asked).hasSize(2);
    }

    @Test
    void aChangedCertificateIsBlockedUntilTheNewOneIsAccepted() throws Exception {
        Simulator first = https(0);
        int port = first.httpsUrl().getPort();
        try (XapiSession s = XapiSession.login(settings(first, Protocol.JSON_RPC), "root", PASSWORD)) {
            assertThat(s.ref()).isNotBlank();
        }
        String oldSha = sha(first);
        first.close();
        sims.remove(first);
        // the host comes back on the same port with a new key, as after a reinstall (or an attacker)
        Simulator second = https(port);
        assertThat(sha(second)).isNotEqualTo(oldSha);
        answer = false;
        Throwable blocked = catchThrowable(() -> XapiSession.login(settings(second, Protocol.JSON_RPC), "root", PASSWORD));
        CertificateRejectedException r = CertificateRejectedException.in(blocked).orElseThrow();
        assertThat(r.reason()).isEqualTo(CertificateRejectedException.Reason.CHANGED);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1).changed()).isTrue();
        assertThat(asked.get(1).previous().sha256()).isEqualTo(oldSha);
        assertThat(ErrorTexts.get().describe(blocked)).contains("has changed").contains("blocked");
        assertThat(pins.find(Pin.hostKey("127.0.0.1", port)).orElseThrow().sha256()).isEqualTo(oldSha);
        // the user accepts the new certificate deliberately
        trust.forgetRefusals();
        answer = true;
        try (XapiSession s = XapiSession.login(settings(second, Protocol.XML_RPC), "root", PASSWORD)) {
            assertThat(s.ref()).isNotBlank();
        }
        assertThat(pins.find(Pin.hostKey("127.0.0.1", port)).orElseThrow().sha256()).isEqualTo(sha(second));
    }

    @Test
    void theConsoleAndExportChannelsAreCheckedAgainstThePinsToo() throws Exception {
        Simulator sim = https(0);
        int port = sim.httpsUrl().getPort();
        try (XapiSession s = XapiSession.login(settings(sim, Protocol.JSON_RPC), "root", PASSWORD)) {
            String running = vmIn(s, "Running");
            String halted = vmIn(s, "Halted");
            // with the right pin both channels work
            Consoles.openVm(s, running).close();
            // the host's certificate now differs from the pin (what a replaced certificate looks like to us)
            String key = Pin.hostKey("127.0.0.1", port);
            Pin real = pins.find(key).orElseThrow();
            pins.save(new Pin(key, "00".repeat(32), "CN=someone else", real.notAfter(), real.pinnedAt()));
            dropCachedTlsSessions();
            answer = false;
            Throwable console = catchThrowable(() -> Consoles.openVm(s, running).close());
            assertThat(CertificateRejectedException.in(console)).hasValueSatisfying(
                    r -> assertThat(r.reason()).isEqualTo(CertificateRejectedException.Reason.CHANGED));
            assertThat(ErrorTexts.get().describe(console)).contains("has changed");
            Path target = dir.resolve("vm.xva");
            Throwable export = catchThrowable(() -> new XvaExport(s, halted, target, ExportOptions.defaults())
                    .run(TransferListener.NONE));
            assertThat(CertificateRejectedException.in(export)).isPresent();
            assertThat(ErrorTexts.get().describe(export)).contains("has changed");
            assertThat(target).doesNotExist();
            assertThat(XvaExport.partFile(target)).doesNotExist();
            // the question was put once: the second channel met the remembered refusal
            assertThat(asked.stream().filter(TrustQuestion::changed)).hasSize(1);
        }
    }

    @Test
    void concurrentHandshakesToANewHostShareOneQuestion() throws Exception {
        Simulator sim = https(0);
        CountDownLatch release = new CountDownLatch(1);
        List<TrustQuestion> questions = Collections.synchronizedList(new ArrayList<>());
        PinningTrust slow = new PinningTrust(new MemoryPinStore(), q -> {
            questions.add(q);
            return release.await(30, TimeUnit.SECONDS);
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                logins.add(pool.submit(() -> {
                    try (XapiSession s = XapiSession.login(ConnectionSettings.of(sim.httpsUrl(), Protocol.JSON_RPC)
                            .withSslContext(slow.sslContext()), "root", PASSWORD)) {
                        return s.ref();
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (questions.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // let the other handshakes reach the trust manager too
            release.countDown();
            for (Future<String> f : logins) {
                assertThat(f.get(60, TimeUnit.SECONDS)).startsWith("OpaqueRef:");
            }
            assertThat(questions).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCommandLineRefusesAnUnknownCertificateNamingItsFingerprint() throws Exception {
        Simulator sim = https(0);
        Path pw = Files.writeString(dir.resolve("pw"), SimulatorOptions.DEFAULT_PASSWORD + "\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = org.xapicenter.xapi.cli.CallCommand.run(new String[] {"--server", sim.httpsUrl().toString(), "--user", "root",
                "--password-file", pw.toString(), "host.get_all"}, new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertThat(exit).isNotZero();
        String fingerprint = PinningTrust.facts(sim.certificate(), false).fingerprintText();
        assertThat(err.toString()).contains(fingerprint).contains("--trust-cert").doesNotContain("Exception");
    }

    @Test
    void thePoolsOwnCertificatesArePinnedSoMembersAskNothing() throws Exception {
        Simulator sim = Simulator.start(SimulatorOptions.builder().poolMembers(true).httpPort(-1).httpsPort(0)
                .loginFailureDelay(Duration.ZERO).build());
        sims.add(sim);
        URI coordinator = sim.httpsUrl();
        int learned;
        try (XapiSession s = XapiSession.login(ConnectionSettings.of(coordinator, Protocol.JSON_RPC)
                .withSslContext(trust.sslContext()), "root", PASSWORD)) {
            learned = trust.learnPoolCertificates(s);
        }
        assertThat(asked).hasSize(1);
        assertThat(learned).isEqualTo(2);
        URI member = new URI("https", null, "127.0.0.2", coordinator.getPort(), null, null, null);
        Throwable e = catchThrowable(() -> XapiSession.login(ConnectionSettings.of(member, Protocol.JSON_RPC)
                .withSslContext(trust.sslContext()), "root", PASSWORD));
        // the handshake passed without a question: the member answered as a member does
        assertThat(e).isInstanceOf(org.xapicenter.xapi.XapiException.class)
                .satisfies(x -> assertThat(((org.xapicenter.xapi.XapiException) x).code()).isEqualTo("HOST_IS_SLAVE"));
        assertThat(asked).hasSize(1);
    }

    private String vmIn(XapiSession s, String power) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> vms = (Map<String, Map<String, Object>>) s.call("VM.get_all_records");
        return vms.entrySet().stream()
                .filter(e -> power.equals(e.getValue().get("power_state"))
                        && !Boolean.TRUE.equals(e.getValue().get("is_a_template"))
                        && !Boolean.TRUE.equals(e.getValue().get("is_control_domain"))
                        && !Boolean.TRUE.equals(e.getValue().get("is_a_snapshot")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** A fresh handshake (not a resumed TLS session) for the next connection, as after a restart. */
    private void dropCachedTlsSessions() {
        SSLSessionContext cache = trust.sslContext().getClientSessionContext();
        for (var ids = cache.getIds(); ids.hasMoreElements(); ) {
            SSLSession session = cache.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
    }

    @SuppressWarnings("unused")
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
