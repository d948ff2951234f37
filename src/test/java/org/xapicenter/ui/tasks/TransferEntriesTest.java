package org.xapicenter.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.xapi.record.XapiRecord;

/** Events entries that a file transfer drives itself (the XVA export and import). */
class TransferEntriesTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    private final List<String> calls = new ArrayList<>();
    private CacheLink link;
    private EventsModel events;
    private ConnectionModel connection;
    private ActionRunner runner;

    @BeforeEach
    void setUp() {
        Connections connections = Harness.inlineConnections();
        events = new EventsModel(connections, now::get);
        link = new CacheLink("lab", (m, a) -> {
            calls.add(m);
            return null;
        });
        connection = connections.add(link);
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        runner = new ActionRunner(events, Harness.INLINE, Harness.INLINE);
    }

    private static XapiRecord task(String ref, String status, double progress) {
        return Pools.record("task", ref, "name_label", "Export of VM", "status", status, "progress", Double.toString(progress),
                "created", "20260101T10:00:00Z", "allowed_operations", List.of("cancel"), "subtask_of", XapiRecord.NULL_REF,
                "error_info", List.of());
    }

    @Test
    void theTransferNotItsTaskDrivesTheEntry() {
        EventEntry e = events.startTransfer(connection, "Exporting VM 'a' to a.xva");
        assertThat(e.cancellableProperty().get()).as("cancellable before the task exists").isTrue();
        // The task's own event comes first and makes a line; attaching folds it into ours.
        CacheFeeder.put(link.cache(), task("OpaqueRef:t1", "pending", 0.1));
        assertThat(events.entries()).hasSize(2);
        events.attachTransfer(e, "OpaqueRef:t1");
        assertThat(events.entries()).containsExactly(e);

        events.transferProgress(e, 0.4, "Downloading 4 MiB of 10 MiB");
        // The task ends when the bytes are in, but verification still runs: the entry stays running.
        CacheFeeder.put(link.cache(), task("OpaqueRef:t1", "success", 1.0));
        assertThat(e.status()).isEqualTo(EventEntry.Status.RUNNING);
        assertThat(e.progress()).isEqualTo(0.4);
        assertThat(e.detail()).isEqualTo("Downloading 4 MiB of 10 MiB");

        now.set(now.get().plusSeconds(7));
        events.transferSucceeded(e, "Saved a.xva (10.0 MiB)");
        assertThat(e.status()).isEqualTo(EventEntry.Status.SUCCEEDED);
        assertThat(e.progress()).isEqualTo(1.0);
        assertThat(e.elapsedProperty().get()).isEqualTo("0:07");
        // A late progress report changes nothing.
        events.transferProgress(e, 0.5, "late");
        assertThat(e.detail()).isEqualTo("Saved a.xva (10.0 MiB)");
        assertThat(events.anyRunningProperty().get()).isFalse();
    }

    @Test
    void cancelRunsTheTransfersOwnCancellerNotTaskCancel() {
        EventEntry e = events.startTransfer(connection, "Importing a.xva");
        events.attachTransfer(e, "OpaqueRef:t2");
        AtomicInteger stopped = new AtomicInteger();
        runner.cancelWith(e, stopped::incrementAndGet);
        runner.cancel(e);
        assertThat(stopped).hasValue(1);
        assertThat(calls).doesNotContain("task.cancel");
        assertThat(e.status()).isEqualTo(EventEntry.Status.CANCELLING);
        assertThat(e.cancellableProperty().get()).isFalse();

        events.transferCancelled(e, "Cancelled. No VM was left behind.");
        runner.forgetCanceller(e);
        assertThat(e.status()).isEqualTo(EventEntry.Status.CANCELLED);
        assertThat(e.progress()).as("a stopped bar, not an indeterminate one").isZero();
        runner.cancel(e);
        assertThat(stopped).hasValue(1);
    }

    @Test
    void aFailureShowsTheSentenceItWasGiven() {
        EventEntry e = events.startTransfer(connection, "Importing a.xva");
        events.transferFailed(e, "The storage repository is full.");
        assertThat(e.status()).isEqualTo(EventEntry.Status.FAILED);
        assertThat(e.detail()).isEqualTo("The storage repository is full.");
        assertThat(e.cancellableProperty().get()).isFalse();
    }
}
