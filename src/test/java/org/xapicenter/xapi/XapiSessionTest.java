package org.xapicenter.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/** Session and both transports against canned XAPI replies over real sockets. */
class XapiSessionTest {
    private static final char[] PASSWORD = "s3cret-pw".toCharArray();
    private static final String VM = "OpaqueRef:vm-1";

    private CannedXapiServer server;
    private final Set<String> validSessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new CannedXapiServer();
        server.on("session.login_with_password", p -> {
            if (!"s3cret-pw".equals(p.get(1))) {
                throw new XapiException("SESSION_AUTHENTICATION_FAILED", List.of(String.valueOf(p.get(0)), "bad"));
            }
            if ("member".equals(p.get(0))) {
                throw new XapiException("HOST_IS_SLAVE", List.of("192.0.2.10"));
            }
            String ref = "OpaqueRef:session-" + logins.incrementAndGet();
            validSessions.add(ref);
            return ref;
        });
        server.on("session.logout", p -> {
            validSessions.remove(p.get(0));
            return "";
        });
        server.on("VM.get_record", p -> {
            checkSession(p);
            return vmRecord();
        });
        server.on("VM.get_all_records", p -> {
            checkSession(p);
            return Map.of(VM, vmRecord());
        });
        server.on("VM.start", p -> {
            checkSession(p);
            throw new XapiException("VM_BAD_POWER_STATE", List.of(String.valueOf(p.get(1)), "halted", "running"));
        });
        server.on("Async.VM.start", p -> {
            checkSession(p);
            return "OpaqueRef:task-1";
        });
    }

    private void checkSession(List<Object> p) throws XapiException {
        if (!validSessions.contains(p.get(0))) {
            throw new XapiException("SESSION_INVALID", List.of(String.valueOf(p.get(0))));
        }
    }

    private static Map<String, Object> vmRecord() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("uuid", "5f0c-uuid");
        r.put("name_label", "web-01");
        r.put("power_state", "Running");
        r.put("memory_static_max", 8589934592L);
        r.put("VCPUs_max", 4L);
        r.put("is_a_template", false);
        r.put("last_booted", Instant.parse("2024-01-31T10:05:09Z"));
        r.put("some_future_field", Map.of("k", "v"));
        return r;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConnectionSettings settings(Protocol p) {
        return ConnectionSettings.of(server.uri(), p);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void logsInWithVersionAndOriginatorAndLogsOutOnClose(Protocol protocol) throws Exception {
        XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD);
        assertThat(s.ref()).isEqualTo("OpaqueRef:session-1");
        List<Object> login = server.callsOf("session.login_with_password").get(0).params();
        assertThat(login).hasSize(4);
        assertThat(login.get(0)).isEqualTo("root");
        assertThat(login.get(2)).isEqualTo(XapiSession.API_VERSION);
        assertThat((String) login.get(3)).startsWith("XapiCenter/").hasSizeGreaterThan("XapiCenter/".length());
        assertThat(s.toString()).doesNotContain("s3cret");
        s.close();
        s.close();
        assertThat(server.callsOf("session.logout")).hasSize(1);
        assertThat(server.callsOf("session.logout").get(0).params()).containsExactly("OpaqueRef:session-1");
        assertThat(validSessions).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void decodesRecordsWithInt64sAndKeepsUnknownFields(Protocol protocol) throws Exception {
        try (XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD)) {
            XapiRecord r = s.getRecord("VM", VM);
            assertThat(r).isInstanceOf(Vm.class);
            Vm vm = (Vm) r;
            assertThat(vm.memoryStaticMax()).isEqualTo(8589934592L);
            assertThat(vm.vcpusMax()).isEqualTo(4L);
            assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(vm.date("last_booted")).isEqualTo(Instant.parse("2024-01-31T10:05:09Z"));
            assertThat(vm.stringMap("some_future_field")).containsEntry("k", "v");
            Map<String, XapiRecord> all = s.getAllRecords("VM");
            assertThat(all).containsOnlyKeys(VM);
            assertThat(((Vm) all.get(VM)).memoryStaticMax()).isEqualTo(8589934592L);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void failureBecomesXapiExceptionWithCodeAndParams(Protocol protocol) throws Exception {
        try (XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD)) {
            assertThatThrownBy(() -> s.call("VM.start", VM, false, false))
                    .isInstanceOfSatisfying(XapiException.class, e -> {
                        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
                        assertThat(e.params()).containsExactly(VM, "halted", "running");
                    });
            assertThat(server.callsOf("VM.start").get(0).params()).containsExactly(s.ref(), VM, false, false);
            assertThatThrownBy(() -> s.call("VM.no_such_thing"))
                    .isInstanceOfSatisfying(XapiException.class,
                            e -> assertThat(e.code()).isEqualTo("MESSAGE_METHOD_UNKNOWN"));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void badPasswordAndHostIsSlaveSurfaceAsXapiExceptionsWithoutThePassword(Protocol protocol) {
        assertThatThrownBy(() -> XapiSession.login(settings(protocol), "root", "wrong".toCharArray()))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo("SESSION_AUTHENTICATION_FAILED");
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
        assertThatThrownBy(() -> XapiSession.login(settings(protocol), "member", PASSWORD))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo("HOST_IS_SLAVE");
                    assertThat(e.params()).containsExactly("192.0.2.10");
                    assertThat(e.getMessage()).doesNotContain("s3cret");
                });
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void sessionInvalidLogsInAgainAndRetriesOnce(Protocol protocol) throws Exception {
        try (XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD)) {
            validSessions.clear(); // the server forgets every session, as after a toolstack restart
            Vm vm = (Vm) s.getRecord("VM", VM);
            assertThat(vm.nameLabel()).isEqualTo("web-01");
            assertThat(s.ref()).isEqualTo("OpaqueRef:session-2");
            assertThat(server.callsOf("VM.get_record")).hasSize(2);
            assertThat(server.callsOf("VM.get_record").get(1).params().get(0)).isEqualTo("OpaqueRef:session-2");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aSecondSessionInvalidIsNotRetriedAgain(Protocol protocol) throws Exception {
        server.on("VM.get_record", p -> {
            throw new XapiException("SESSION_INVALID", List.of(String.valueOf(p.get(0))));
        });
        try (XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD)) {
            assertThatThrownBy(() -> s.getRecord("VM", VM))
                    .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("SESSION_INVALID"));
            assertThat(server.callsOf("VM.get_record")).hasSize(2);
            assertThat(logins).hasValue(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void asyncCallReturnsTheTaskRef(Protocol protocol) throws Exception {
        try (XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD)) {
            assertThat(s.callAsync("VM.start", VM, false, false)).isEqualTo("OpaqueRef:task-1");
            assertThat(server.callsOf("Async.VM.start").get(0).params()).containsExactly(s.ref(), VM, false, false);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void closeDuringAReloginLeavesNoSessionLoggedIn(Protocol protocol) throws Exception {
        XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD);
        CountDownLatch reloginArrived = new CountDownLatch(1);
        CountDownLatch letReloginFinish = new CountDownLatch(1);
        List<Object> reloginPasswords = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.on("session.login_with_password", p -> {
            reloginPasswords.add(p.get(1));
            reloginArrived.countDown();
            try {
                letReloginFinish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String ref = "OpaqueRef:session-" + logins.incrementAndGet();
            validSessions.add(ref);
            return ref;
        });
        validSessions.clear(); // the next call gets SESSION_INVALID and logs in again
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<XapiRecord> call = caller.submit(() -> s.getRecord("VM", VM));
            assertThat(reloginArrived.await(30, TimeUnit.SECONDS)).isTrue();
            s.close(); // while the server is still answering the re-login
            letReloginFinish.countDown();
            assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.io.IOException.class);
        } finally {
            letReloginFinish.countDown();
            caller.shutdownNow();
        }
        assertThat(reloginPasswords).containsExactly("s3cret-pw");
        assertThat(server.callsOf("session.logout")).extracting(c -> c.params().get(0))
                .containsExactlyInAnyOrder("OpaqueRef:session-1", "OpaqueRef:session-2");
        assertThat(validSessions).isEmpty();
        assertThatThrownBy(() -> s.call("VM.get_record", VM)).isInstanceOf(java.io.IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void closeNeverThrowsEvenWhenTheServerIsGone(Protocol protocol) throws Exception {
        XapiSession s = XapiSession.login(settings(protocol), "root", PASSWORD);
        server.close();
        s.close();
        assertThatThrownBy(() -> s.call("VM.get_all")).isInstanceOf(java.io.IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void unreachableServerIsAnIOException(Protocol protocol) throws Exception {
        URI dead = server.uri();
        server.close();
        assertThatThrownBy(() -> XapiSession.login(ConnectionSettings.of(dead, protocol), "root", PASSWORD))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageNotContaining("s3cret");
    }
}
