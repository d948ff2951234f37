package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.xapicenter.xapi.XapiException;

/** Sessions, implicit messages and generic errors (XAPI-PROTOCOL.md §1-2) through the dispatcher. */
@SuppressWarnings("unchecked")
class DispatcherTest {
    private SimTestSupport sim;

    @BeforeEach
    void start() throws XapiException {
        sim = new SimTestSupport(Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void loginAcceptsTwoThreeOrFourArgumentsAndRefusesBadPasswords() throws Exception {
        var d = sim.core.dispatcher();
        assertThat((String) d.call("session.login_with_password", List.of("root", "password"))).startsWith("OpaqueRef:");
        assertThat((String) d.call("session.login_with_password", List.of("root", "password", "2.21"))).startsWith("OpaqueRef:");
        try (SimTestSupport sameSeed = new SimTestSupport(Duration.ofMillis(10))) {
            assertThat(sameSeed.session).as("session refs are not predictable from the seed").isNotEqualTo(sim.session);
        }
        XapiException e = catchThrowableOfType(XapiException.class,
                () -> d.call("session.login_with_password", List.of("root", "wrong", "2.21", "test")));
        assertThat(e.code()).isEqualTo("SESSION_AUTHENTICATION_FAILED");
        assertThat(e.param(0)).isEqualTo("root");
        assertThat(e.params()).hasSize(2);
    }

    @Test
    void unknownOrLoggedOutSessionsAreInvalid() throws Exception {
        var d = sim.core.dispatcher();
        XapiException e = catchThrowableOfType(XapiException.class, () -> d.call("VM.get_all", List.of("OpaqueRef:nope")));
        assertThat(e.code()).isEqualTo("SESSION_INVALID");
        assertThat(e.params()).containsExactly("OpaqueRef:nope");
        assertThat(sim.call("session.get_this_host", sim.session)).isEqualTo(sim.core.store().refs("host").get(0));
        d.call("session.logout", List.of(sim.session));
        assertThat(catchThrowableOfType(XapiException.class, () -> sim.call("VM.get_all")).code()).isEqualTo("SESSION_INVALID");
    }

    @Test
    void theOldestSessionOfAnOriginatorIsEvictedBeyondTheLimit() throws Exception {
        var d = sim.core.dispatcher();
        List<String> sessions = new java.util.ArrayList<>();
        for (int i = 0; i <= org.xapicenter.sim.rpc.SessionManager.MAX_SESSIONS_PER_ORIGINATOR; i++) {
            sessions.add((String) d.call("session.login_with_password", List.of("root", "password", "2.21", "busy-script")));
        }
        assertThat(catchThrowableOfType(XapiException.class, () -> d.call("VM.get_all", List.of(sessions.get(0)))).code())
                .isEqualTo("SESSION_INVALID");
        assertThat((List<Object>) d.call("VM.get_all", List.of(sessions.get(1)))).isNotEmpty();
        assertThat((List<Object>) sim.call("VM.get_all")).isNotEmpty();
    }

    @Test
    void genericErrorsCarryTheirParameters() {
        XapiException unknown = sim.failure("VM.frobnicate", "x");
        assertThat(unknown.code()).isEqualTo("MESSAGE_METHOD_UNKNOWN");
        assertThat(unknown.params()).containsExactly("VM.frobnicate");

        XapiException count = sim.failure("VM.get_record");
        assertThat(count.code()).isEqualTo("MESSAGE_PARAMETER_COUNT_MISMATCH");
        assertThat(count.params()).containsExactly("VM.get_record", "2", "1");

        XapiException handle = sim.failure("VM.get_record", "OpaqueRef:00000000-0000-0000-0000-000000000001");
        assertThat(handle.code()).isEqualTo("HANDLE_INVALID");
        assertThat(handle.params()).containsExactly("VM", "OpaqueRef:00000000-0000-0000-0000-000000000001");

        assertThat(sim.failure("VM.set_power_state", "x", "Running").code()).isEqualTo("MESSAGE_METHOD_UNKNOWN");
    }

    @Test
    void implicitGettersSettersAndCollections() throws Exception {
        String vm = sim.vm("web-01");
        String uuid = (String) sim.call("VM.get_uuid", vm);
        assertThat(sim.call("VM.get_by_uuid", uuid)).isEqualTo(vm);
        assertThat(sim.failure("VM.get_by_uuid", "no-such-uuid").code()).isEqualTo("UUID_INVALID");

        sim.call("VM.set_name_label", vm, "web-01-renamed");
        assertThat(sim.call("VM.get_name_label", vm)).isEqualTo("web-01-renamed");
        assertThat((List<Object>) sim.call("VM.get_by_name_label", "web-01-renamed")).containsExactly(vm);

        // An int field sent as text (XML-RPC's way); memory setters are explicit and want a Halted VM.
        sim.call("VM.set_user_version", vm, "4294967296");
        assertThat(sim.call("VM.get_user_version", vm)).isEqualTo(4294967296L);
        assertThat(sim.failure("VM.set_VCPUs_max", vm, "many").code()).isEqualTo("FIELD_TYPE_ERROR");
        XapiException dangling = sim.failure("VM.set_affinity", vm, "OpaqueRef:no-such-host");
        assertThat(dangling.code()).isEqualTo("HANDLE_INVALID");
        assertThat(dangling.params()).containsExactly("host", "OpaqueRef:no-such-host");
        sim.call("VM.set_affinity", vm, "OpaqueRef:NULL");

        sim.call("VM.add_to_other_config", vm, "owner", "alice");
        assertThat(sim.failure("VM.add_to_other_config", vm, "owner", "bob").code()).isEqualTo("MAP_DUPLICATE_KEY");
        sim.call("VM.remove_from_other_config", vm, "owner");
        assertThat((Map<Object, Object>) sim.call("VM.get_other_config", vm)).doesNotContainKey("owner");

        sim.call("VM.add_tags", vm, "blue");
        assertThat((List<Object>) sim.call("VM.get_tags", vm)).contains("blue");
        sim.call("VM.remove_tags", vm, "blue");
        assertThat((List<Object>) sim.call("VM.get_tags", vm)).doesNotContain("blue");

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> all = (Map<String, Map<String, Object>>) sim.call("VM.get_all_records");
        assertThat(all).containsKey(vm);
        assertThat((List<Object>) sim.call("VM.get_all")).hasSize(all.size());
        assertThat(sim.call("host.get_servertime", sim.core.store().refs("host").get(0))).isInstanceOf(java.time.Instant.class);
    }

    @Test
    void messagesAreCreatedListedSinceADateAndDismissed() throws Exception {
        String host = sim.core.store().refs("host").get(0);
        String hostUuid = (String) sim.call("host.get_uuid", host);
        java.time.Instant before = java.time.Instant.parse("2030-01-01T00:00:00Z");
        int existing = ((Map<String, Object>) sim.call("message.get_since", java.time.Instant.EPOCH)).size();
        String msg = (String) sim.call("message.create", "HOST_CLOCK_SKEW_DETECTED", "3", "Host", hostUuid, "skew");
        assertThat(sim.record("message", msg)).containsEntry("cls", "Host").containsEntry("priority", 3L)
                .containsEntry("obj_uuid", hostUuid);
        assertThat((Map<String, Object>) sim.call("message.get_since", java.time.Instant.EPOCH)).hasSize(existing + 1);
        assertThat((Map<String, Object>) sim.call("message.get_since", before)).isEmpty();
        assertThat((Map<String, Object>) sim.call("message.get", "host", hostUuid, java.time.Instant.EPOCH)).containsKey(msg);
        assertThat(sim.failure("message.create", "X", "1", "Nonsense", hostUuid, "").code()).isEqualTo("FIELD_TYPE_ERROR");
        sim.call("message.destroy", msg);
        assertThat(sim.failure("message.get_record", msg).code()).isEqualTo("HANDLE_INVALID");
    }

    @Test
    void crossReferencesAreKeptBothWays() throws Exception {
        var store = sim.core.store();
        String vm = sim.vm("db-primary");
        for (Object vbd : store.getList(vm, "VBDs")) {
            assertThat(store.get((String) vbd, "VM")).isEqualTo(vm);
        }
        for (Object vif : store.getList(vm, "VIFs")) {
            String network = store.getString((String) vif, "network");
            assertThat(store.getList(network, "VIFs")).contains(vif);
        }
        for (Object c : store.getList(vm, "consoles")) {
            assertThat(store.get((String) c, "VM")).isEqualTo(vm);
        }
        String vdi = store.getString((String) store.getList(vm, "VBDs").get(0), "VDI");
        String sr = store.getString(vdi, "SR");
        assertThat(store.getList(sr, "VDIs")).contains(vdi);
        String vbd = (String) store.getList(vm, "VBDs").get(0);
        store.destroy(vbd);
        assertThat(store.getList(vm, "VBDs")).doesNotContain(vbd);
        assertThat(store.getList(vdi, "VBDs")).doesNotContain(vbd);
    }

    @Test
    void theDemoPoolIsDeterministicAndComplete() throws Exception {
        try (SimTestSupport other = new SimTestSupport(Duration.ofMillis(10))) {
            assertThat(other.call("VM.get_all")).isEqualTo(sim.call("VM.get_all"));
        }
        var store = sim.core.store();
        assertThat(store.refs("host")).hasSize(3);
        assertThat(store.refs("network")).hasSize(2);
        long templates = store.refs("VM").stream().filter(v -> Boolean.TRUE.equals(store.get(v, "is_a_template"))).count();
        assertThat(templates).isGreaterThanOrEqualTo(12);
        List<Object> states = store.refs("VM").stream()
                .filter(v -> !Boolean.TRUE.equals(store.get(v, "is_a_template")) && !Boolean.TRUE.equals(store.get(v, "is_control_domain")))
                .map(v -> store.get(v, "power_state")).toList();
        assertThat(states).hasSizeGreaterThanOrEqualTo(10).contains("Running", "Halted", "Suspended", "Paused");
        assertThat(store.refs("message")).isNotEmpty();
        assertThat(store.refs("SR").stream().map(s -> store.get(s, "name_label")))
                .contains("Local storage", "NFS storage", "ISO library");
        assertThat((List<Object>) sim.core.dispatcher().call("system.listMethods", List.of()))
                .contains("VM.start", "VM.get_record", "VM.set_name_label", "event.from", "task.cancel");
    }
}
