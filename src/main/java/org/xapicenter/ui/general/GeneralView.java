package org.xapicenter.ui.general;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.theme.Icons;
import org.xapicenter.ui.tree.NavNode;

/** The General tab: a header with the object's icon and name, then its properties as a form. */
public final class GeneralView extends ScrollPane {
    private final ObservableValue<NavNode> selection;
    private final HBox header = new HBox(12);
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final org.xapicenter.ui.props.SheetGrid grid = new org.xapicenter.ui.props.SheetGrid();
    private final HBox actions = new HBox(8);
    private final javafx.scene.control.ProgressBar usage = new javafx.scene.control.ProgressBar();
    private final Label usageText = new Label();
    private final HBox usageRow = new HBox(10, usage, usageText);
    private final VBox extrasBox = new VBox(16);
    private final java.util.List<Extra> extras = new java.util.ArrayList<>();
    private java.util.function.Function<NavNode, java.util.List<javafx.scene.Node>> actionFactory = n -> java.util.List.of();
    private NavNode actionsFor;
    private GeneralSheet shown;

    /** A table shown under the form for some objects (an SR's servers). */
    private record Extra(java.util.function.Predicate<NavNode> appliesTo, org.xapicenter.ui.props.TableSection<?> section) {
    }
    private Object shownIcon;

    public GeneralView(Connections connections, ObservableValue<NavNode> selection) {
        this.selection = selection;
        getStyleClass().add("general-view");
        setId("general-view");
        setFitToWidth(true);

        title.getStyleClass().addAll("title-3", "general-title");
        title.setId("general-title");
        subtitle.getStyleClass().addAll("text-muted", "general-subtitle");
        VBox titles = new VBox(2, title, subtitle);
        header.getStyleClass().add("general-header");
        header.getChildren().add(titles);

        actions.setId("general-actions");
        actions.getStyleClass().add("general-actions");
        usage.setId("sr-usage-bar");
        usage.setPrefWidth(320);
        usageText.setId("sr-usage-text");
        usageRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        show(usageRow, false);
        show(actions, false);
        VBox content = new VBox(20, header, actions, usageRow, grid, extrasBox);
        content.setPadding(new Insets(20, 24, 24, 24));
        setContent(content);

        selection.addListener((o, was, now) -> refresh());
        // A new reason for a connection's trouble changes the sheet without changing the node.
        connections.all().forEach(this::watchErrors);
        connections.all().addListener((javafx.collections.ListChangeListener<org.xapicenter.ui.connect.ConnectionModel>) ch -> {
            while (ch.next()) {
                ch.getAddedSubList().forEach(this::watchErrors);
            }
        });
        connections.addBatchListener((c, batch) -> {
            NavNode n = selection.getValue();
            if (n != null && n.connection() == c) {
                refresh();
            }
        });
        refresh();
    }

    private void watchErrors(org.xapicenter.ui.connect.ConnectionModel c) {
        c.errorTextProperty().addListener((o, was, now) -> {
            NavNode n = selection.getValue();
            if (n != null && n.connection() == c) {
                refresh();
            }
        });
    }

    /** The buttons under the header for an object (Properties…, maintenance mode...), made again when it changes. */
    public void setActions(java.util.function.Function<NavNode, java.util.List<javafx.scene.Node>> factory) {
        this.actionFactory = factory;
        actionsFor = null;
        refresh();
    }

    /** Shows {@code section} under the form for the objects {@code appliesTo} accepts. */
    public void addExtra(java.util.function.Predicate<NavNode> appliesTo, org.xapicenter.ui.props.TableSection<?> section) {
        extras.add(new Extra(appliesTo, section));
        refresh();
    }

    private static void show(javafx.scene.Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    private void refreshExtras(NavNode n) {
        java.util.List<javafx.scene.Node> wanted = new java.util.ArrayList<>();
        for (Extra e : extras) {
            if (n != null && e.appliesTo().test(n)) {
                e.section().show(n);
                e.section().view().setPrefHeight(220);
                wanted.add(e.section().view());
            }
        }
        if (!wanted.equals(extrasBox.getChildren())) {
            extrasBox.getChildren().setAll(wanted);
        }
        var sr = n == null || n.ref() == null ? null : n.connection().link().cache().get(n.ref(), org.xapicenter.xapi.record.Sr.class).orElse(null);
        boolean bar = sr != null && sr.physicalSize() > 0;
        show(usageRow, bar);
        if (bar) {
            usage.setProgress(Math.min(1.0, (double) sr.physicalUtilisation() / sr.physicalSize()));
            usageText.setText(Units.bytes(sr.physicalUtilisation()) + " used of " + Units.bytes(sr.physicalSize())
                    + " (" + Units.percent(sr.physicalUtilisation(), sr.physicalSize()) + ")");
        }
    }

    private void refreshActions(NavNode n, boolean force) {
        if (!force && n == actionsFor) {
            return;
        }
        actionsFor = n;
        java.util.List<javafx.scene.Node> buttons = n == null ? java.util.List.of() : actionFactory.apply(n);
        actions.getChildren().setAll(buttons);
        show(actions, !buttons.isEmpty());
    }

    /** Re-reads the selected object; redraws only when something shown changed. */
    public void refresh() {
        NavNode n = selection.getValue();
        if (n == null) {
            shown = null;
            shownIcon = null;
            grid.getChildren().clear();
            refreshActions(null, false);
            refreshExtras(null);
            return;
        }
        // The icon follows state the sheet does not show (an operation running), so each is checked.
        Object iconKey = Icons.keyOf(n);
        if (!iconKey.equals(shownIcon)) {
            shownIcon = iconKey;
            if (header.getChildren().size() > 1) {
                header.getChildren().remove(0);
            }
            var iconBox = new javafx.scene.layout.StackPane(Icons.forNode(n));
            iconBox.getStyleClass().add("general-icon");
            iconBox.setMinSize(44, 44);
            iconBox.setPrefSize(44, 44);
            header.getChildren().add(0, iconBox);
        }
        GeneralSheet sheet = GeneralReader.read(n);
        refreshExtras(n);
        if (sheet.equals(shown)) {
            refreshActions(n, false);
            return;
        }
        refreshActions(n, true);
        shown = sheet;
        title.setText(sheet.title());
        subtitle.setText(sheet.subtitle());
        grid.show(sheet.rows());
    }

    /** What the tab shows now (for tests). */
    public GeneralSheet sheet() {
        return shown;
    }
}
