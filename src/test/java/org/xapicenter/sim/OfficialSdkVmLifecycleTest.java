package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VBD;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VIF;
import com.xensource.xenapi.VM;


/**
 * The official XenServer Java SDK 8.1.0, unmodified, drives a VM's whole life through async tasks against
 * the simulator over a real socket: clone a halted VM, start the clone, shut it down cleanly, destroy it.
 * Every record, task and event batch goes through the SDK's own typed converters.
 */
class OfficialSdkVmLifecycleTest {
    private static final Pattern REF = Pattern.compile("OpaqueRef:[0-9a-fA-F-]+");
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = OfficialSdk.startSimulator(Duration.ofMillis(20));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Waits for a task by its events, as a careful SDK user does, and returns its typed record. */
    private static Task.Record await(Connection c, Task task) throws Exception {
        String token = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Task.Record r = task.getRecord(c);
        while (r.status == Types.TaskStatusType.PENDING && System.nanoTime() < deadline) {
            EventBatch batch = Event.from(c, Set.of("task/" + task.toWireString()), token, 5.0);
            token = batch.token;
            for (Event.Record e : batch.events) {
                if (e.snapshot instanceof Task.Record t) {
                    r = t;
                }
            }
        }
        assertThat(r.status).as("task %s: %s", r.nameLabel, r.errorInfo).isEqualTo(Types.TaskStatusType.SUCCESS);
        assertThat(r.progress).isEqualTo(1.0);
        task.destroy(c);
        return r;
    }

    private static String refIn(String result) {
        Matcher m = REF.matcher(result);
        assertThat(m.find()).as("a ref in %s", result).isTrue();
        return m.group();
    }

    @Test
    void sdkClonesStartsStopsAndDestroysAVmThroughAsyncTasks() throws Exception {
        Connection c = OfficialSdk.login(sim, "sim-sdk-vm-test");
        try {
            VM source = VM.getByNameLabel(c, "dev-sandbox").iterator().next();
            VM.Record sourceRecord = source.getRecord(c);
            assertThat(sourceRecord.allowedOperations).contains(Types.VmOperations.CLONE);

            Task.Record cloned = await(c, source.createCloneAsync(c, "sdk-clone"));
            VM clone = Types.toVM(refIn(cloned.result));
            VM.Record r = clone.getRecord(c);
            assertThat(r.nameLabel).isEqualTo("sdk-clone");
            assertThat(r.powerState).isEqualTo(Types.VmPowerState.HALTED);
            assertThat(r.isATemplate).isFalse();
            assertThat(r.VBDs).hasSameSizeAs(sourceRecord.VBDs);
            for (VBD vbd : r.VBDs) {
                VBD.Record vbdRecord = vbd.getRecord(c);
                assertThat(vbdRecord.VM).isEqualTo(clone);
                if (vbdRecord.type == Types.VbdType.DISK) {
                    VDI.Record disk = vbdRecord.VDI.getRecord(c);
                    assertThat(disk.VBDs).contains(vbd);
                    assertThat(disk.SR.getVDIs(c)).contains(vbdRecord.VDI);
                }
            }
            for (VIF vif : r.VIFs) {
                assertThat(vif.getRecord(c).VM).isEqualTo(clone);
            }
            assertThat(r.allowedOperations).contains(Types.VmOperations.START, Types.VmOperations.DESTROY);

            await(c, clone.startAsync(c, false, false));
            r = clone.getRecord(c);
            assertThat(r.powerState).isEqualTo(Types.VmPowerState.RUNNING);
            assertThat(r.residentOn.getResidentVMs(c)).contains(clone);
            Throwable refused = catchThrowable(() -> clone.destroy(c));
            assertThat(refused).isInstanceOf(Types.VmBadPowerState.class);

            await(c, clone.cleanShutdownAsync(c));
            assertThat(clone.getPowerState(c)).isEqualTo(Types.VmPowerState.HALTED);

            Map<VM, VM.Record> before = VM.getAllRecords(c);
            await(c, clone.destroyAsync(c));
            Map<VM, VM.Record> after = VM.getAllRecords(c);
            assertThat(before).containsKey(clone);
            assertThat(after).doesNotContainKey(clone).hasSize(before.size() - 1);
            assertThat(VBD.getAllRecords(c).values()).noneSatisfy(v -> assertThat(v.VM).isEqualTo(clone));
            assertThat(VIF.getAllRecords(c).values()).noneSatisfy(v -> assertThat(v.VM).isEqualTo(clone));
            Throwable gone = catchThrowable(() -> clone.getRecord(c));
            assertThat(gone).isInstanceOf(Types.HandleInvalid.class);
        } finally {
            Session.logout(c);
        }
    }

    @Test
    void sdkSnapshotsAndRevertsAVm() throws Exception {
        Connection c = OfficialSdk.login(sim, "sim-sdk-vm-test");
        try {
            VM vm = VM.getByNameLabel(c, "legacy-app").iterator().next();
            Task.Record made = await(c, vm.snapshotAsync(c, "sdk-snapshot"));
            VM snapshot = Types.toVM(refIn(made.result));
            VM.Record s = snapshot.getRecord(c);
            assertThat(s.isASnapshot).isTrue();
            assertThat(s.snapshotOf).isEqualTo(vm);
            assertThat(s.allowedOperations).contains(Types.VmOperations.REVERT);
            assertThat(vm.getSnapshots(c)).contains(snapshot);

            await(c, snapshot.revertAsync(c));
            assertThat(vm.getParent(c)).isEqualTo(snapshot);
            assertThat(vm.getPowerState(c)).isEqualTo(Types.VmPowerState.HALTED);
        } finally {
            Session.logout(c);
        }
    }
}
