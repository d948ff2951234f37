package org.xapicenter.ui.alerts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.ui.theme.Icons;

/** The Alerts panel: severity, what happened, on what, when. */
public final class AlertsView extends StackPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    public AlertsView(AlertsModel model) {
        TableView<AlertsModel.Alert> table = new TableView<>(model.alerts());
        table.setId("alerts-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(36);
        Label empty = new Label("No alerts. The pool has nothing to report.");
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);

        TableColumn<AlertsModel.Alert, AlertsModel.Alert> severity = new TableColumn<>("Severity");
        severity.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        severity.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(AlertsModel.Alert a, boolean empty) {
                super.updateItem(a, empty);
                if (empty || a == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                String s = AlertsModel.severity(a.message());
                setText(s);
                setGraphic(switch (s) {
                    case "Critical" -> Icons.icon(Material2AL.ERROR, "event-icon", "state-error");
                    case "Warning" -> Icons.icon(Material2MZ.WARNING, "event-icon", "state-paused");
                    default -> Icons.icon(Material2AL.INFO, "event-icon", "state-suspended");
                });
            }
        });
        severity.setPrefWidth(120);
        TableColumn<AlertsModel.Alert, String> name = text("Alert", 240, a -> AlertsModel.title(a.message()));
        TableColumn<AlertsModel.Alert, String> on = text("On", 150, AlertsModel.Alert::subject);
        TableColumn<AlertsModel.Alert, String> when = text("Date", 140, a -> TIME.format(a.time()));
        TableColumn<AlertsModel.Alert, String> body = text("Details", 400, a -> AlertsModel.summary(a.message()));
        table.getColumns().addAll(java.util.List.of(severity, name, on, when, body));
        getChildren().add(table);
    }

    private static TableColumn<AlertsModel.Alert, String> text(String title, double width,
            java.util.function.Function<AlertsModel.Alert, String> f) {
        TableColumn<AlertsModel.Alert, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
