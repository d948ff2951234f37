package org.xapicenter.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tasks.await follows a task through event.from; the canned task finishes after a few events. */
class TasksTest {
    private static final String TASK = "OpaqueRef:task-7";

    private CannedXapiServer server;
    private final AtomicInteger eventCalls = new AtomicInteger();
    /** Snapshots the canned event.from hands out, one per call; the last repeats. */
    private final List<Map<String, Object>> script = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new CannedXapiServer();
        server.on("session.login_with_password", p -> "OpaqueRef:s");
        server.on("session.logout", p -> "");
        server.on("task.get_record", p -> {
            if (!TASK.equals(p.get(1))) {
                throw new XapiException("HANDLE_INVALID", List.of("task", String.valueOf(p.get(1))));
            }
            return task("pending", 0.0, "", List.of());
        });
        server.on("event.from", p -> {
            assertThat(p.get(1)).isEqualTo(List.of("task/" + TASK));
            int n = eventCalls.getAndIncrement();
            assertThat(p.get(2)).isEqualTo(n == 0 ? "" : "token-" + n);
            Map<String, Object> snapshot = script.get(Math.min(n, script.size() - 1));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", String.valueOf(n));
            event.put("class", "task");
            event.put("operation", "mod");
            event.put("ref", TASK);
            if (snapshot == null) {
                event.put("operation", "del");
            } else {
                event.put("snapshot", snapshot);
            }
            return Map.of("events", List.of(event), "valid_ref_counts", Map.of(), "token", "token-" + (n + 1));
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, Object> task(String status, double progress, String result, List<String> errorInfo) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("uuid", "t-uuid");
        t.put("name_label", "Async.VM.clone");
        t.put("status", status);
        t.put("progress", progress);
        t.put("result", result);
        t.put("error_info", errorInfo);
        t.put("allowed_operations", List.of("cancel"));
        return t;
    }

    private XapiSession login(Protocol p) throws Exception {
        return XapiSession.login(ConnectionSettings.of(server.uri(), p), "root", "pw".toCharArray());
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void returnsTheParsedResultWhenTheTaskSucceeds(Protocol protocol) throws Exception {
        script.add(task("pending", 0.3, "", List.of()));
        script.add(task("pending", 0.8, "", List.of()));
        script.add(task("success", 1.0, "<value>OpaqueRef:new-vm</value>", List.of()));
        try (XapiSession s = login(protocol)) {
            assertThat(Tasks.await(s, TASK, Duration.ofSeconds(60))).isEqualTo("OpaqueRef:new-vm");
        }
        assertThat(eventCalls).hasValue(3);
        List<Object> first = server.callsOf("event.from").get(0).params();
        assertThat(((Number) first.get(3)).doubleValue()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void structuredResultsAreParsedToo(Protocol protocol) throws Exception {
        script.add(task("success", 1.0,
                "<value><array><data><value>OpaqueRef:a</value><value>OpaqueRef:b</value></data></array></value>", List.of()));
        try (XapiSession s = login(protocol)) {
            assertThat(Tasks.await(s, TASK, Duration.ofSeconds(60))).isEqualTo(List.of("OpaqueRef:a", "OpaqueRef:b"));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void failureAndCancellationRaiseTheTasksError(Protocol protocol) throws Exception {
        script.add(task("failure", 1.0, "", List.of("VM_BAD_POWER_STATE", "OpaqueRef:vm", "halted", "running")));
        try (XapiSession s = login(protocol)) {
            assertThatThrownBy(() -> Tasks.await(s, TASK, Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(XapiException.class, e -> {
                        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
                        assertThat(e.params()).containsExactly("OpaqueRef:vm", "halted", "running");
                    });
            script.clear();
            eventCalls.set(0);
            script.add(task("cancelled", 1.0, "", List.of()));
            assertThatThrownBy(() -> Tasks.await(s, TASK, Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(XapiException.class, e -> {
                        assertThat(e.code()).isEqualTo("TASK_CANCELLED");
                        assertThat(e.params()).containsExactly(TASK);
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aDestroyedOrUnknownTaskIsHandleInvalid(Protocol protocol) throws Exception {
        script.add(null);
        try (XapiSession s = login(protocol)) {
            assertThatThrownBy(() -> Tasks.await(s, TASK, Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("HANDLE_INVALID"));
            assertThatThrownBy(() -> Tasks.await(s, "OpaqueRef:nope", Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.params()).containsExactly("task", "OpaqueRef:nope"));
        }
    }
}
