package org.xapicenter.sim.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xapicenter.sim.SimulatorCore;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.store.ObjectStore;

class ScalePoolGeneratorTest {

    static SimulatorCore core(long seed, ScaleSettings scale) {
        return new SimulatorCore(SimulatorOptions.builder().seed(seed).loginFailureDelay(Duration.ZERO)
                .operationDuration(Duration.ofMillis(10)).scale(scale).build());
    }

    /** Every persisted object of the store, by class then ref, in creation order. */
    static Map<String, Map<String, Map<String, Object>>> dump(ObjectStore store) {
        Map<String, Map<String, Map<String, Object>>> out = new LinkedHashMap<>();
        for (ClassDef c : store.model().classes()) {
            if (c.name().equals("session") || c.name().equals("task")) {
                continue;
            }
            Map<String, Map<String, Object>> table = new LinkedHashMap<>();
            for (String ref : store.refs(c.name())) {
                table.put(ref, store.record(ref));
            }
            out.put(c.name(), table);
        }
        return out;
    }

    @Test
    void sameSeedSamePoolRefsAndUuids() {
        ScaleSettings s = new ScaleSettings(4, 300, 0, null, null);
        try (SimulatorCore a = core(7, s); SimulatorCore b = core(7, s); SimulatorCore c = core(8, s)) {
            assertThat(dump(a.store())).isEqualTo(dump(b.store()));
            assertThat(a.store().refs("VM")).isNotEqualTo(c.store().refs("VM"));
        }
    }

    @Test
    void aPlausiblePoolWithEverythingConnected() {
        try (SimulatorCore core = core(42, new ScaleSettings(3, 400, 0, null, null))) {
            ObjectStore store = core.store();
            assertThat(store.count("host")).isEqualTo(3);
            List<String> vms = store.refs("VM").stream()
                    .filter(vm -> !(Boolean) store.get(vm, "is_a_template") && !(Boolean) store.get(vm, "is_control_domain"))
                    .toList();
            assertThat(vms).hasSize(400);
            Map<Object, Long> byPower = new LinkedHashMap<>();
            for (String vm : vms) {
                byPower.merge(store.get(vm, "power_state"), 1L, Long::sum);
                assertThat(store.getList(vm, "VBDs")).hasSizeGreaterThanOrEqualTo(2);
                assertThat(store.getList(vm, "VIFs")).isNotEmpty();
                assertThat(store.isA(store.getString(vm, "metrics"), "VM_metrics")).isTrue();
                assertThat(store.isA(store.getString(vm, "guest_metrics"), "VM_guest_metrics")).isTrue();
                boolean live = List.of("Running", "Paused").contains(store.get(vm, "power_state"));
                String host = store.getString(vm, "resident_on");
                assertThat(store.isA(host, "host")).isEqualTo(live);
                if (live) {
                    assertThat(store.getList(host, "resident_VMs")).contains(vm);
                }
                assertThat(store.getList(vm, "allowed_operations")).isNotEmpty();
            }
            assertThat(byPower.keySet()).contains("Running", "Halted", "Suspended");
            assertThat(byPower.get("Running")).isGreaterThan(byPower.get("Halted"));
            assertThat(store.refs("VM").stream().map(vm -> store.getString(vm, "name_label")).distinct().count())
                    .isEqualTo(store.count("VM"));
        }
    }

    /** The bounded-time generation: the figures are printed (the benchmark records them), not asserted. */
    @Test
    void tenThousandVmsAndGetAllRecordsAnswers() throws Exception {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        try (SimulatorCore core = core(42, new ScaleSettings(16, 10_000, 0, null, null))) {
            long built = System.nanoTime();
            long cpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1_000_000;
            String session = (String) core.dispatcher().call("session.login_with_password", List.of("root", "password"));
            Map<?, ?> all = (Map<?, ?>) core.dispatcher().call("VM.get_all_records", List.of(session));
            long answered = System.nanoTime();
            assertThat(all).hasSize(10_000 + 16 + 6);
            System.out.printf("scale: 16 hosts, 10000 VMs, %d objects generated in %d ms (%d ms CPU); VM.get_all_records in %d ms%n",
                    core.store().model().classes().stream().mapToInt(c -> core.store().count(c.name())).sum(),
                    (built - t0) / 1_000_000, cpuMs, (answered - built) / 1_000_000);
        }
    }
}
