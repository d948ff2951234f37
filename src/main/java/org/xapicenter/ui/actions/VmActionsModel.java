package org.xapicenter.ui.actions;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableValue;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.Vm;

/**
 * Which power actions the selected VM allows, straight from its {@code allowed_operations}, kept
 * current as the cache changes (FX thread).
 */
public final class VmActionsModel {
    private final ObservableValue<NavNode> selection;
    private final Map<VmAction, ReadOnlyBooleanWrapper> enabled = new EnumMap<>(VmAction.class);

    public VmActionsModel(Connections connections, ObservableValue<NavNode> selection) {
        this.selection = selection;
        for (VmAction a : VmAction.values()) {
            enabled.put(a, new ReadOnlyBooleanWrapper(false));
        }
        selection.addListener((o, was, now) -> refresh());
        connections.addBatchListener((c, batch) -> refresh());
        // A lost connection disables everything at once, without waiting for a batch.
        connections.addStateListener(c -> refresh());
        refresh();
    }

    public ReadOnlyBooleanProperty enabledProperty(VmAction action) {
        return enabled.get(action).getReadOnlyProperty();
    }

    public boolean isEnabled(VmAction action) {
        return enabled.get(action).get();
    }

    /** The VM the actions apply to, or null. */
    public NavNode target() {
        NavNode n = selection.getValue();
        return n != null && n.kind() == NavKind.VM ? n : null;
    }

    /** Re-reads the selected VM from its cache. */
    public void refresh() {
        Set<String> allowed = Set.of();
        NavNode n = target();
        if (n != null && n.connection().state() == ConnectionState.CONNECTED) {
            allowed = n.connection().link().cache().get(n.ref(), Vm.class)
                    .map(Vm::allowedOperations).orElse(Set.of());
        }
        for (VmAction a : VmAction.values()) {
            enabled.get(a).set(allowed.contains(a.operation()));
        }
    }
}
