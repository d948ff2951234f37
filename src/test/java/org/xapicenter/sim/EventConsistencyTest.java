package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A client that fills a cache from token "" and then only applies event.from batches ends up with
 * exactly the server's objects, however many writers raced it.
 */
class EventConsistencyTest {

    @Test
    @SuppressWarnings("unchecked")
    void aCacheFedOnlyByEventsMatchesTheServer() throws Exception {
        try (SimTestSupport sim = new SimTestSupport(Duration.ofMillis(5))) {
            Map<String, Map<String, Object>> cache = new HashMap<>();
            Map<String, Object> first = (Map<String, Object>) sim.call("event.from", List.of("*"), "", 1.0);
            String token = apply(cache, first);

            List<String> guests = new ArrayList<>();
            for (String vm : sim.core.store().refs("VM")) {
                Map<String, Object> r = sim.core.store().record(vm);
                if (!(Boolean) r.get("is_a_template") && !(Boolean) r.get("is_control_domain")) {
                    guests.add(vm);
                }
            }
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String vm = guests.get(w * 2);
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        sim.call("VM.set_name_description", vm, "writer " + writer + " pass " + i);
                        String power = (String) sim.call("VM.get_power_state", vm);
                        String op = switch (power) {
                            case "Halted" -> "VM.start";
                            case "Suspended" -> "VM.resume";
                            case "Paused" -> "VM.unpause";
                            default -> i % 2 == 0 ? "VM.hard_shutdown" : "VM.suspend";
                        };
                        String task = op.equals("VM.start") || op.equals("VM.resume")
                                ? (String) sim.call("Async." + op, vm, false, false)
                                : (String) sim.call("Async." + op, vm);
                        sim.waitForTask(task);
                        if (i % 3 == 0) {
                            sim.call("task.destroy", task);
                        }
                    }
                    return null;
                }));
            }
            while (done.stream().anyMatch(f -> !f.isDone())) {
                token = apply(cache, (Map<String, Object>) sim.call("event.from", List.of("*"), token, 0.2));
            }
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();
            assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            token = apply(cache, (Map<String, Object>) sim.call("event.from", List.of("*"), token, 0.2));

            Map<String, Map<String, Object>> server = new HashMap<>();
            for (var cls : sim.core.store().model().classes()) {
                if (cls.eventsEnabled()) {
                    server.putAll((Map<String, Map<String, Object>>) sim.call(cls.name() + ".get_all_records"));
                }
            }
            assertThat(cache.keySet()).isEqualTo(server.keySet());
            for (String ref : server.keySet()) {
                assertThat(cache.get(ref)).as(ref).isEqualTo(server.get(ref));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String apply(Map<String, Map<String, Object>> cache, Map<String, Object> batch) {
        for (Map<String, Object> e : (List<Map<String, Object>>) batch.get("events")) {
            String ref = (String) e.get("ref");
            switch ((String) e.get("operation")) {
                case "add" -> {
                    assertThat(cache).as("add of a known object %s", ref).doesNotContainKey(ref);
                    cache.put(ref, (Map<String, Object>) e.get("snapshot"));
                }
                case "mod" -> {
                    assertThat(cache).as("mod of an unknown object %s", ref).containsKey(ref);
                    cache.put(ref, (Map<String, Object>) e.get("snapshot"));
                }
                case "del" -> {
                    assertThat(e).doesNotContainKey("snapshot");
                    cache.remove(ref);
                }
                default -> throw new AssertionError("operation " + e.get("operation"));
            }
        }
        return (String) batch.get("token");
    }
}
