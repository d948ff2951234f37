package org.xapicenter.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.actions.VmAction;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.ui.tree.NavigationTreeModel;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.record.XapiRecord;

class EventsModelTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    private final List<String> startedTasks = new ArrayList<>();
    private CacheLink link;
    private EventsModel events;
    private ConnectionModel connection;
    private NavigationTreeModel tree;
    private ActionRunner runner;
    private CacheLink.Server server = (m, a) -> null;
    private Connections connections;

    @BeforeEach
    void setUp() {
        connections = Harness.inlineConnections();
        events = new EventsModel(connections, now::get);
        tree = new NavigationTreeModel(connections);
        link = new CacheLink("lab", (m, a) -> server.call(m, a));
        connection = connections.add(link);
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        runner = new ActionRunner(events, Harness.INLINE, Harness.INLINE);
    }

    private static XapiRecord task(String ref, String name, String status, double progress, Object... more) {
        List<Object> kv = new ArrayList<>(List.of("name_label", name, "status", status, "progress", Double.toString(progress),
                "created", "20260101T10:00:00Z", "allowed_operations", "pending".equals(status) ? List.of("cancel") : List.of(),
                "subtask_of", XapiRecord.NULL_REF, "error_info", List.of()));
        kv.addAll(List.of(more));
        return Pools.record("task", ref, kv.toArray());
    }

    private NavNode vm(String name) {
        return tree.find(connection, Pools.ref("vm-" + name)).getValue();
    }

    @Test
    void tasksOfOtherClientsAppearWithLiveProgressNewestFirst() {
        CacheFeeder.put(link.cache(), task("OpaqueRef:t1", "Async.VM.clone", "pending", 0.0));
        now.set(now.get().plusSeconds(5));
        CacheFeeder.put(link.cache(), task("OpaqueRef:t2", "Export VM", "pending", 0.25, "created", "20260101T10:00:05Z"));
        assertThat(events.entries()).extracting(EventEntry::title).containsExactly("Export VM", "VM.clone");
        EventEntry clone = events.entries().get(1);
        assertThat(clone.cancellableProperty().get()).isTrue();
        assertThat(clone.elapsedProperty().get()).isEqualTo("0:00");
        events.tick();
        assertThat(clone.elapsedProperty().get()).isEqualTo("0:05");

        CacheFeeder.put(link.cache(), task("OpaqueRef:t1", "Async.VM.clone", "pending", 0.6));
        assertThat(clone.progress()).isEqualTo(0.6);
        now.set(now.get().plusSeconds(60));
        events.tick();
        assertThat(clone.elapsedProperty().get()).isEqualTo("1:05");

        CacheFeeder.put(link.cache(), task("OpaqueRef:t1", "Async.VM.clone", "success", 1.0, "finished", "20260101T10:01:10Z"));
        assertThat(clone.status()).isEqualTo(EventEntry.Status.SUCCEEDED);
        assertThat(clone.cancellableProperty().get()).isFalse();
        assertThat(clone.elapsedProperty().get()).isEqualTo("1:10");
        now.set(now.get().plusSeconds(600));
        events.tick();
        assertThat(clone.elapsedProperty().get()).as("finished entries stop ticking").isEqualTo("1:10");
    }

    @Test
    void anotherClientsVmTaskIsNamedAfterTheVmThatListsIt() {
        XapiRecord vm = link.cache().get(Pools.ref("vm-web-01"));
        CacheFeeder.put(link.cache(), task("OpaqueRef:o", "Async.VM.clean_reboot", "pending", 0.1),
                Pools.with(vm, "current_operations", java.util.Map.of("OpaqueRef:o", "clean_reboot")));
        assertThat(events.entries().get(0).title()).isEqualTo("Rebooting VM 'web-01'");
    }

    @Test
    void aVmThatListsTheTaskInALaterBatchStillNamesIt() {
        CacheFeeder.put(link.cache(), task("OpaqueRef:o", "Async.VM.clean_reboot", "pending", 0.1));
        assertThat(events.entries().get(0).title()).isNotEqualTo("Rebooting VM 'web-01'");
        XapiRecord vm = link.cache().get(Pools.ref("vm-web-01"));
        CacheFeeder.put(link.cache(), Pools.with(vm, "current_operations", java.util.Map.of("OpaqueRef:o", "clean_reboot")));
        assertThat(events.entries().get(0).title()).isEqualTo("Rebooting VM 'web-01'");
    }

    @Test
    void aFailedTaskShowsAFriendlyMessageWithTheVmName() {
        CacheFeeder.put(link.cache(), task("OpaqueRef:t", "Async.VM.start", "failure", 0.3,
                "error_info", List.of("VM_BAD_POWER_STATE", Pools.ref("vm-web-01"), "halted", "running")));
        EventEntry e = events.entries().get(0);
        assertThat(e.status()).isEqualTo(EventEntry.Status.FAILED);
        assertThat(e.detail()).isEqualTo("The VM \"web-01\" must be halted for this, but it is running.");
    }

    @Test
    void subtasksAreCoveredByTheirParent() {
        CacheFeeder.put(link.cache(), task("OpaqueRef:sub", "sub", "pending", 0, "subtask_of", "OpaqueRef:parent"));
        assertThat(events.entries()).isEmpty();
    }

    @Test
    void anActionWeStartGetsItsFriendlyTitleWhicheverArrivesFirst() {
        server = (m, a) -> {
            startedTasks.add(m);
            // the task's event reaches the cache before the call returns its ref
            CacheFeeder.put(link.cache(), task("OpaqueRef:start", "Async.VM.start", "pending", 0.1));
            return "OpaqueRef:start";
        };
        runner.run(VmAction.START, vm("db-01"));
        assertThat(startedTasks).containsExactly("Async.VM.start");
        assertThat(events.entries()).hasSize(1);
        EventEntry e = events.entries().get(0);
        assertThat(e.title()).isEqualTo("Starting VM 'db-01'");
        assertThat(e.taskRef()).isEqualTo("OpaqueRef:start");
        assertThat(e.progress()).isEqualTo(0.1);

        server = (m, a) -> "OpaqueRef:reboot"; // this time the ref comes first
        runner.run(VmAction.REBOOT, vm("web-01"));
        EventEntry r = events.entries().get(0);
        assertThat(r.title()).isEqualTo("Rebooting VM 'web-01'");
        CacheFeeder.put(link.cache(), task("OpaqueRef:reboot", "Async.VM.clean_reboot", "pending", 0.5));
        assertThat(events.entries()).hasSize(2);
        assertThat(r.progress()).isEqualTo(0.5);
        assertThat(r.title()).isEqualTo("Rebooting VM 'web-01'");
    }

    @Test
    void aCallRefusedBeforeAnyTaskIsAFailedEntry() {
        server = (m, a) -> {
            throw new XapiException("VM_BAD_POWER_STATE", List.of(Pools.ref("vm-db-01"), "halted", "running"));
        };
        runner.run(VmAction.START, vm("db-01"));
        EventEntry e = events.entries().get(0);
        assertThat(e.status()).isEqualTo(EventEntry.Status.FAILED);
        assertThat(e.detail()).isEqualTo("The VM \"db-01\" must be halted for this, but it is running.");
    }

    @Test
    void anUnreachableServerIsAFailedEntryInWords() {
        server = (m, a) -> {
            throw new IOException("not connected", new java.net.ConnectException("Connection refused"));
        };
        runner.run(VmAction.SHUT_DOWN, vm("web-01"));
        assertThat(events.entries().get(0).detail()).startsWith("The server refused the connection");
    }

    @Test
    void cancelCallsTaskCancelAndTheTaskEndsCancelled() {
        server = (m, a) -> "OpaqueRef:long";
        runner.run(VmAction.START, vm("db-01"));
        CacheFeeder.put(link.cache(), task("OpaqueRef:long", "Async.VM.start", "pending", 0.2));
        EventEntry e = events.entries().get(0);
        assertThat(e.cancellableProperty().get()).isTrue();
        List<Object> cancelArgs = new ArrayList<>();
        server = (m, a) -> {
            cancelArgs.addAll(a);
            return null;
        };
        runner.cancel(e);
        assertThat(link.calls()).endsWith("task.cancel");
        assertThat(cancelArgs).containsExactly("OpaqueRef:long");
        CacheFeeder.put(link.cache(), task("OpaqueRef:long", "Async.VM.start", "cancelled", 0.2,
                "error_info", List.of("TASK_CANCELLED", "OpaqueRef:long")));
        assertThat(e.status()).isEqualTo(EventEntry.Status.CANCELLED);
        assertThat(e.detail()).isEqualTo("The operation was cancelled.");
        assertThat(e.cancellableProperty().get()).isFalse();
    }

    @Test
    void aRefusedCancelIsExplained() {
        server = (m, a) -> "OpaqueRef:x";
        runner.run(VmAction.START, vm("db-01"));
        CacheFeeder.put(link.cache(), task("OpaqueRef:x", "Async.VM.start", "pending", 0.2));
        server = (m, a) -> {
            throw new XapiException("OPERATION_NOT_ALLOWED", List.of("task is not cancellable"));
        };
        runner.cancel(events.entries().get(0));
        assertThat(events.entries().get(0).detail()).isEqualTo("This operation is not allowed: task is not cancellable");
    }

    @Test
    void aTaskDestroyedWhileRunningEnds() {
        CacheFeeder.put(link.cache(), task("OpaqueRef:gone", "x", "pending", 0.2));
        CacheFeeder.delete(link.cache(), "OpaqueRef:gone");
        assertThat(events.entries().get(0).status()).isEqualTo(EventEntry.Status.ENDED);
    }

    @Test
    void aReconnectWithoutTheTaskEndsItsLine() {
        CacheFeeder.put(link.cache(), task("OpaqueRef:lost", "x", "pending", 0.2));
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        assertThat(events.entries().get(0).status()).isEqualTo(EventEntry.Status.ENDED);
    }

    @Test
    void aRemovedConnectionTakesItsLinesAlong() {
        CacheLink other = new CacheLink("other", (m, a) -> "OpaqueRef:late");
        ConnectionModel otherConnection = connections.add(other);
        CacheFeeder.fill(other.cache(), Pools.smallPool());
        CacheFeeder.put(link.cache(), task("OpaqueRef:mine", "kept", "pending", 0.2));
        CacheFeeder.put(other.cache(), task("OpaqueRef:theirs", "dropped", "pending", 0.2));
        EventEntry sent = events.startAction(otherConnection, "Starting VM 'db-01'");
        assertThat(events.entries()).hasSize(3);

        connections.remove(otherConnection);

        // nothing of the removed pool (and so none of its cache) stays reachable from the panel
        assertThat(events.entries()).extracting(EventEntry::connection).containsOnly(connection);
        assertThat(events.entries()).extracting(EventEntry::title).containsExactly("kept");
        // its call answering afterwards does not bring the line back
        events.attach(sent, "OpaqueRef:late");
        CacheFeeder.put(other.cache(), task("OpaqueRef:late", "late", "pending", 0.5));
        assertThat(events.entries()).extracting(EventEntry::title).containsExactly("kept");
    }

    @Test
    void theClockIsNeededOnlyWhileSomethingRuns() {
        assertThat(events.anyRunningProperty().get()).isFalse();
        CacheFeeder.put(link.cache(), task("OpaqueRef:a", "a", "pending", 0.2));
        assertThat(events.anyRunningProperty().get()).isTrue();
        CacheFeeder.put(link.cache(), task("OpaqueRef:a", "a", "success", 1.0));
        assertThat(events.anyRunningProperty().get()).isFalse();

        server = (m, a) -> {
            throw new XapiException("VM_BAD_POWER_STATE", List.of(Pools.ref("vm-db-01"), "halted", "running"));
        };
        EventEntry refused = runner.run(VmAction.START, vm("db-01"));
        assertThat(refused.status()).isEqualTo(EventEntry.Status.FAILED);
        assertThat(events.anyRunningProperty().get()).isFalse();

        CacheLink other = new CacheLink("other", (m, a) -> null);
        ConnectionModel otherConnection = connections.add(other);
        CacheFeeder.fill(other.cache(), Pools.smallPool());
        CacheFeeder.put(other.cache(), task("OpaqueRef:b", "b", "pending", 0.2));
        assertThat(events.anyRunningProperty().get()).isTrue();
        connections.remove(otherConnection);
        assertThat(events.anyRunningProperty().get()).as("its running line went with it").isFalse();
    }

    @Test
    void elapsedFormat() {
        assertThat(EventEntry.format(java.time.Duration.ofSeconds(7))).isEqualTo("0:07");
        assertThat(EventEntry.format(java.time.Duration.ofSeconds(3723))).isEqualTo("1:02:03");
    }

    @Test
    void theListStaysBounded() {
        for (int i = 0; i < EventsModel.MAX_ENTRIES + 50; i++) {
            CacheFeeder.put(link.cache(), task("OpaqueRef:b" + i, "t" + i, "success", 1));
        }
        assertThat(events.entries()).hasSize(EventsModel.MAX_ENTRIES);
    }
}
