package org.xapicenter.ui.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.Measure;
import org.xapicenter.ui.theme.Icons;

/** One graph of the Performance tab: its title, its "Data sources" menu and its chart. */
final class GraphPanel extends VBox {
    interface Chooser {
        void choose(GraphKind kind, Measure measure, boolean shown);
    }

    static final String NO_DATA = "No data yet";
    private final GraphKind kind;
    private final TimeChart chart;
    private final MenuButton sources = new MenuButton("Data sources…");
    private final Chooser chooser;
    private final Label none = new Label("No data source chosen: add one with Data sources…");
    private final javafx.scene.Node chartNode;
    private List<PerformanceGraph.Offer> offers = List.of();

    GraphPanel(GraphKind kind, Supplier<TimeChart> charts, Chooser chooser) {
        super(4);
        this.kind = kind;
        this.chooser = chooser;
        this.chart = charts.get();
        getStyleClass().add("perf-graph");
        setId("perf-graph-" + kind.name());
        Label title = new Label(kind.title());
        title.getStyleClass().addAll("title-4", "perf-graph-title");
        sources.setId("perf-sources-" + kind.name());
        sources.getStyleClass().addAll("flat", "small");
        sources.setGraphic(Icons.icon(Material2MZ.TUNE));
        sources.setTooltip(new Tooltip("Add or remove data sources of the " + kind.title() + " graph"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, sources);
        header.setAlignment(Pos.CENTER_LEFT);
        chart.setUnit(PerformanceGraph.unitOf(kind));
        var node = chart.node();
        if (node instanceof Region r) {
            r.setMinHeight(180);
            r.setPrefHeight(220);
        }
        VBox.setVgrow(node, Priority.ALWAYS);
        chartNode = node;
        none.getStyleClass().add("text-muted");
        none.setId("perf-none-" + kind.name());
        // A graph without lines is only its header: an empty chart would look like missing data.
        for (javafx.scene.Node n : new javafx.scene.Node[] {node, none}) {
            n.managedProperty().bind(n.visibleProperty());
        }
        none.setVisible(false);
        getChildren().addAll(header, none, node);
    }

    /** Shows the graph's new state: lines, x axis, and the menu's checks. */
    void show(PerformanceGraph graph, long from, long to) {
        chart.setUnit(graph.unit());
        chart.setTimeRange(from, to);
        List<ChartSeries> series = new ArrayList<>(graph.lines().size());
        for (PerformanceGraph.Line l : graph.lines()) {
            series.add(l.chartSeries());
        }
        chart.setSeries(series);
        boolean empty = series.isEmpty();
        chartNode.setVisible(!empty);
        none.setVisible(empty);
        VBox.setVgrow(this, empty ? Priority.NEVER : Priority.ALWAYS);
        if (!graph.offers().equals(offers)) {
            offers = graph.offers();
            rebuildMenu();
        }
    }

    private void rebuildMenu() {
        List<MenuItem> items = new ArrayList<>();
        boolean others = false;
        for (PerformanceGraph.Offer o : offers) {
            Measure m = o.measure();
            if (m.graph() != kind && !others) {
                // Measures from elsewhere that share this graph's unit come after the graph's own.
                others = true;
                if (!items.isEmpty()) {
                    items.add(new SeparatorMenuItem());
                }
            }
            CheckMenuItem item = new CheckMenuItem(m.label());
            item.setId("perf-source-" + kind.name() + "-" + m.key().name().toLowerCase(Locale.ROOT));
            item.setSelected(o.shown());
            item.setOnAction(e -> chooser.choose(kind, m, item.isSelected()));
            items.add(item);
        }
        sources.getItems().setAll(items);
    }

    /**
     * Whether the chart says "No data yet" itself: not while the view says so once for every graph
     * ("Collecting data…"), so only one empty-state text is ever on screen.
     */
    void setOwnPlaceholder(boolean own) {
        chart.setPlaceholder(own ? NO_DATA : "");
    }

    /** Whether no line is plotted (only the header shows). */
    boolean isEmpty() {
        return none.isVisible();
    }

    TimeChart chart() {
        return chart;
    }

    GraphKind kind() {
        return kind;
    }

    MenuButton sourcesButton() {
        return sources;
    }
}
