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
    void createdTasksKeepOtherConfigAndAnEarlyCancelIsOnlyRecordedAsXapiDoes() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(10));
        String task = (String) sim.call("task.create", "Import", "VM import");
        sim.call("task.add_to_other_config", task, "XapiCenter.applies_to", "x");
        assertThat((Map<Object, Object>) sim.call("task.get_other_config", task)).containsEntry("XapiCenter.applies_to", "x");
        // Not cancellable until a handler takes it over, but task.cancel is accepted and only recorded.
        assertThat((List<Object>) sim.call("task.get_allowed_operations", task)).isEmpty();
        sim.call("task.cancel", task);
        assertThat(sim.call("task.get_status", task)).isEqualTo("pending");
        assertThat((Map<Object, Object>) sim.call("task.get_current_operations", task)).containsValue("cancel");
        // Destroying it while pending only marks it; its owner ends it with set_status and then it goes.
        sim.call("task.destroy", task);
        assertThat(sim.call("task.get_status", task)).isEqualTo("pending");
        assertThat((Map<Object, Object>) sim.call("task.get_current_operations", task)).containsValue("destroy");
        sim.call("task.set_error_info", task, List.of("TASK_CANCELLED", task));
        sim.call("task.set_status", task, "cancelled");
        assertThat(sim.failure("task.get_record", task).code()).isEqualTo("HANDLE_INVALID");
    }

    @Test
    void setStatusEndsACreatedTaskAndLaterOutcomesDoNotOverwriteIt() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(10));
        String task = (String) sim.call("task.create", "Export", "");
        sim.call("task.set_error_info", task, List.of("XAPICENTER_CONNECT_FAILED"));
        sim.call("task.set_status", task, "failure");
        assertThat(sim.call("task.get_status", task)).isEqualTo("failure");
        assertThat((List<Object>) sim.call("task.get_error_info", task)).containsExactly("XAPICENTER_CONNECT_FAILED");
        // A handler given it now refuses it, and nothing it does changes the outcome.
        assertThat(sim.core.tasks().attend(task)).isFalse();
        sim.core.tasks().finishSuccess(task, "late");
        assertThat(sim.call("task.get_status", task)).isEqualTo("failure");
        // Cancelling a finished task is accepted and changes nothing, as xapi does.
        sim.call("task.cancel", task);
        assertThat(sim.call("task.get_status", task)).isEqualTo("failure");
        assertThat(sim.failure("task.set_status", task, "done").code()).isEqualTo("INVALID_VALUE");
        sim.call("task.destroy", task);
        assertThat(sim.failure("task.get_record", task).code()).isEqualTo("HANDLE_INVALID");
    }

    @Test
    void aHandlerTakingOverACancelledTaskEndsItCancelled() throws Exception {
        sim = new SimTestSupport(Duration.ofMillis(10));
        String task = (String) sim.call("task.create", "Export", "");
        sim.call("task.cancel", task);
        assertThat(sim.core.tasks().attend(task)).isFalse();
        assertThat(sim.call("task.get_status", task)).isEqualTo("cancelled");
        assertThat((List<Object>) sim.call("task.get_error_info", task)).containsExactly("TASK_CANCELLED", task);

        String taken = (String) sim.call("task.create", "Export", "");
        assertThat(sim.core.tasks().attend(taken)).isTrue();
        assertThat((List<Object>) sim.call("task.get_allowed_operations", taken)).containsExactly("cancel");
        sim.call("task.cancel", taken);
        assertThat(sim.core.tasks().cancelRequested(taken)).isTrue();
        sim.core.tasks().finishFailure(taken, org.xapicenter.sim.rpc.Errors.taskCancelled(taken));
        assertThat(sim.call("task.get_status", taken)).isEqualTo("cancelled");
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
