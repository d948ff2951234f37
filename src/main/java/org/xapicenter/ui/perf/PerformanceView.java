package org.xapicenter.ui.perf;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.TimeRange;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.ui.theme.Icons;

/**
 * The Performance tab: a range selector and export buttons on top, one graph per kind below (CPU,
 * memory, network, disk; more when the user adds data sources), with a note for a VM that is not
 * running and the failure sentence when its host cannot be read.
 */
public final class PerformanceView extends BorderPane {
    private static final java.time.format.DateTimeFormatter EXPORT_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());
    private final PerformanceModel model;
    private final Supplier<TimeChart> charts;
    private final Executor background;
    private final Map<GraphKind, GraphPanel> panels = new EnumMap<>(GraphKind.class);
    private final VBox graphsBox = new VBox(16);
    private final Label note = new Label();
    private final Label failure = new Label();
    /** The one empty-state text of the view ("Collecting data…", "No history recorded for …"). */
    private final Label collecting = new Label();
    private final Label status = new Label();
    /** Names the object and range at the top of an exported image; not needed on screen. */
    private final Label heading = new Label();
    private final ToggleGroup rangeGroup = new ToggleGroup();

    public PerformanceView(PerformanceModel model, Supplier<TimeChart> charts, Executor background) {
        this.model = model;
        this.charts = charts;
        this.background = background;
        getStyleClass().add("perf-view");
        setId("perf-view");

        setTop(toolBar());

        note.setId("perf-note");
        note.getStyleClass().add("perf-note");
        note.setGraphic(Icons.icon(Material2AL.HISTORY));
        failure.setId("perf-failure");
        failure.getStyleClass().addAll("perf-failure", "danger");
        failure.setGraphic(Icons.icon(Material2AL.ERROR_OUTLINE));
        failure.setWrapText(true);
        for (Label l : new Label[] {note, failure}) {
            l.managedProperty().bind(l.visibleProperty());
        }
        note.visibleProperty().bind(model.noteProperty().isNotEmpty());
        note.textProperty().bind(model.noteProperty());
        failure.visibleProperty().bind(model.failureProperty().isNotEmpty());
        failure.textProperty().bind(model.failureProperty());

        heading.setId("perf-heading");
        heading.getStyleClass().add("title-3");
        heading.setVisible(false);
        heading.managedProperty().bind(heading.visibleProperty());
        graphsBox.setId("perf-graphs");
        graphsBox.setPadding(new Insets(12));
        // The PNG export snapshots this box: it needs the theme's own background, not transparency.
        graphsBox.setStyle("-fx-background-color: -color-bg-default;");
        VBox stack = new VBox(8, note, failure, graphsBox);
        stack.setPadding(new Insets(8, 0, 0, 0));
        VBox.setMargin(note, new Insets(0, 12, 0, 12));
        VBox.setMargin(failure, new Insets(0, 12, 0, 12));
        ScrollPane scroll = new ScrollPane(stack);
        scroll.setId("perf-scroll");
        scroll.setFitToWidth(true);
        // Graphs share a tall window's height; below their minimum the stack scrolls.
        scroll.setFitToHeight(true);
        VBox.setVgrow(graphsBox, Priority.ALWAYS);
        scroll.getStyleClass().add("edge-to-edge");

        collecting.setId("perf-collecting");
        collecting.getStyleClass().addAll("perf-collecting", "text-muted", "title-4");
        collecting.setGraphic(Icons.icon(Material2MZ.SHOW_CHART));
        collecting.setMouseTransparent(true);
        collecting.textProperty().bind(model.emptyTextProperty());
        collecting.visibleProperty().bind(model.emptyTextProperty().isNotEmpty());
        collecting.visibleProperty().addListener((o, was, now) -> panels.values().forEach(p -> p.setOwnPlaceholder(!now)));
        StackPane center = new StackPane(scroll, collecting);
        StackPane.setAlignment(collecting, Pos.CENTER);
        setCenter(center);

        model.graphsProperty().addListener((o, was, now) -> showGraphs(now));
        showGraphs(model.graphsProperty().get());
    }

    private ToolBar toolBar() {
        List<Node> items = new ArrayList<>();
        Label rangeLabel = new Label("Range");
        rangeLabel.getStyleClass().add("text-muted");
        items.add(rangeLabel);
        HBox ranges = new HBox();
        ranges.getStyleClass().add("segmented-button");
        for (TimeRange r : TimeRange.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setId("perf-range-" + r.name());
            b.setUserData(r);
            b.setToggleGroup(rangeGroup);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setTooltip(new Tooltip("Show the last " + r.label()));
            ranges.getChildren().add(b);
        }
        if (!ranges.getChildren().isEmpty()) {
            ranges.getChildren().get(0).getStyleClass().add("left-pill");
            ranges.getChildren().get(ranges.getChildren().size() - 1).getStyleClass().add("right-pill");
            for (int i = 1; i < ranges.getChildren().size() - 1; i++) {
                ranges.getChildren().get(i).getStyleClass().add("center-pill");
            }
        }
        items.add(ranges);
        selectRange(model.rangeProperty().get());
        rangeGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                // A range is always chosen: clicking the selected one again keeps it.
                rangeGroup.selectToggle(was);
            } else {
                model.rangeProperty().set((TimeRange) now.getUserData());
            }
        });
        model.rangeProperty().addListener((o, was, now) -> selectRange(now));

        Button csv = new Button("Export CSV…", Icons.icon(Material2MZ.TABLE_CHART));
        csv.setId("perf-export-csv");
        csv.setTooltip(new Tooltip("Save the data the graphs show as a CSV file"));
        csv.setOnAction(e -> chooseAndExport("Export performance data", "CSV file", "*.csv", ".csv", this::exportCsv));
        Button png = new Button("Export PNG…", Icons.icon(Material2AL.IMAGE));
        png.setId("perf-export-png");
        png.setTooltip(new Tooltip("Save the graphs as a PNG image"));
        png.setOnAction(e -> chooseAndExport("Export performance graphs", "PNG image", "*.png", ".png", this::exportPng));
        for (Button b : new Button[] {csv, png}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(model.graphsProperty().map(List::isEmpty));
        }
        status.setId("perf-export-status");
        status.getStyleClass().add("text-muted");
        // The status takes whatever room is left (its text elided), never more: a ToolBar moves an item whose
        // preferred width does not fit into its overflow menu, and "Graphs saved to <long name>" would.
        status.setMinWidth(0);
        status.setPrefWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(status, Priority.ALWAYS);
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(status.textProperty());
        status.tooltipProperty().bind(status.textProperty().map(t -> t.isEmpty() ? null : statusTip));
        items.addAll(List.of(new Separator(Orientation.VERTICAL), csv, png, status));
        ToolBar bar = new ToolBar(items.toArray(Node[]::new));
        bar.setId("perf-toolbar");
        return bar;
    }

    private void selectRange(TimeRange r) {
        rangeGroup.getToggles().stream().filter(t -> t.getUserData() == r).findFirst().ifPresent(rangeGroup::selectToggle);
    }

    private void showGraphs(List<PerformanceGraph> graphs) {
        List<Node> shown = new ArrayList<>();
        for (PerformanceGraph g : graphs == null ? List.<PerformanceGraph>of() : graphs) {
            GraphPanel p = panels.computeIfAbsent(g.kind(), k -> {
                GraphPanel panel = new GraphPanel(k, charts, model::choose);
                panel.setOwnPlaceholder(!collecting.isVisible());
                return panel;
            });
            p.show(g, model.from(), model.to());
            shown.add(p);
        }
        shown.add(0, heading);
        if (!graphsBox.getChildren().equals(shown)) {
            graphsBox.getChildren().setAll(shown);
        }
    }

    private interface Export {
        CompletableFuture<Void> to(Path file);
    }

    private void chooseAndExport(String title, String filterName, String pattern, String extension, Export export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterName, pattern));
        String name = model.targetName() == null ? "performance" : model.targetName().replaceAll("[^A-Za-z0-9._-]+", "_");
        chooser.setInitialFileName(name + "-" + model.rangeProperty().get().name().toLowerCase(Locale.ROOT) + extension);
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        Path target = f.getName().toLowerCase(Locale.ROOT).endsWith(extension) ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + extension);
        export.to(target);
    }

    /**
     * Writes the lines the graphs show (those hidden through a legend left out), for the current range,
     * as CSV (in the background).
     * The status line says how it went; the future completes after that, on the FX thread.
     */
    public CompletableFuture<Void> exportCsv(Path target) {
        List<CsvExport.Column> columns = CsvExport.columnsOf(model.graphsProperty().get(), (kind, line) -> {
            TimeChart c = chart(kind);
            return c == null || c.isSeriesVisible(line.id());
        });
        return inBackground(target, "Performance data", () -> CsvExport.write(target, columns));
    }

    /** Writes the stack of graphs, as shown, to one PNG image (in the background). */
    public CompletableFuture<Void> exportPng(Path target) {
        // The image stands alone: it says what and when, and has no buttons to click.
        heading.setText((model.targetName() == null ? "" : model.targetName() + " · ") + "last "
                + model.rangeProperty().get().label() + " · until "
                + EXPORT_TIME.format(java.time.Instant.ofEpochSecond(model.to())));
        heading.setVisible(true);
        panels.values().forEach(p -> p.sourcesButton().setVisible(false));
        List<GraphPanel> empty = panels.values().stream().filter(GraphPanel::isEmpty).toList();
        empty.forEach(p -> {
            p.setVisible(false);
            p.setManaged(false);
        });
        WritableImage image;
        try {
            image = graphsBox.snapshot(new SnapshotParameters(), null);
        } finally {
            heading.setVisible(false);
            panels.values().forEach(p -> p.sourcesButton().setVisible(true));
            empty.forEach(p -> {
                p.setVisible(true);
                p.setManaged(true);
            });
        }
        return inBackground(target, "Graphs", () -> PngFile.write(image, target));
    }

    private interface Job {
        void run() throws IOException;
    }

    private CompletableFuture<Void> inBackground(Path target, String what, Job job) {
        status.setText("Saving " + target.getFileName() + "…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        background.execute(() -> {
            String text;
            try {
                job.run();
                text = what + " saved to " + target.getFileName();
            } catch (IOException | RuntimeException e) {
                text = what + " not saved: " + FriendlyErrors.get().describe(e);
            }
            String result = text;
            Platform.runLater(() -> {
                status.setText(result);
                done.complete(null);
            });
        });
        return done;
    }

    public PerformanceModel model() {
        return model;
    }

    /** The chart of a graph kind, or null when that graph is not shown (tests). */
    TimeChart chart(GraphKind kind) {
        GraphPanel p = panels.get(kind);
        return p != null && graphsBox.getChildren().contains(p) ? p.chart() : null;
    }

    /** The view's empty-state text now shown over the graphs, or null when none shows (tests). */
    String emptyStateText() {
        return collecting.isVisible() ? collecting.getText() : null;
    }

    /** What the status line says after an export. */
    public String status() {
        return status.getText();
    }
}
