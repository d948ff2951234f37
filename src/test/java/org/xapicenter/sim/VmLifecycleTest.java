package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.xapicenter.xapi.XapiException;

/** XAPI-PROTOCOL.md §7 through the dispatcher: the power table, the error order, side effects. */
@SuppressWarnings("unchecked")
class VmLifecycleTest {
    private SimTestSupport sim;

    @BeforeEach
    void start() throws XapiException {
        sim = new SimTestSupport(Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Demo VMs: dev-sandbox Halted, web-01 Running, monitoring Paused, build-runner Suspended. */
    @ParameterizedTest(name = "{1} on {0} -> {2}")
    @CsvSource({
            "dev-sandbox,  VM.start,          Running",
            "web-01,       VM.clean_shutdown, Halted",
            "web-01,       VM.hard_shutdown,  Halted",
            "monitoring,   VM.hard_shutdown,  Halted",
            "build-runner, VM.hard_shutdown,  Halted",
            "web-01,       VM.clean_reboot,   Running",
            "monitoring,   VM.hard_reboot,    Running",
            "web-01,       VM.suspend,        Suspended",
            "build-runner, VM.resume,         Running",
            "web-01,       VM.pause,          Paused",
            "monitoring,   VM.unpause,        Running"})
    void allowedOperationsReachTheirState(String name, String method, String expected) throws Exception {
        String vm = sim.vm(name);
        Object[] args = method.equals("VM.start") || method.equals("VM.resume")
                ? new Object[] {vm, false, false} : new Object[] {vm};
        assertThat(sim.call(method, args)).isEqualTo("");
        Map<String, Object> r = sim.record("VM", vm);
        assertThat(r.get("power_state")).isEqualTo(expected);
        assertThat((Map<Object, Object>) r.get("current_operations")).isEmpty();
        boolean live = expected.equals("Running") || expected.equals("Paused");
        assertThat(sim.core.store().isA((String) r.get("resident_on"), "host")).isEqualTo(live);
    }

    @ParameterizedTest(name = "{1} on {0} -> VM_BAD_POWER_STATE {2} {3}")
    @CsvSource({
            "web-01,       VM.start,          halted,    running",
            "dev-sandbox,  VM.clean_shutdown, running,   halted",
            "dev-sandbox,  VM.hard_shutdown,  'paused, running, suspended', halted",
            "build-runner, VM.hard_reboot,    'paused, running', suspended",
            "web-01,       VM.unpause,        paused,    running",
            "monitoring,   VM.resume,         suspended, paused"})
    void wrongPowerStateIsRefusedWithItsParameters(String name, String method, String expected, String actual)
            throws Exception {
        String vm = sim.vm(name);
        Object[] args = method.equals("VM.start") || method.equals("VM.resume")
                ? new Object[] {vm, false, false} : new Object[] {vm};
        XapiException e = sim.failure(method, args);
        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(e.params()).containsExactly(vm, expected, actual);
    }

    /** VBDs and VIFs can be hot-plugged or unplugged only while their VM runs; their allowed_operations say so. */
    @Test
    void devicesAllowedOperationsFollowThePowerState() throws Exception {
        String vm = sim.vm("dev-sandbox");
        List<Object> vbds = (List<Object>) sim.call("VM.get_VBDs", vm);
        List<Object> vifs = (List<Object>) sim.call("VM.get_VIFs", vm);
        assertThat(vbds).isNotEmpty();
        assertThat(vifs).isNotEmpty();

        sim.call("VM.start", vm, false, false);
        for (Object vbd : vbds) {
            assertThat((List<Object>) sim.call("VBD.get_allowed_operations", vbd)).contains("unplug")
                    .doesNotContain("plug", "attach");
        }
        for (Object vif : vifs) {
            assertThat((List<Object>) sim.call("VIF.get_allowed_operations", vif)).containsExactly("attach", "unplug");
        }

        sim.call("VM.pause", vm);
        for (Object vbd : vbds) {
            assertThat((List<Object>) sim.call("VBD.get_allowed_operations", vbd)).doesNotContain("plug", "unplug");
        }
        for (Object vif : vifs) {
            assertThat((List<Object>) sim.call("VIF.get_allowed_operations", vif)).containsExactly("attach");
        }

        sim.call("VM.hard_shutdown", vm);
        for (Object vbd : vbds) {
            assertThat((List<Object>) sim.call("VBD.get_allowed_operations", vbd)).contains("attach")
                    .doesNotContain("plug", "unplug", "unplug_force");
        }
        for (Object vif : vifs) {
            assertThat((List<Object>) sim.call("VIF.get_allowed_operations", vif)).containsExactly("attach");
        }
    }

    /** The demo pool is built by the same rules: a running VM's devices offer unplug, a halted VM's do not. */
    @Test
    void demoPoolDevicesStartWithTheirVmsAllowedOperations() throws Exception {
        for (Object vif : (List<Object>) sim.call("VM.get_VIFs", sim.vm("web-01"))) {
            assertThat((List<Object>) sim.call("VIF.get_allowed_operations", vif)).containsExactly("attach", "unplug");
        }
        for (Object vif : (List<Object>) sim.call("VM.get_VIFs", sim.vm("dev-sandbox"))) {
            assertThat((List<Object>) sim.call("VIF.get_allowed_operations", vif)).containsExactly("attach");
        }
        for (Object vbd : (List<Object>) sim.call("VM.get_VBDs", sim.vm("web-01"))) {
            if ("Disk".equals(sim.call("VBD.get_type", vbd))) {
                assertThat((List<Object>) sim.call("VBD.get_allowed_operations", vbd)).contains("unplug");
            }
        }
    }

    @Test
    void startSetsResidencyMetricsAddressesAndDevices() throws Exception {
        String vm = sim.vm("dev-sandbox");
        String hostMetrics = (String) sim.call("host.get_metrics", sim.core.store().refs("host").get(2));
        long freeBefore = (Long) sim.call("host_metrics.get_memory_free", hostMetrics);
        String affinity = (String) sim.call("VM.get_affinity", vm);
        sim.call("VM.set_affinity", vm, sim.core.store().refs("host").get(2));
        sim.call("VM.start", vm, false, false);
        Map<String, Object> r = sim.record("VM", vm);
        assertThat(affinity).isEqualTo("OpaqueRef:NULL");
        assertThat(r.get("resident_on")).isEqualTo(sim.core.store().refs("host").get(2));
        assertThat((List<Object>) sim.call("host.get_resident_VMs", r.get("resident_on"))).contains(vm);
        Map<String, Object> gm = sim.record("VM_guest_metrics", (String) r.get("guest_metrics"));
        assertThat((Map<Object, Object>) gm.get("networks")).containsKey("0/ip");
        Map<String, Object> metrics = sim.record("VM_metrics", (String) r.get("metrics"));
        assertThat(metrics.get("start_time")).isNotEqualTo(java.time.Instant.EPOCH);
        assertThat(metrics.get("memory_actual")).isEqualTo(r.get("memory_dynamic_max"));
        assertThat((Long) sim.call("host_metrics.get_memory_free", hostMetrics))
                .isEqualTo(freeBefore - (Long) r.get("memory_dynamic_max"));
        for (Object vbd : (List<Object>) r.get("VBDs")) {
            assertThat(sim.call("VBD.get_currently_attached", vbd)).isEqualTo(true);
        }
        assertThat((List<Object>) r.get("allowed_operations")).contains("clean_shutdown", "hard_shutdown", "suspend")
                .doesNotContain("start");
        // Without pool members one listener (127.0.0.1) serves every host, so consoles name it.
        String hostAddress = "127.0.0.1";
        assertThat((List<Object>) r.get("consoles")).singleElement().satisfies(c -> {
            Map<String, Object> console = sim.record("console", (String) c);
            assertThat(console.get("protocol")).isEqualTo("rfb");
            assertThat(console.get("location")).isEqualTo("https://" + hostAddress + "/console?uuid=" + console.get("uuid"));
        });

        sim.call("VM.hard_shutdown", vm);
        r = sim.record("VM", vm);
        assertThat(r.get("resident_on")).isEqualTo("OpaqueRef:NULL");
        assertThat((List<Object>) sim.call("host.get_resident_VMs", sim.core.store().refs("host").get(2))).doesNotContain(vm);
        assertThat((Map<Object, Object>) sim.call("VM_guest_metrics.get_networks", r.get("guest_metrics"))).isEmpty();
        for (Object vif : (List<Object>) r.get("VIFs")) {
            assertThat(sim.call("VIF.get_currently_attached", vif)).isEqualTo(false);
        }
        assertThat((List<Object>) r.get("allowed_operations")).contains("start").doesNotContain("clean_shutdown");
        assertThat((List<Object>) r.get("consoles")).isEmpty();
        assertThat(sim.call("host_metrics.get_memory_free", hostMetrics)).isEqualTo(freeBefore);
    }

    @Test
    void blockedOperationWinsOverBadPowerState() throws Exception {
        String vm = sim.vm("web-01");
        sim.call("VM.add_to_blocked_operations", vm, "start", "ASK_ALICE");
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", vm)).doesNotContain("start");
        XapiException e = sim.failure("VM.start", vm, false, false);
        assertThat(e.code()).isEqualTo("OPERATION_BLOCKED");
        // As xapi: the second parameter is the reason the blocker recorded.
        assertThat(e.params()).containsExactly(vm, "ASK_ALICE");
        sim.call("VM.add_to_blocked_operations", vm, "clean_shutdown", "true");
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", vm)).doesNotContain("clean_shutdown");
        sim.call("VM.remove_from_blocked_operations", vm, "clean_shutdown");
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", vm)).contains("clean_shutdown");
    }

    @Test
    void templatesSnapshotsAndControlDomainsAreRefusedInOrder() throws Exception {
        String template = sim.vm("Debian Bookworm 12");
        XapiException e = sim.failure("VM.start", template, false, false);
        assertThat(e.code()).isEqualTo("VM_IS_TEMPLATE");
        assertThat(e.param(0)).isEqualTo(template);
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", template))
                .contains("clone", "copy", "export", "provision").doesNotContain("start", "destroy", "snapshot");
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", dom0Of(sim))).containsExactly("changing_dynamic_range");

        String dom0 = sim.vm("Control domain on host: xcp-ng-01");
        assertThat(sim.failure("VM.start", dom0, false, false).code()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(sim.failure("VM.clean_shutdown", dom0).code()).isEqualTo("OPERATION_NOT_ALLOWED");

        String vm = sim.vm("legacy-app");
        sim.call("VM.set_is_a_template", vm, true);
        assertThat(sim.failure("VM.start", vm, false, false).code()).isEqualTo("VM_IS_TEMPLATE");
        sim.core.store().update(vm, Map.of("is_a_template", false, "is_a_snapshot", true));
        assertThat(sim.failure("VM.start", vm, false, false).code()).isEqualTo("VM_IS_SNAPSHOT");
    }

    @Test
    void operationInProgressShowsInCurrentOperationsAndBlocksOthers() throws Exception {
        sim.close();
        sim = new SimTestSupport(Duration.ofSeconds(30));
        String vm = sim.vm("dev-sandbox");
        String task = (String) sim.call("Async.VM.start", vm, false, false);
        SimTestSupport.waitFor("start to be current", () -> sim.core.store().getMap(vm, "current_operations").containsKey(task));
        assertThat(sim.core.store().getMap(vm, "current_operations")).containsEntry(task, "start");
        assertThat(sim.core.store().getList(vm, "allowed_operations")).isEmpty();
        // Still Halted while starting: the power-state check comes before the in-progress one.
        assertThat(sim.failure("VM.clean_shutdown", vm).code()).isEqualTo("VM_BAD_POWER_STATE");
        XapiException e = sim.failure("VM.start", vm, false, false);
        assertThat(e.code()).isEqualTo("OTHER_OPERATION_IN_PROGRESS");
        assertThat(e.params()).containsExactly("VM", vm, "start", task);

        sim.call("task.cancel", task);
        assertThat(sim.waitForTask(task)).isEqualTo("cancelled");
        assertThat((List<Object>) sim.call("task.get_error_info", task)).containsExactly("TASK_CANCELLED", task);
        assertThat(sim.call("VM.get_power_state", vm)).isEqualTo("Halted");
        assertThat(sim.core.store().getMap(vm, "current_operations")).isEmpty();
        assertThat(sim.core.store().getList(vm, "allowed_operations")).contains("start");
    }

    @Test
    void allowedOperationsFollowXapisTable() throws Exception {
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", sim.vm("dev-sandbox")))
                .contains("start", "start_on", "clone", "copy", "export", "destroy", "snapshot", "make_into_template")
                .doesNotContain("provision", "revert", "clean_shutdown", "pool_migrate");
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", sim.vm("web-01")))
                .contains("clean_shutdown", "clean_reboot", "hard_shutdown", "hard_reboot", "suspend", "pause",
                        "pool_migrate", "snapshot", "checkpoint")
                .doesNotContain("start", "destroy", "export", "snapshot_with_quiesce", "unpause");
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", sim.vm("build-runner")))
                .contains("resume", "hard_shutdown", "destroy", "export").doesNotContain("start", "clone");
        assertThat((List<Object>) sim.call("VM.get_allowed_operations", sim.vm("monitoring")))
                .contains("unpause", "hard_shutdown", "hard_reboot").doesNotContain("pause", "clean_shutdown");
    }

    private static String dom0Of(SimTestSupport sim) throws XapiException {
        return sim.vm("Control domain on host: xcp-ng-02");
    }

    @Test
    void methodNamesWithUnderscoresAreAccepted() throws Exception {
        String vm = sim.vm("dev-sandbox");
        sim.core.dispatcher().call("VM_start", List.of(sim.session, vm, false, false));
        assertThat(sim.core.dispatcher().call("VM_get_power_state", List.of(sim.session, vm))).isEqualTo("Running");
        assertThat(sim.core.dispatcher().call("VM_metrics_get_record",
                List.of(sim.session, sim.call("VM.get_metrics", vm)))).isInstanceOf(Map.class);
    }
}
