package org.xapicenter.ui.theme;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.record.PowerState;

/** Every icon of the window in one place, so a glyph change is one line. Colours live in app.css. */
public final class Icons {
    private Icons() {
    }

    public static FontIcon icon(Ikon ikon, String... styleClasses) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().addAll(styleClasses);
        return i;
    }

    /** Equal for two nodes exactly when {@link #forNode} draws them alike. */
    public static Object keyOf(NavNode n) {
        return java.util.Arrays.asList(n.kind(), n.state(), n.busy(), n.kind() == NavKind.VM ? n.power() : null);
    }

    /** The tree icon of a node: the kind's glyph, coloured (and badged) by state. */
    public static Node forNode(NavNode n) {
        return switch (n.kind()) {
            case SERVER -> switch (n.state() == null ? org.xapicenter.cache.ConnectionState.DISCONNECTED : n.state()) {
                case CONNECTING, RECONNECTING -> icon(Material2MZ.SYNC, "tree-icon", "state-busy");
                case FAILED -> icon(Material2AL.ERROR_OUTLINE, "tree-icon", "state-error");
                case DISCONNECTED -> icon(Material2AL.LINK_OFF, "tree-icon", "state-halted");
                case CONNECTED -> icon(Material2AL.DNS, "tree-icon", "kind-pool");
            };
            case POOL -> n.state() == org.xapicenter.cache.ConnectionState.RECONNECTING
                    ? icon(Material2MZ.SYNC_PROBLEM, "tree-icon", "state-paused")
                    : icon(Material2AL.LAYERS, "tree-icon", "kind-pool");
            case HOST -> icon(Material2AL.DNS, "tree-icon", "kind-host");
            case VM -> n.busy() ? busy(n.power()) : vm(n.power());
            case TEMPLATE -> icon(Material2OutlinedAL.DESCRIPTION, "tree-icon", "state-halted");
            case SR -> icon(Material2MZ.STORAGE, "tree-icon", "kind-sr");
            case NETWORK -> icon(Material2MZ.SETTINGS_ETHERNET, "tree-icon", "kind-network");
        };
    }

    /** A VM: green when running, grey outline when halted, a moon badge when suspended, pause when paused. */
    public static Node vm(PowerState power) {
        return switch (power) {
            case RUNNING -> icon(Material2AL.DESKTOP_WINDOWS, "tree-icon", "state-running");
            case SUSPENDED -> badged(icon(Material2AL.DESKTOP_WINDOWS, "tree-icon", "state-suspended"),
                    icon(Material2MZ.NIGHTS_STAY, "tree-badge", "state-suspended"));
            case PAUSED -> badged(icon(Material2AL.DESKTOP_WINDOWS, "tree-icon", "state-paused"),
                    icon(Material2MZ.PAUSE_CIRCLE_FILLED, "tree-badge", "state-paused"));
            default -> icon(Material2OutlinedAL.DESKTOP_WINDOWS, "tree-icon", "state-halted");
        };
    }

    /** A VM with an operation under way: its usual glyph with a small sync badge. */
    private static Node busy(PowerState power) {
        String state = switch (power) {
            case RUNNING -> "state-running";
            case SUSPENDED -> "state-suspended";
            case PAUSED -> "state-paused";
            default -> "state-halted";
        };
        return badged(icon(power == PowerState.HALTED ? Material2OutlinedAL.DESKTOP_WINDOWS : Material2AL.DESKTOP_WINDOWS,
                "tree-icon", state), icon(Material2MZ.SYNC, "tree-badge", "state-busy"));
    }

    private static Node badged(FontIcon base, FontIcon badge) {
        StackPane dot = new StackPane(badge);
        dot.getStyleClass().add("tree-badge-bg");
        dot.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        StackPane.setAlignment(dot, Pos.BOTTOM_RIGHT);
        StackPane p = new StackPane(base, dot);
        p.getStyleClass().add("tree-icon-box");
        return p;
    }
}
