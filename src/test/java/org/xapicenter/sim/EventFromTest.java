package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.xapicenter.xapi.XapiException;

/** event.from semantics (XAPI-PROTOCOL.md §3) through the dispatcher. */
class EventFromTest {
    private SimTestSupport sim;

    @BeforeEach
    void start() throws XapiException {
        sim = new SimTestSupport(Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> from(List<String> classes, String token, double timeout) throws XapiException {
        return (Map<String, Object>) sim.call("event.from", classes, token, timeout);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> batch) {
        return (List<Map<String, Object>>) batch.get("events");
    }

    @Test
    void emptyTokenReturnsEveryObjectAsAddWithSnapshot() throws Exception {
        Map<String, Object> batch = from(List.of("*"), "", 1.0);
        List<Map<String, Object>> events = events(batch);
        int expected = 0;
        for (String cls : List.of("VM", "host", "SR", "VDI", "VBD", "VIF", "network", "PIF", "pool", "console", "message")) {
            expected += sim.core.store().count(cls);
        }
        assertThat(events.size()).isGreaterThanOrEqualTo(expected);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("operation")).isEqualTo("add");
            assertThat(e).containsKeys("id", "timestamp", "class", "ref", "snapshot");
            assertThat((String) e.get("class")).isLowerCase();
        });
        assertThat(events).noneMatch(e -> e.get("class").equals("session"));
        assertThat(events).anyMatch(e -> e.get("class").equals("vm_metrics"));
        Map<String, Object> counts = (Map<String, Object>) batch.get("valid_ref_counts");
        assertThat(counts.get("vm")).isEqualTo(new org.xapicenter.xapi.wire.Int32(sim.core.store().count("VM")));
        assertThat((String) batch.get("token")).matches("\\d{20},\\d{20}");
    }

    @Test
    void laterTokensReturnAddModAndDelSinceThen() throws Exception {
        String token = (String) from(List.of("*"), "", 1.0).get("token");
        String vm = sim.vm("web-01");
        sim.call("VM.set_name_label", vm, "renamed");
        String task = (String) sim.call("task.create", "upload", "an HTTP transfer");
        String msg = sim.core.store().refs("message").get(0);
        sim.core.store().destroy(msg);

        Map<String, Object> batch = from(List.of("VM", "TASK", "message"), token, 1.0);
        List<Map<String, Object>> events = events(batch);
        assertThat(events).anySatisfy(e -> {
            assertThat(e).containsEntry("ref", vm).containsEntry("operation", "mod").containsEntry("class", "vm");
            assertThat((Map<String, Object>) e.get("snapshot")).containsEntry("name_label", "renamed");
        });
        assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("ref", task).containsEntry("operation", "add"));
        assertThat(events).anySatisfy(e -> {
            assertThat(e).containsEntry("ref", msg).containsEntry("operation", "del");
            assertThat(e).doesNotContainKey("snapshot");
        });
        // Each object once per batch.
        assertThat(events.stream().map(e -> e.get("ref")).distinct().count()).isEqualTo(events.size());

        Map<String, Object> nothing = from(List.of("*"), (String) batch.get("token"), 0.2);
        assertThat(events(nothing)).isEmpty();
    }

    @Test
    void classAndObjectFiltersAndBlockingUntilAChange() throws Exception {
        String token = (String) from(List.of("*"), "", 1.0).get("token");
        String web = sim.vm("web-01");
        String mail = sim.vm("mail");
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(100);
                sim.call("VM.set_name_description", mail, "not watched");
                sim.call("VM.set_name_description", web, "watched");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        writer.start();
        Map<String, Object> batch = from(List.of("vm/" + web), token, 1e300);
        writer.join();
        assertThat(events(batch)).extracting(e -> e.get("ref")).containsExactly(web);
    }

    @Test
    void timeoutReturnsAnEmptyListAndAToken() throws Exception {
        String token = (String) from(List.of("*"), "", 1.0).get("token");
        sim.call("VM.set_name_description", sim.vm("mail"), "a host change nobody asked for");
        Map<String, Object> batch = from(List.of("sr"), token, 0.3);
        assertThat(events(batch)).isEmpty();
        assertThat((String) batch.get("token")).isNotEqualTo(token);
    }

    @Test
    @SuppressWarnings("unchecked")
    void legacyRegisterAndNext() throws Exception {
        assertThat(sim.failure("event.next").code()).isEqualTo("SESSION_NOT_REGISTERED");
        sim.call("event.register", List.of("vm"));
        String vm = sim.vm("mail");
        sim.call("SR.set_name_description", sim.core.store().refs("SR").get(0), "not registered for");
        sim.call("VM.set_name_description", vm, "registered");
        List<Map<String, Object>> events = (List<Map<String, Object>>) sim.call("event.next");
        assertThat(events).extracting(e -> e.get("ref")).containsExactly(vm);
        sim.call("event.unregister", List.of("vm"));
        assertThat(sim.failure("event.next").code()).isEqualTo("SESSION_NOT_REGISTERED");
    }

    @Test
    void badTokenAndInject() throws Exception {
        XapiException e = sim.failure("event.from", List.of("*"), "garbage", 1.0);
        assertThat(e.code()).isEqualTo("EVENT_FROM_TOKEN_PARSE_FAILURE");
        assertThat(e.params()).containsExactly("garbage");

        String token = (String) from(List.of("*"), "", 1.0).get("token");
        String sr = sim.core.store().refs("SR").get(0);
        String injected = (String) sim.call("event.inject", "SR", sr);
        assertThat(events(from(List.of("sr"), injected, 1.0))).extracting(ev -> ev.get("ref")).contains(sr);
        assertThat(events(from(List.of("sr"), token, 1.0))).extracting(ev -> ev.get("operation")).containsOnly("mod");
    }
}
