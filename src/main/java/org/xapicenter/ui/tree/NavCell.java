package org.xapicenter.ui.tree;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.theme.Icons;

/** One row of the tree: icon by kind and state, the name, and the VM menu on VMs. */
final class NavCell extends TreeCell<NavNode> {
    private final ContextMenu vmMenu;
    private final ContextMenu serverMenu;
    private NavNode drawn;

    NavCell(ContextMenu vmMenu, ContextMenu serverMenu) {
        this.vmMenu = vmMenu;
        this.serverMenu = serverMenu;
        getStyleClass().add("nav-cell");
    }

    @Override
    protected void updateItem(NavNode item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            drawn = null;
            setText(null);
            setGraphic(null);
            setTooltip(null);
            setContextMenu(null);
            return;
        }
        if (item.equals(drawn)) {
            return; // same look: keep the nodes, avoid churn while events stream in
        }
        drawn = item;
        boolean showState = item.kind() == NavKind.SERVER
                || item.kind() == NavKind.POOL && item.state() != null && item.state() != ConnectionState.CONNECTED;
        setText(showState ? item.name() + " — " + stateText(item.state(), nextAttempt(item)) : item.name());
        setGraphic(Icons.forNode(item));
        setContextMenu(item.kind() == NavKind.VM ? vmMenu
                : item.kind() == NavKind.POOL || item.kind() == NavKind.SERVER ? serverMenu : null);
        boolean troubled = item.kind() == NavKind.SERVER
                || item.kind() == NavKind.POOL && item.state() != ConnectionState.CONNECTED;
        if (troubled && item.connection() != null) {
            String error = item.connection().errorTextProperty().get();
            setTooltip(error.isBlank() ? null : new Tooltip(error));
        } else {
            setTooltip(null);
        }
    }

    private static java.util.Optional<java.time.Instant> nextAttempt(NavNode item) {
        try {
            return item.connection() == null ? java.util.Optional.empty() : item.connection().link().nextAttempt();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    static String stateText(ConnectionState s) {
        return stateText(s, java.util.Optional.empty());
    }

    /** The state as the tree says it; a reconnect that waits says how long ("reconnecting in 4 s"). */
    static String stateText(ConnectionState s, java.util.Optional<java.time.Instant> nextAttempt) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case CONNECTING -> "connecting…";
            case CONNECTED -> "connected";
            case RECONNECTING -> nextAttempt.map(at -> {
                long secs = (java.time.Duration.between(java.time.Instant.now(), at).toMillis() + 999) / 1000;
                return secs > 0 ? "reconnecting in " + secs + " s" : "reconnecting…";
            }).orElse("reconnecting…");
            case FAILED -> "could not connect";
            case DISCONNECTED -> "disconnected";
        };
    }
}
