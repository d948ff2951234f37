package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.sim.rpc.EventService;
import org.xapicenter.xapi.XapiException;

/** The pre-event.from API: event.register / event.next / event.unregister, EVENTS_LOST, and event.inject. */
class LegacyEventsTest {
    private SimTestSupport sim;

    @BeforeEach
    void start() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> next() throws XapiException {
        return (List<Map<String, Object>>) sim.call("event.next");
    }

    @Test
    void nextReturnsOnlyWhatHappenedSinceRegisteringInTheRegisteredClasses() throws Exception {
        String vm = sim.vm("mail");
        sim.call("VM.set_name_description", vm, "before registering");
        sim.call("event.register", List.of("VM"));
        sim.call("SR.set_name_description", sim.core.store().refs("SR").get(0), "not registered for");
        sim.call("VM.set_name_description", vm, "after registering");

        List<Map<String, Object>> events = next();

        assertThat(events).hasSize(1);
        Map<String, Object> e = events.get(0);
        assertThat(e).containsEntry("class", "vm").containsEntry("operation", "mod").containsEntry("ref", vm);
        assertThat((Map<String, Object>) e.get("snapshot")).containsEntry("name_description", "after registering");
    }

    @Test
    void aClientTooFarBehindGetsEventsLostAndThenContinuesFromNow() throws Exception {
        sim.call("event.register", List.of("*"));
        String vm = sim.vm("mail");
        for (int i = 0; i <= EventService.LEGACY_QUEUE_LENGTH; i++) {
            sim.call("VM.set_name_description", vm, "change " + i);
        }

        XapiException lost = sim.failure("event.next");
        assertThat(lost.code()).isEqualTo("EVENTS_LOST");
        assertThat(lost.params()).isEmpty();

        // Still registered: after a resync the client goes on with what happens next.
        String sr = sim.core.store().refs("SR").get(0);
        sim.call("SR.set_name_description", sr, "after the loss");
        assertThat(next()).extracting(ev -> ev.get("ref")).containsExactly(sr);
    }

    @Test
    void aClientThatKeepsUpNeverLosesEvents() throws Exception {
        sim.call("event.register", List.of("vm"));
        String vm = sim.vm("mail");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < EventService.LEGACY_QUEUE_LENGTH / 2; i++) {
                sim.call("VM.set_name_description", vm, "round " + round + " change " + i);
            }
            assertThat(next()).extracting(ev -> ev.get("ref")).containsExactly(vm);
        }
    }

    @Test
    void injectMakesTheObjectShowUpInNext() throws Exception {
        sim.call("event.register", List.of("sr"));
        String sr = sim.core.store().refs("SR").get(0);
        sim.call("event.inject", "SR", sr);
        assertThat(next()).extracting(ev -> ev.get("ref"), ev -> ev.get("operation"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sr, "mod"));
        assertThat(sim.failure("event.inject", "SR", "OpaqueRef:nope").code()).isEqualTo("HANDLE_INVALID");
    }

    private interface Call {
        Object run() throws XapiException;
    }

    /** Starts {@code call} on its own thread and returns once it waits for changes (outcome or error). */
    private static CompletableFuture<Object> blockedCall(Call call) throws InterruptedException {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                outcome.complete(call.run());
            } catch (XapiException e) {
                outcome.complete(e);
            }
        }, "blocked-event-call");
        t.setDaemon(true);
        t.start();
        SimTestSupport.waitFor("the call to wait for changes", () -> t.getState() == Thread.State.TIMED_WAITING);
        return outcome;
    }

    @Test
    void aWaitingNextEndsWithSessionInvalidWhenTheSessionIsLoggedOut() throws Exception {
        sim.call("event.register", List.of("vm"));
        CompletableFuture<Object> waiting = blockedCall(() -> next());
        sim.core.dispatcher().call("session.logout", List.of(sim.session));

        Object outcome = waiting.get(20, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOfSatisfying(XapiException.class,
                e -> assertThat(e.code()).isEqualTo("SESSION_INVALID"));
    }

    @Test
    void aWaitingEventFromEndsWithSessionInvalidWhenTheSessionIsLoggedOut() throws Exception {
        @SuppressWarnings("unchecked")
        String token = (String) ((Map<String, Object>) sim.call("event.from", List.of("*"), "", 0.0)).get("token");
        CompletableFuture<Object> waiting = blockedCall(() -> sim.call("event.from", List.of("sr"), token, 600.0));
        sim.core.dispatcher().call("session.logout", List.of(sim.session));

        Object outcome = waiting.get(20, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOfSatisfying(XapiException.class,
                e -> assertThat(e.code()).isEqualTo("SESSION_INVALID"));
    }
}
