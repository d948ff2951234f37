package org.xapicenter.ui.tasks;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.theme.Icons;

/**
 * The Events panel: one row per action or task with its progress bar, status, elapsed time and a
 * Cancel button while the server allows cancelling.
 */
public final class EventsView extends StackPane {
    private final TableView<EventEntry> table;

    public EventsView(EventsModel model, ActionRunner runner) {
        getStyleClass().add("events-view");
        table = new TableView<>(model.entries());
        table.setId("events-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Fixed rows: every line is two text lines high, and the table need not measure thousands of rows.
        table.setFixedCellSize(48);
        Label empty = new Label("No events yet. Actions you start, and work other clients do on the pool, show up here.");
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);

        TableColumn<EventEntry, EventEntry> what = column("Event", 360);
        what.setCellFactory(c -> new TitleCell());
        TableColumn<EventEntry, EventEntry> progress = column("Progress", 170);
        progress.setCellFactory(c -> new ProgressCell());
        TableColumn<EventEntry, EventEntry> status = column("Status", 120);
        status.setCellFactory(c -> new TextCell(true));
        TableColumn<EventEntry, EventEntry> time = column("Time", 80);
        time.setCellFactory(c -> new TextCell(false));
        TableColumn<EventEntry, EventEntry> cancel = column("", 100);
        cancel.setCellFactory(c -> new CancelCell(runner));
        table.getColumns().addAll(java.util.List.of(what, progress, status, time, cancel));
        getChildren().add(table);

        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        // Ticks only while something runs: an idle window then wakes for nothing.
        model.anyRunningProperty().addListener((o, was, running) -> {
            if (running) {
                model.tick();
                ticker.play();
            } else {
                ticker.stop();
            }
        });
        if (model.anyRunningProperty().get()) {
            ticker.play();
        }
    }

    public TableView<EventEntry> table() {
        return table;
    }

    private static TableColumn<EventEntry, EventEntry> column(String title, double width) {
        TableColumn<EventEntry, EventEntry> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 80));
        c.setSortable(false);
        c.setReorderable(false);
        return c;
    }

    private static FontIcon statusIcon(EventEntry.Status s) {
        return switch (s) {
            case RUNNING, CANCELLING -> Icons.icon(Material2MZ.SYNC, "event-icon", "state-busy");
            case SUCCEEDED -> Icons.icon(Material2AL.CHECK_CIRCLE, "event-icon", "state-running");
            case FAILED -> Icons.icon(Material2AL.ERROR, "event-icon", "state-error");
            case CANCELLED, ENDED -> Icons.icon(Material2AL.BLOCK, "event-icon", "state-halted");
        };
    }

    /** Icon, title and (for failures, in words) what happened. */
    private static final class TitleCell extends TableCell<EventEntry, EventEntry> {
        private final Label icon = new Label();
        private final Label title = new Label();
        private final Label detail = new Label();
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        private final HBox box;
        private final ChangeListener<EventEntry.Status> onStatus = (o, was, now) -> decorate();
        private EventEntry bound;

        TitleCell() {
            title.getStyleClass().add("event-title");
            detail.getStyleClass().add("event-detail");
            detail.setTooltip(tip);
            tip.textProperty().bind(detail.textProperty());
            detail.managedProperty().bind(detail.visibleProperty());
            VBox text = new VBox(2, title, detail);
            text.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(text, Priority.ALWAYS);
            box = new HBox(8, icon, text);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(EventEntry e, boolean empty) {
            super.updateItem(e, empty);
            if (bound != null) {
                bound.statusProperty().removeListener(onStatus);
                bound = null;
            }
            title.textProperty().unbind();
            detail.textProperty().unbind();
            detail.visibleProperty().unbind();
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            bound = e;
            title.textProperty().bind(e.titleProperty());
            detail.textProperty().bind(e.detailProperty());
            detail.visibleProperty().bind(e.detailProperty().isNotEmpty());
            e.statusProperty().addListener(onStatus);
            decorate();
            setGraphic(box);
        }

        private void decorate() {
            if (bound == null) {
                return;
            }
            icon.setGraphic(statusIcon(bound.status()));
            detail.getStyleClass().remove("state-error-text");
            if (bound.status() == EventEntry.Status.FAILED) {
                detail.getStyleClass().add("state-error-text");
            }
        }
    }

    /** The task's progress; green once done, red when it failed, grey when cancelled. */
    private static final class ProgressCell extends TableCell<EventEntry, EventEntry> {
        private final ProgressBar bar = new ProgressBar();
        private final ChangeListener<EventEntry.Status> onStatus = (o, was, now) -> colour(now);
        private EventEntry bound;

        ProgressCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("event-progress");
            setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(EventEntry e, boolean empty) {
            super.updateItem(e, empty);
            bar.progressProperty().unbind();
            if (bound != null) {
                bound.statusProperty().removeListener(onStatus);
                bound = null;
            }
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            bound = e;
            bar.progressProperty().bind(e.progressProperty());
            e.statusProperty().addListener(onStatus);
            colour(e.status());
            setGraphic(bar);
        }

        private void colour(EventEntry.Status s) {
            bar.getStyleClass().removeAll("done", "failed", "stopped");
            switch (s) {
                case SUCCEEDED -> bar.getStyleClass().add("done");
                case FAILED -> bar.getStyleClass().add("failed");
                case CANCELLED, ENDED -> bar.getStyleClass().add("stopped");
                default -> { }
            }
        }
    }

    /** The status word or the elapsed time. */
    private static final class TextCell extends TableCell<EventEntry, EventEntry> {
        private final boolean status;

        TextCell(boolean status) {
            this.status = status;
            getStyleClass().add(status ? "event-status" : "event-time");
        }

        @Override
        protected void updateItem(EventEntry e, boolean empty) {
            super.updateItem(e, empty);
            textProperty().unbind();
            if (empty || e == null) {
                setText(null);
                return;
            }
            if (status) {
                textProperty().bind(Bindings.createStringBinding(() -> e.status().text(), e.statusProperty()));
            } else {
                textProperty().bind(e.elapsedProperty());
            }
        }
    }

    private static final class CancelCell extends TableCell<EventEntry, EventEntry> {
        private final Button cancel = new Button("Cancel");

        CancelCell(ActionRunner runner) {
            cancel.getStyleClass().addAll("small", "event-cancel");
            cancel.setOnAction(a -> {
                if (getItem() != null) {
                    runner.cancel(getItem());
                }
            });
            setAlignment(Pos.CENTER);
        }

        @Override
        protected void updateItem(EventEntry e, boolean empty) {
            super.updateItem(e, empty);
            cancel.disableProperty().unbind();
            cancel.visibleProperty().unbind();
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            cancel.disableProperty().bind(e.cancellableProperty().not());
            cancel.visibleProperty().bind(e.statusProperty().isNotEqualTo(EventEntry.Status.SUCCEEDED)
                    .and(e.statusProperty().isNotEqualTo(EventEntry.Status.FAILED))
                    .and(e.statusProperty().isNotEqualTo(EventEntry.Status.CANCELLED))
                    .and(e.statusProperty().isNotEqualTo(EventEntry.Status.ENDED)));
            setGraphic(cancel);
        }
    }
}
