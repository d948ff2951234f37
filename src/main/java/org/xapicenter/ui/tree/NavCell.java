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
        setText(item.kind() == NavKind.SERVER ? item.name() + " — " + stateText(item.state()) : item.name());
        setGraphic(Icons.forNode(item));
        setContextMenu(item.kind() == NavKind.VM ? vmMenu
                : item.kind() == NavKind.POOL || item.kind() == NavKind.SERVER ? serverMenu : null);
        if (item.kind() == NavKind.SERVER && item.connection() != null) {
            String error = item.connection().errorTextProperty().get();
            setTooltip(error.isBlank() ? null : new Tooltip(error));
        } else {
            setTooltip(null);
        }
    }

    static String stateText(ConnectionState s) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case CONNECTING -> "connecting…";
            case CONNECTED -> "connected";
            case RECONNECTING -> "reconnecting…";
            case FAILED -> "could not connect";
            case DISCONNECTED -> "disconnected";
        };
    }
}
