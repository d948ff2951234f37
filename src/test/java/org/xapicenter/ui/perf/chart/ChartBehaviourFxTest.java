package org.xapicenter.ui.perf.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.perf.chart.ChartLinesFxTest.columnHas;
import static org.xapicenter.ui.perf.chart.ChartStage.T0;
import static org.xapicenter.ui.perf.chart.ChartStage.flat;
import static org.xapicenter.ui.perf.chart.ChartStage.fx;
import static org.xapicenter.ui.perf.chart.ChartStage.withGap;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.ChartReading;
import org.xapicenter.ui.perf.ChartSeries;
import org.xapicenter.ui.perf.PngFile;
import org.xapicenter.ui.perf.chartfx.LegendBar;
import org.xapicenter.ui.testing.Snapshots;
import org.xapicenter.ui.testing.WindowFixture;

/** The chart's setters, legend, hover and PNG export on a real stage. */
@ExtendWith(ApplicationExtension.class)
class ChartBehaviourFxTest {
    private static final Color FIRST = Color.web("#3b82f6");
    private static final Color SECOND = Color.web("#f97316");
    private ChartStage stage;

    @Start
    void start(Stage s) {
        stage = new ChartStage(s, false);
    }

    private static ChartSeries cpu0() {
        return flat("cpu0", "CPU 0", 120, 50);
    }

    private static ChartSeries cpu1() {
        return flat("cpu1", "CPU 1", 120, 20);
    }

    @Test
    void theTimeRangeFixesTheXAxisWhateverTheData() {
        stage.show(Unit.PERCENT, T0 - 7200, T0 + 600, cpu0());
        stage.snapshot();
        assertThat(fx(() -> stage.chart.timeAxisBounds())).containsExactly(T0 - 7200, T0 + 600);
        fx(() -> stage.chart.setTimeRange(T0, T0 + 300));
        stage.snapshot();
        assertThat(fx(() -> stage.chart.timeAxisBounds())).containsExactly(T0, T0 + 300);
        fx(() -> stage.chart.setSeries(List.of(flat("cpu0", "CPU 0", 1000, 10))));
        stage.snapshot();
        assertThat(fx(() -> stage.chart.timeAxisBounds())).as("new data does not move the x axis")
                .containsExactly(T0, T0 + 300);
        assertThat(fx(() -> stage.chart.timeAxisLabels())).contains(fx(() -> stage.chart.timeTick(T0 + 120)));
    }

    @Test
    void aLegendChipTogglesItsLine(FxRobot robot) {
        stage.show(Unit.PERCENT, T0, T0 + 600, cpu0(), cpu1());
        Bounds plot = fx(() -> stage.chart.plotBounds());
        int x = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 100)));
        assertThat(columnHas(stage.snapshot(), x, plot, SECOND)).isTrue();

        robot.clickOn(chip(robot, "cpu1"));
        WindowFixture.waitUntil("cpu1 is hidden", () -> !stage.chart.isSeriesVisible("cpu1"));
        assertThat(columnHas(stage.snapshot(), x, plot, SECOND)).as("the hidden line is gone").isFalse();
        assertThat(columnHas(stage.snapshot(), x, plot, FIRST)).as("the other line stays").isTrue();
        assertThat(chip(robot, "cpu1").isSelected()).isFalse();

        robot.clickOn(chip(robot, "cpu1"));
        WindowFixture.waitUntil("cpu1 is back", () -> stage.chart.isSeriesVisible("cpu1"));
        assertThat(columnHas(stage.snapshot(), x, plot, SECOND)).isTrue();
    }

    @Test
    void newDataKeepsEachLinesColourAndVisibility(FxRobot robot) {
        stage.show(Unit.PERCENT, T0, T0 + 600, cpu0(), cpu1());
        fx(() -> stage.chart.setSeriesVisible("cpu0", false));
        // a new series first in the list must not take cpu1's colour, and cpu0 stays hidden
        fx(() -> stage.chart.setSeries(List.of(flat("mem", "Memory", 120, 80), cpu0(), cpu1())));
        assertThat(fx(() -> stage.chart.isSeriesVisible("cpu0"))).isFalse();
        assertThat(chip(robot, "cpu0").isSelected()).isFalse();
        assertThat(chip(robot, "cpu1").isSelected()).isTrue();
        Bounds plot = fx(() -> stage.chart.plotBounds());
        int x = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 100)));
        assertThat(columnHas(stage.snapshot(), x, plot, SECOND)).as("cpu1 keeps its colour").isTrue();
        assertThat(columnHas(stage.snapshot(), x, plot, FIRST)).as("cpu0 stays hidden").isFalse();
    }

    @Test
    void hoveringAPointReadsItsTimeAndEveryVisibleValueWithUnits(FxRobot robot) {
        ChartSeries gappy = withGap(flat("net", "eth0 rx", 120, 348_160), 10, 12);
        stage.show(Unit.BYTES_PER_SECOND, T0, T0 + 600, flat("net0", "eth0 tx", 120, 1_288_490_188.8), gappy);
        Point2D at = screenPoint(T0 + 5 * 30, 1e9);
        robot.moveTo(at);
        WindowFixture.waitUntil("a reading", () -> stage.chart.readingProperty().get() != null);
        ChartReading r = fx(() -> stage.chart.readingProperty().get());
        assertThat(r.time()).isEqualTo(T0 + 150);
        assertThat(r.values()).extracting(ChartReading.Value::text).containsExactly("1.2 GiB/s", "340 KiB/s");
        assertThat(robot.lookup(".chart-hover-box").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup(".chart-hover-value").queryAll()).hasSize(2);
        Snapshots.write(stage.scene, Path.of("target/chart-hover.png"));

        robot.moveTo(screenPoint(T0 + 5 * 11 + 1, 1e9));
        WindowFixture.waitUntil("the gap's reading", () -> stage.chart.readingProperty().get() != null
                && stage.chart.readingProperty().get().time() == T0 + 55);
        assertThat(fx(() -> stage.chart.readingProperty().get().values().get(1).text())).isEqualTo("n/a");

        assertThat(fx(() -> stage.chart.hoverTime(T0 + 5 * 50 + 2)).time()).as("hover by time").isEqualTo(T0 + 250);

        fx(() -> stage.chart.setSeriesVisible("net0", false));
        robot.moveTo(screenPoint(T0 + 5 * 40, 1e5));
        WindowFixture.waitUntil("a reading of the visible line only", () -> stage.chart.readingProperty().get() != null
                && stage.chart.readingProperty().get().values().size() == 1);

        robot.moveTo(stage.scene.getWindow().getX() + 2, stage.scene.getWindow().getY() + ChartStage.HEIGHT - 2);
        WindowFixture.waitUntil("no reading away from the plot", () -> stage.chart.readingProperty().get() == null);
        assertThat(robot.lookup(".chart-hover-box").queryAs(Node.class).isVisible()).isFalse();
    }

    private Point2D screenPoint(long time, double value) {
        return fx(() -> stage.chart.node().localToScreen(stage.chart.xOf(time), stage.chart.yOf(value)));
    }

    @Test
    void aSnapshotWrittenAsPngHoldsTheWholeChartAndIsWrittenAtomically(@TempDir Path dir) throws Exception {
        stage.show(Unit.PERCENT, T0, T0 + 600, cpu0(), cpu1());
        fx(() -> stage.chart.setTitle("CPU"));
        stage.snapshot();
        Path png = dir.resolve("cpu.png");
        // the image is taken on the FX thread, encoded and written on this (background) thread
        WritableImage taken = fx(() -> stage.chart.snapshot());
        PngFile.write(taken, png);
        BufferedImage image = ImageIO.read(png.toFile());
        Bounds size = fx(() -> stage.chart.node().getLayoutBounds());
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(size.getWidth()));
        assertThat(image.getHeight()).isEqualTo((int) Math.ceil(size.getHeight()));
        assertThat(Files.exists(dir.resolve("cpu.png.part"))).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(png);
        }
        // a second export replaces the first
        PngFile.write(fx(() -> stage.chart.snapshot()), png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(image.getWidth());
    }

    @Test
    void withoutDataThePlaceholderShowsAndItsTextCanChange(FxRobot robot) {
        stage.snapshot();
        assertThat(fx(() -> stage.chart.isPlaceholderShown())).isTrue();
        assertThat(robot.lookup("No data yet").tryQuery()).isPresent();
        stage.show(Unit.PERCENT, T0, T0 + 600, withGap(cpu0(), 0, 120));
        assertThat(fx(() -> stage.chart.isPlaceholderShown())).as("only NaN is still no data").isTrue();
        stage.show(Unit.PERCENT, T0, T0 + 600, cpu0());
        assertThat(fx(() -> stage.chart.isPlaceholderShown())).isFalse();
        fx(() -> {
            stage.chart.setSeries(List.of());
            stage.chart.setPlaceholder("The VM is halted: showing its history");
        });
        assertThat(fx(() -> stage.chart.isPlaceholderShown())).isTrue();
        assertThat(robot.lookup("The VM is halted: showing its history").tryQuery()).isPresent();
        assertThat(robot.lookup("." + LegendBar.CHIP_CLASS).queryAll()).isEmpty();
    }

    @Test
    void aChartTakenOutOfItsSceneStillTakesDataAndDrawsOnceBack() {
        stage.show(Unit.PERCENT, T0, T0 + 600, cpu0());
        stage.snapshot();
        javafx.scene.layout.Pane root = (javafx.scene.layout.Pane) stage.scene.getRoot();
        fx(() -> root.getChildren().clear());
        // a snapshot lays the chart out outside a pulse: ChartFX then keeps its data sets read-locked
        // until a post-layout that never comes while the chart is out of the scene
        fx(() -> stage.chart.snapshot());
        fx(() -> stage.chart.setSeries(List.of(cpu1())));
        fx(() -> stage.chart.setSeries(List.of(cpu0(), cpu1())));
        fx(() -> root.getChildren().setAll(stage.chart.node()));
        Bounds plot = fx(() -> stage.chart.plotBounds());
        int x = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 100)));
        assertThat(columnHas(stage.snapshot(), x, plot, SECOND)).isTrue();
    }

    private static ToggleButton chip(FxRobot robot, String id) {
        return robot.lookup("." + LegendBar.CHIP_CLASS).match(n -> id.equals(n.getUserData()))
                .queryAs(ToggleButton.class);
    }
}
