package org.xapicenter.ui.perf;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.TickMark;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Paint;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.chartfx.ChartPalette;
import org.xapicenter.ui.perf.chartfx.HoverOverlay;
import org.xapicenter.ui.perf.chartfx.LegendBar;
import org.xapicenter.ui.perf.chartfx.Readings;
import org.xapicenter.ui.perf.chartfx.TimeAxisFormatter;
import org.xapicenter.ui.perf.chartfx.UnitAxisFormatter;
import org.xapicenter.ui.perf.chartfx.UnitText;

/**
 * {@link TimeChart} over ChartFX's {@code XYChart}: one line renderer without markers or error bars and
 * with ChartFX's point reduction (thousands of points per line draw as a few per pixel column), NaN
 * values breaking the line, our own legend chips, title, empty-state label and hover box around it.
 *
 * <p>Every method belongs to the FX thread.
 */
public final class ChartFxTimeChart implements TimeChart {
    /** Style class of the whole chart (title, plot, legend): chart.css hangs its rules on it. */
    public static final String STYLE_CLASS = "time-chart";
    private static final String CSS = Objects.requireNonNull(
            ChartFxTimeChart.class.getResource("/org/xapicenter/ui/perf/chart.css")).toExternalForm();

    private final XYChart chart;
    private final DefaultNumericAxis xAxis = new DefaultNumericAxis();
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis();
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final TimeAxisFormatter timeFormat = new TimeAxisFormatter(ZoneId.systemDefault());
    private final UnitAxisFormatter valueFormat = new UnitAxisFormatter(Unit.NUMBER);
    private final ChartPalette palette = new ChartPalette();
    private final Map<String, DoubleDataSet> dataSets = new HashMap<>();
    private final Set<String> hidden = new HashSet<>();
    private final LegendBar legend = new LegendBar(this::setSeriesVisible);
    private final HoverOverlay hover = new HoverOverlay();
    private final Label title = new Label();
    private final Label placeholder = new Label("No data yet");
    private final StackPane plot;
    private final VBox root;
    private final ReadOnlyObjectWrapper<ChartReading> reading = new ReadOnlyObjectWrapper<>(this, "reading");

    private List<ChartSeries> series = List.of();
    private Unit unit = Unit.NUMBER;
    private boolean rangeSet;

    public ChartFxTimeChart() {
        xAxis.setSide(Side.BOTTOM);
        xAxis.setName("");
        xAxis.setUnit(null);
        xAxis.setMaxMajorTickLabelCount(8);
        xAxis.setAutoRanging(false);
        xAxis.setAnimated(false);
        xAxis.setMinorTickCount(0);
        xAxis.setAxisLabelFormatter(timeFormat);
        xAxis.getStyleClass().add("time-axis");
        yAxis.setSide(Side.LEFT);
        yAxis.setName("");
        yAxis.setUnit(null);
        yAxis.setMaxMajorTickLabelCount(6);
        yAxis.setAutoRanging(false);
        yAxis.setAnimated(false);
        yAxis.setMinorTickCount(0);
        yAxis.setAxisLabelFormatter(valueFormat);
        yAxis.getStyleClass().add("value-axis");

        chart = new XYChart(xAxis, yAxis);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.getToolBar().setVisible(false);
        chart.getToolBar().setManaged(false);
        chart.getPlugins().clear();
        // ChartFX hides a tick label reaching past the axes' pane: room above for the top value label
        // ("100 %") and on the right for the last time label
        chart.getAxesAndCanvasPane().setPadding(new javafx.geometry.Insets(8, 16, 0, 0));

        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setDrawMarker(false);
        renderer.setDrawBars(false);
        renderer.setDrawBubbles(false);
        renderer.setAllowNaNs(true);
        renderer.setPointReduction(true);
        renderer.setAssumeSortedData(true);
        renderer.setParallelImplementation(false);
        chart.getRenderers().setAll(renderer);

        title.getStyleClass().add("chart-title-label");
        title.setManaged(false);
        title.setVisible(false);
        placeholder.getStyleClass().add("chart-placeholder");
        placeholder.setMouseTransparent(true);

        plot = new StackPane(chart, hover.node(), placeholder);
        plot.getStyleClass().add("chart-plot-stack");
        VBox.setVgrow(plot, Priority.ALWAYS);
        root = new VBox(2, title, plot, legend.node());
        root.getStyleClass().add(STYLE_CLASS);
        root.getStylesheets().add(CSS);

        plot.addEventFilter(MouseEvent.MOUSE_MOVED, e -> hoverAt(e.getSceneX(), e.getSceneY()));
        plot.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> hoverAt(e.getSceneX(), e.getSceneY()));
        plot.addEventFilter(MouseEvent.MOUSE_EXITED, e -> clearHover());

        setTimeRangeInternal(0, 1);
        rangeSet = false;
        updateValueAxis();
        updatePlaceholder();
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void setSeries(List<ChartSeries> newSeries) {
        List<ChartSeries> copy = List.copyOf(newSeries);
        Map<String, DoubleDataSet> kept = new HashMap<>();
        List<LegendBar.Entry> entries = new ArrayList<>();
        for (ChartSeries s : copy) {
            DoubleDataSet ds = dataSet(s);
            kept.put(s.id(), ds);
            entries.add(new LegendBar.Entry(s.id(), s.label(), palette.color(s.id()), !hidden.contains(s.id())));
        }
        dataSets.clear();
        dataSets.putAll(kept);
        series = copy;
        legend.show(entries);
        showVisibleDataSets();
        if (!rangeSet) {
            fitTimeToData();
        }
        clearHover();
    }

    /**
     * A new data set per update, never an update in place: ChartFX read-locks the shown data sets from
     * its layout until the next pulse's post-layout, so writing into one after a layout outside a pulse (a
     * snapshot for PNG, a chart not in a showing scene) would wait forever on the FX thread.
     */
    private DoubleDataSet dataSet(ChartSeries s) {
        int n = Math.min(s.times().length, s.values().length);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = s.times()[i];
        }
        DoubleDataSet ds = new DoubleDataSet(s.label(), x, Arrays.copyOf(s.values(), n), n, false);
        ds.setStyle("-fx-line-color: " + palette.hex(s.id()) + "; -fx-line-width: 1.5;");
        return ds;
    }

    private void showVisibleDataSets() {
        List<DataSet> shown = new ArrayList<>();
        for (ChartSeries s : series) {
            if (!hidden.contains(s.id())) {
                shown.add(dataSets.get(s.id()));
            }
        }
        renderer.getDatasets().setAll(shown);
        updateValueAxis();
        updatePlaceholder();
    }

    @Override
    public void setTimeRange(long from, long to) {
        setTimeRangeInternal(from, to);
        rangeSet = true;
    }

    private void setTimeRangeInternal(long from, long to) {
        long end = Math.max(to, from + 1);
        timeFormat.setSpan(end - from);
        xAxis.set(from, end);
        xAxis.forceRedraw();
    }

    private void fitTimeToData() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ChartSeries s : series) {
            if (s.times().length > 0) {
                min = Math.min(min, s.times()[0]);
                max = Math.max(max, s.times()[s.times().length - 1]);
            }
        }
        if (min <= max) {
            setTimeRangeInternal(min, max);
        }
    }

    /** The x axis bounds as the axis holds them, epoch seconds: {min, max}. */
    public double[] timeAxisBounds() {
        return new double[] {xAxis.getMin(), xAxis.getMax()};
    }

    @Override
    public void setUnit(Unit unit) {
        this.unit = Objects.requireNonNull(unit);
        valueFormat.setUnit(unit);
        updateValueAxis();
        yAxis.forceRedraw();
    }

    /**
     * The value axis starts at 0 (or below, for negative data) and ends on a round step above the largest
     * visible value; percentages show 0-100 unless a value exceeds 100 (several vCPUs summed).
     */
    private void updateValueAxis() {
        double max = Double.NEGATIVE_INFINITY;
        double min = 0;
        for (ChartSeries s : series) {
            if (hidden.contains(s.id())) {
                continue;
            }
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        double upper;
        if (unit == Unit.PERCENT && !(max > 100)) {
            upper = 100;
        } else if (!(max > 0)) {
            upper = unit == Unit.NUMBER ? 1 : 1024;
        } else {
            double step = valueFormat.getTickUnitSupplier().computeTickUnit(max / 5);
            upper = Math.ceil(max * 1.02 / step) * step;
        }
        double lower = 0;
        if (min < 0) {
            double step = valueFormat.getTickUnitSupplier().computeTickUnit(-min / 5);
            lower = -Math.ceil(-min * 1.02 / step) * step;
        }
        yAxis.set(lower, upper);
    }

    /** The value axis bounds now shown: {lower, upper}. */
    public double[] valueRange() {
        return new double[] {yAxis.getMin(), yAxis.getMax()};
    }

    @Override
    public void setTitle(String text) {
        boolean has = text != null && !text.isBlank();
        title.setText(has ? text : "");
        title.setVisible(has);
        title.setManaged(has);
    }

    @Override
    public void setPlaceholder(String text) {
        placeholder.setText(text == null ? "" : text);
    }

    public String placeholderText() {
        return placeholder.getText();
    }

    public boolean isPlaceholderShown() {
        return placeholder.isVisible();
    }

    private void updatePlaceholder() {
        boolean any = false;
        for (ChartSeries s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    any = true;
                    break;
                }
            }
            if (any) {
                break;
            }
        }
        placeholder.setVisible(!any);
    }

    @Override
    public void setSeriesVisible(String id, boolean visible) {
        boolean changed = visible ? hidden.remove(id) : hidden.add(id);
        legend.select(id, visible);
        if (changed) {
            showVisibleDataSets();
            clearHover();
        }
    }

    @Override
    public boolean isSeriesVisible(String id) {
        return !hidden.contains(id);
    }

    @Override
    public ReadOnlyObjectProperty<ChartReading> readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** ChartFX's canvas: the plot area the axes map onto (its local x is the x axis' display position). */
    private Canvas canvas() {
        return chart.getCanvas();
    }

    private void hoverAt(double sceneX, double sceneY) {
        Canvas canvas = canvas();
        Point2D p = canvas.sceneToLocal(sceneX, sceneY);
        if (p == null || p.getX() < 0 || p.getY() < 0 || p.getX() > canvas.getWidth() || p.getY() > canvas.getHeight()) {
            clearHover();
            return;
        }
        double time = xAxis.getValueForDisplay(p.getX());
        ChartReading r = Readings.at(time, series, this::isSeriesVisible, unit);
        reading.set(r);
        if (r == null) {
            hover.hide();
            return;
        }
        Bounds plotBounds = hover.node().sceneToLocal(canvas.localToScene(canvas.getLayoutBounds()));
        double x = plotBounds.getMinX() + xAxis.getDisplayPosition(r.time());
        Point2D pointer = hover.node().sceneToLocal(sceneX, sceneY);
        List<String> lines = new ArrayList<>();
        lines.add(timeFormat.readingText(r.time()));
        for (ChartReading.Value v : r.values()) {
            lines.add(v.label() + ": " + v.text());
        }
        hover.show(x, pointer.getY(), plotBounds, lines);
    }

    private void clearHover() {
        reading.set(null);
        hover.hide();
    }

    /** Moves the hover as a pointer at {@code time} would, for keyboard users and tests: null off the data. */
    public ChartReading hoverTime(long time) {
        Canvas canvas = canvas();
        Point2D scene = canvas.localToScene(xAxis.getDisplayPosition(time), canvas.getHeight() / 2);
        hoverAt(scene.getX(), scene.getY());
        return reading.get();
    }

    /** Where the lines are drawn, in {@link #node()}'s coordinates (also the pixels of {@link #snapshot}). */
    public Bounds plotBounds() {
        Canvas canvas = canvas();
        return root.sceneToLocal(canvas.localToScene(canvas.getLayoutBounds()));
    }

    /** The x, in {@link #node()}'s coordinates, at which a time is drawn. */
    public double xOf(long time) {
        return plotBounds().getMinX() + xAxis.getDisplayPosition(time);
    }

    /** The y, in {@link #node()}'s coordinates, at which a value is drawn. */
    public double yOf(double value) {
        return plotBounds().getMinY() + yAxis.getDisplayPosition(value);
    }

    /** Unit text of a value, as readings show it. */
    public String format(double value) {
        return UnitText.reading(unit, value);
    }

    @Override
    public WritableImage snapshot() {
        return root.snapshot(null, null);
    }

    /** The labels the time axis shows now, left to right. */
    public List<String> timeAxisLabels() {
        return labels(xAxis);
    }

    /** The labels the value axis shows now, bottom to top. */
    public List<String> valueAxisLabels() {
        return labels(yAxis);
    }

    private static List<String> labels(DefaultNumericAxis axis) {
        List<String> out = new ArrayList<>();
        for (TickMark m : axis.getTickMarks()) {
            if (m.isVisible()) {
                out.add(m.getText());
            }
        }
        return out;
    }

    /** The colour of the axes' tick labels, as the stylesheet resolved it (the theme decides). */
    public Paint tickLabelFill() {
        return xAxis.getTickLabelStyle().getFill();
    }

    /** The value axis label at a value, as drawn. */
    public String valueTick(double value) {
        return valueFormat.toString(value);
    }

    /** The time axis label at an epoch second, as drawn. */
    public String timeTick(long epochSecond) {
        return timeFormat.toString(epochSecond);
    }
}
