package org.xapicenter.ui.general;

import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
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
    private final GridPane grid = new GridPane();
    private GeneralSheet shown;
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

        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(140);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, values);
        grid.setHgap(16);
        grid.setVgap(8);
        grid.getStyleClass().add("general-grid");

        VBox content = new VBox(20, header, grid);
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

    /** Re-reads the selected object; redraws only when something shown changed. */
    public void refresh() {
        NavNode n = selection.getValue();
        if (n == null) {
            shown = null;
            shownIcon = null;
            grid.getChildren().clear();
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
        if (sheet.equals(shown)) {
            return;
        }
        shown = sheet;
        title.setText(sheet.title());
        subtitle.setText(sheet.subtitle());
        grid.getChildren().clear();
        int row = 0;
        for (GeneralSheet.Row r : sheet.rows()) {
            Label l = new Label(r.label());
            l.getStyleClass().add("prop-label");
            l.setMinWidth(Label.USE_PREF_SIZE);
            Label v = new Label(r.value());
            v.getStyleClass().add("prop-value");
            v.setWrapText(true);
            v.setId("prop-" + r.label().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            GridPane.setValignment(l, VPos.TOP);
            grid.addRow(row++, l, v);
        }
    }

    /** What the tab shows now (for tests). */
    public GeneralSheet sheet() {
        return shown;
    }
}
