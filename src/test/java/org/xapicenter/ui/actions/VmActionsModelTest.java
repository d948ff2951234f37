package org.xapicenter.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.ui.tree.NavigationTreeModel;
import org.xapicenter.xapi.record.XapiRecord;

class VmActionsModelTest {
    private final SimpleObjectProperty<NavNode> selection = new SimpleObjectProperty<>();
    private CacheLink link;
    private NavigationTreeModel tree;
    private VmActionsModel actions;

    @BeforeEach
    void setUp() {
        Connections connections = Harness.inlineConnections();
        tree = new NavigationTreeModel(connections);
        actions = new VmActionsModel(connections, selection);
        link = new CacheLink("lab", (m, a) -> null);
        connections.add(link);
        CacheFeeder.fill(link.cache(), Pools.smallPool());
    }

    private void select(String vmName) {
        var connection = tree.root().getChildren().get(0).getValue().connection();
        selection.set(tree.find(connection, Pools.ref("vm-" + vmName)).getValue());
    }

    private boolean[] enabled() {
        boolean[] out = new boolean[VmAction.values().length];
        for (VmAction a : VmAction.values()) {
            out[a.ordinal()] = actions.isEnabled(a);
        }
        return out;
    }

    @Test
    void nothingIsEnabledWithoutAVm() {
        assertThat(enabled()).containsOnly(false);
        selection.set(tree.root().getChildren().get(0).getValue());
        assertThat(tree.root().getChildren().get(0).getValue().kind()).isEqualTo(NavKind.POOL);
        assertThat(enabled()).containsOnly(false);
    }

    @Test
    void aHaltedVmCanOnlyStart() {
        select("db-01");
        assertThat(actions.isEnabled(VmAction.START)).isTrue();
        assertThat(List.of(VmAction.SHUT_DOWN, VmAction.REBOOT, VmAction.SUSPEND, VmAction.RESUME,
                VmAction.FORCE_SHUT_DOWN, VmAction.FORCE_REBOOT)).noneMatch(actions::isEnabled);
    }

    @Test
    void aRunningVmAllowsWhatItsAllowedOperationsSay() {
        select("web-01");
        assertThat(actions.isEnabled(VmAction.START)).isFalse();
        assertThat(actions.isEnabled(VmAction.RESUME)).isFalse();
        assertThat(List.of(VmAction.SHUT_DOWN, VmAction.REBOOT, VmAction.SUSPEND, VmAction.FORCE_SHUT_DOWN,
                VmAction.FORCE_REBOOT)).allMatch(actions::isEnabled);
    }

    @Test
    void aSuspendedVmCanResumeOrBeForcedOff() {
        select("mail-01");
        assertThat(actions.isEnabled(VmAction.RESUME)).isTrue();
        assertThat(actions.isEnabled(VmAction.FORCE_SHUT_DOWN)).isTrue();
        assertThat(actions.isEnabled(VmAction.START)).isFalse();
        assertThat(actions.isEnabled(VmAction.FORCE_REBOOT)).isFalse();
    }

    @Test
    void enablingFollowsTheCacheLive() {
        select("db-01");
        XapiRecord vm = link.cache().get(Pools.ref("vm-db-01"));
        // while the start runs the server allows nothing
        CacheFeeder.put(link.cache(), Pools.with(vm, "allowed_operations", List.of(), "current_operations",
                java.util.Map.of("OpaqueRef:t", "start")));
        assertThat(enabled()).containsOnly(false);
        CacheFeeder.put(link.cache(), Pools.with(vm, "power_state", "Running", "resident_on", Pools.ref("host-1"),
                "allowed_operations", Pools.ops("Running"), "current_operations", java.util.Map.of()));
        assertThat(actions.isEnabled(VmAction.SHUT_DOWN)).isTrue();
        assertThat(actions.isEnabled(VmAction.START)).isFalse();
    }

    @Test
    void aLostConnectionDisablesEverything() {
        select("db-01");
        link.setState(ConnectionState.RECONNECTING, new java.io.IOException("gone"));
        actions.refresh();
        assertThat(enabled()).containsOnly(false);
    }

    @Test
    void startAndResumeSendTheXapiArguments() {
        assertThat(VmAction.START.method()).isEqualTo("VM.start");
        assertThat(VmAction.START.arguments("OpaqueRef:v")).containsExactly("OpaqueRef:v", false, false);
        assertThat(VmAction.RESUME.arguments("OpaqueRef:v")).containsExactly("OpaqueRef:v", false, false);
        assertThat(VmAction.FORCE_SHUT_DOWN.method()).isEqualTo("VM.hard_shutdown");
        assertThat(VmAction.SHUT_DOWN.arguments("OpaqueRef:v")).containsExactly("OpaqueRef:v");
    }
}
