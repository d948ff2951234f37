package org.xapicenter.ui.perf.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.perf.chart.ChartStage.T0;
import static org.xapicenter.ui.perf.chart.ChartStage.flat;
import static org.xapicenter.ui.perf.chart.ChartStage.fx;
import static org.xapicenter.ui.perf.chart.ChartStage.withGap;

import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.ChartSeries;

/** What the chart draws, read back from its pixels. */
@ExtendWith(ApplicationExtension.class)
class ChartLinesFxTest {
    private static final Color FIRST = Color.web("#3b82f6"); // the palette's first colour
    private ChartStage stage;

    @Start
    void start(Stage s) {
        stage = new ChartStage(s, false);
    }

    @Test
    void aNanBreaksTheLineInsteadOfDrawingToZero() throws Exception {
        ChartSeries cpu = withGap(flat("cpu0", "CPU 0", 120, 50), 40, 80);
        stage.show(Unit.PERCENT, T0, T0 + 600, cpu);
        WritableImage image = stage.snapshot();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of("target/chart-nan-gap.png").toFile());

        Bounds plot = fx(() -> stage.chart.plotBounds());
        int inGap = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 5L * 60)));
        int beforeGap = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 5L * 20)));
        int afterGap = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 5L * 100)));
        assertThat(columnHas(image, beforeGap, plot, FIRST)).as("the line before the gap").isTrue();
        assertThat(columnHas(image, afterGap, plot, FIRST)).as("the line after the gap").isTrue();
        assertThat(columnHas(image, inGap, plot, FIRST)).as("nothing drawn in the gap").isFalse();
    }

    @Test
    void aGapSurvivesPointReductionOfTenThousandPoints() throws Exception {
        ChartSeries cpu = withGap(flat("cpu0", "CPU 0", 10_000, 50), 4_000, 6_000);
        stage.show(Unit.PERCENT, T0, T0 + 50_000, cpu);
        WritableImage image = stage.snapshot();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of("target/chart-nan-gap-10k.png").toFile());
        Bounds plot = fx(() -> stage.chart.plotBounds());
        int inGap = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 5L * 5_000)));
        int beforeGap = (int) Math.round(fx(() -> stage.chart.xOf(T0 + 5L * 2_000)));
        assertThat(columnHas(image, beforeGap, plot, FIRST)).isTrue();
        assertThat(columnHas(image, inGap, plot, FIRST)).isFalse();
    }

    /** True when a pixel of the column {@code x} inside the plot is close to {@code colour}. */
    static boolean columnHas(WritableImage image, int x, Bounds plot, Color colour) {
        PixelReader r = image.getPixelReader();
        for (int y = (int) plot.getMinY(); y < (int) plot.getMaxY(); y++) {
            Color c = r.getColor(x, y);
            // antialiasing blends a thin line with the background: compare the hue, not the exact colour
            if (c.getSaturation() > 0.3 && Math.abs(c.getHue() - colour.getHue()) < 12) {
                return true;
            }
        }
        return false;
    }
}
