package org.xapicenter.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.tasks.EventsModel;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;
import org.xapicenter.xapi.XapiException;

/** A change's calls run in order; a failure undoes the earlier ones and comes back in words. */
class ChangeTest {
    private final List<String> undone = new ArrayList<>();
    private CacheLink.Server server;
    private EventsModel events;
    private ConnectionModel connection;
    private ActionRunner runner;
    private CacheLink link;

    @BeforeEach
    void setUp() {
        Connections connections = Harness.inlineConnections();
        events = new EventsModel(connections);
        link = new CacheLink("lab", (m, a) -> server.call(m, a));
        connection = connections.add(link);
        runner = new ActionRunner(events, Harness.INLINE, Harness.INLINE);
    }

    private static Change addDisk() {
        return Change.titled("Adding a disk")
                .step("Creating the disk", (l, earlier) -> l.call("VDI.create"), (l, vdi) -> l.call("VDI.destroy", vdi))
                .step("Attaching it", (l, earlier) -> l.call("VBD.create", earlier.get(0)), (l, vbd) -> l.call("VBD.destroy", vbd))
                .step("Plugging it in", (l, earlier) -> l.call("VBD.plug", earlier.get(1)), null);
    }

    @Test
    void theCallsRunInOrderEachSeeingWhatTheEarlierReturned() {
        List<Object> seen = new ArrayList<>();
        server = (m, a) -> {
            seen.add(m + a);
            return m.equals("VDI.create") ? "OpaqueRef:vdi" : m.equals("VBD.create") ? "OpaqueRef:vbd" : "";
        };
        CompletableFuture<List<Object>> done = runner.apply(connection, addDisk());
        assertThat(done).isCompletedWithValue(List.of("OpaqueRef:vdi", "OpaqueRef:vbd", ""));
        assertThat(seen).containsExactly("VDI.create[]", "VBD.create[OpaqueRef:vdi]", "VBD.plug[OpaqueRef:vbd]");
        EventEntry entry = events.entries().get(0);
        assertThat(entry.title()).isEqualTo("Adding a disk");
        assertThat(entry.status()).isEqualTo(EventEntry.Status.SUCCEEDED);
        assertThat(entry.progress()).isEqualTo(1.0);
    }

    @Test
    void aFailedCallUndoesTheEarlierOnesInReverseAndSaysWhyInWords() {
        server = (m, a) -> {
            switch (m) {
                case "VDI.create":
                    return "OpaqueRef:vdi";
                case "VBD.create":
                    return "OpaqueRef:vbd";
                case "VBD.plug":
                    throw new XapiException("DEVICE_ALREADY_ATTACHED", List.of("xvdb"));
                default:
                    undone.add(m + a);
                    return "";
            }
        };
        CompletableFuture<List<Object>> done = runner.apply(connection, addDisk());
        assertThat(done).isCompletedExceptionally();
        assertThat(undone).containsExactly("VBD.destroy[OpaqueRef:vbd]", "VDI.destroy[OpaqueRef:vdi]");
        EventEntry entry = events.entries().get(0);
        assertThat(entry.status()).isEqualTo(EventEntry.Status.FAILED);
        assertThat(entry.detail()).isEqualTo("The device \"xvdb\" is already active.");
    }

    @Test
    void anUndoThatFailsTooDoesNotHideTheFirstFailure() {
        server = (m, a) -> {
            if (m.equals("VDI.create")) {
                return "OpaqueRef:vdi";
            }
            throw new XapiException(m.equals("VBD.create") ? "VM_BAD_POWER_STATE" : "HANDLE_INVALID",
                    List.of("OpaqueRef:x", "halted", "running"));
        };
        CompletableFuture<List<Object>> done = runner.apply(connection, addDisk());
        assertThat(done).isCompletedExceptionally();
        assertThat(link.calls()).containsExactly("VDI.create", "VBD.create", "VDI.destroy");
        assertThat(events.entries().get(0).detail()).contains("must be halted");
    }
}
