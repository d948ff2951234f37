package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.xapicenter.xapi.XapiException;

/** Tasks (XAPI-PROTOCOL.md §4): Async calls, progress, results, failures, cancel, destroy. */
@SuppressWarnings("unchecked")
class TaskTest {
    private SimTestSupport sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void asyncStartAdvancesProgressAndSucceeds() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(300));
        String vm = sim.vm("dev-sandbox");
        String task = (String) sim.call("Async.VM.start", vm, false, false);
        assertThat(task).startsWith("OpaqueRef:");
        Map<String, Object> pending = sim.record("task", task);
        assertThat(pending.get("status")).isEqualTo("pending");
        assertThat((List<Object>) pending.get("allowed_operations")).containsExactly("cancel");
        assertThat(pending.get("name_label")).isEqualTo("Async.VM.start");

        List<Double> seen = new ArrayList<>();
        SimTestSupport.waitFor("task to finish", () -> {
            Object p = sim.core.store().get(task, "progress");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(p)) {
                seen.add((Double) p);
            }
            return !"pending".equals(sim.core.store().get(task, "status"));
        });
        assertThat(sim.call("task.get_status", task)).isEqualTo("success");
        assertThat(sim.call("task.get_progress", task)).isEqualTo(1.0);
        assertThat(seen).isSorted();
        assertThat(sim.call("task.get_result", task)).isEqualTo("");
        assertThat(sim.call("VM.get_power_state", vm)).isEqualTo("Running");
        sim.call("task.destroy", task);
        assertThat(sim.failure("task.get_record", task).code()).isEqualTo("HANDLE_INVALID");
    }

    @Test
    void asyncFailureEndsInErrorInfo() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(10));
        String vm = sim.vm("web-01");
        String task = (String) sim.call("Async.VM.start", vm, false, false);
        assertThat(sim.waitForTask(task)).isEqualTo("failure");
        assertThat((List<Object>) sim.call("task.get_error_info", task)).containsExactly("VM_BAD_POWER_STATE", vm, "halted", "running");
    }

    @Test
    void asyncResultIsXmlRpcSerialised() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(10));
        String task = (String) sim.call("Async.VM.get_by_uuid", sim.call("VM.get_uuid", sim.vm("mail")));
        assertThat(sim.waitForTask(task)).isEqualTo("success");
        assertThat(sim.call("task.get_result", task)).isEqualTo("<value>" + sim.vm("mail") + "</value>");
    }

    @Test
    void createdTasksKeepOtherConfigAndCancel() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(10));
        String task = (String) sim.call("task.create", "Import", "VM import");
        sim.call("task.add_to_other_config", task, "XapiCenter.applies_to", "x");
        assertThat((Map<Object, Object>) sim.call("task.get_other_config", task)).containsEntry("XapiCenter.applies_to", "x");
        sim.call("task.cancel", task);
        assertThat(sim.call("task.get_status", task)).isEqualTo("cancelled");
        assertThat(sim.failure("task.cancel", task).code()).isEqualTo("OPERATION_NOT_ALLOWED");
    }

    @Test
    void asyncCallsCheckSessionAndArityBeforeMakingATask() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(10));
        int tasks = sim.core.store().count("task");
        XapiException e = sim.failure("Async.VM.start", sim.vm("dev-sandbox"));
        assertThat(e.code()).isEqualTo("MESSAGE_PARAMETER_COUNT_MISMATCH");
        assertThat(sim.core.store().count("task")).isEqualTo(tasks);
    }
}
