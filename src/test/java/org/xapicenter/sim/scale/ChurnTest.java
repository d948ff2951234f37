package org.xapicenter.sim.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xapicenter.sim.SimulatorCore;

class ChurnTest {
    @Test
    void churnSendsModEventsToClients() throws Exception {
        try (SimulatorCore core = ScalePoolGeneratorTest.core(5, new ScaleSettings(2, 50, 400, null, null))) {
            String session = (String) core.dispatcher().call("session.login_with_password", List.of("root", "password"));
            Map<?, ?> first = (Map<?, ?>) core.dispatcher().call("event.from", List.of(session, List.of("*"), "", 0.0));
            String token = (String) first.get("token");
            Set<String> classes = new HashSet<>();
            int mods = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((mods < 100 || !classes.contains("vm")) && System.nanoTime() < deadline) {
                Map<?, ?> r = (Map<?, ?>) core.dispatcher().call("event.from", List.of(session, List.of("*"), token, 5.0));
                token = (String) r.get("token");
                for (Object e : (List<?>) r.get("events")) {
                    Map<?, ?> ev = (Map<?, ?>) e;
                    if (ev.get("operation").equals("mod")) {
                        mods++;
                        classes.add((String) ev.get("class"));
                    }
                }
            }
            assertThat(mods).isGreaterThanOrEqualTo(100);
            assertThat(classes).contains("vm", "vm_metrics");
            assertThat(core.store().count("VM")).isEqualTo(50 + 2 + 6);
        }
    }
}
