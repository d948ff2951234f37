package org.xapicenter.ui.perf.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.perf.chart.ChartStage.T0;
import static org.xapicenter.ui.perf.chart.ChartStage.flat;
import static org.xapicenter.ui.perf.chart.ChartStage.fx;

import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.ChartSeries;
import org.xapicenter.ui.theme.Theme;

/** The axes as drawn: unit labels, time labels by range, and the theme's colours. */
@ExtendWith(ApplicationExtension.class)
class ChartAxesFxTest {
    private static final double GIB = 1024.0 * 1024 * 1024;
    private ChartStage stage;

    @Start
    void start(Stage s) {
        stage = new ChartStage(s, false);
    }

    @Test
    void bytesAreLabelledInBinaryUnits() {
        stage.show(Unit.BYTES, T0, T0 + 600, flat("mem", "Memory used", 120, 3.5 * GIB));
        stage.snapshot();
        assertThat(fx(() -> stage.chart.valueAxisLabels())).contains("0 B", "1 GiB", "2 GiB", "3 GiB");
        assertThat(fx(() -> stage.chart.valueTick(1073741824))).isEqualTo("1 GiB");
        assertThat(fx(() -> stage.chart.valueRange()[1])).isGreaterThanOrEqualTo(3.5 * GIB);
    }

    @Test
    void ratesAreLabelledPerSecond() {
        stage.show(Unit.BYTES_PER_SECOND, T0, T0 + 600, flat("vif", "eth0 rx", 120, 800 * 1024));
        stage.snapshot();
        assertThat(fx(() -> stage.chart.valueAxisLabels())).contains("0 B/s", "256 KiB/s", "512 KiB/s");
    }

    @Test
    void percentagesShowZeroToAHundredUnlessAValueExceedsIt() {
        stage.show(Unit.PERCENT, T0, T0 + 600, flat("cpu", "CPU", 120, 12.5));
        stage.snapshot();
        assertThat(fx(() -> stage.chart.valueRange())).containsExactly(0, 100);
        assertThat(fx(() -> stage.chart.valueAxisLabels())).contains("0 %", "20 %", "40 %", "100 %");
        stage.show(Unit.PERCENT, T0, T0 + 600, flat("cpu", "CPU", 120, 250));
        stage.snapshot();
        assertThat(fx(() -> stage.chart.valueRange()[1])).isGreaterThanOrEqualTo(250);
    }

    @Test
    void plainNumbersAutoRangeFromZero() {
        stage.show(Unit.NUMBER, T0, T0 + 600, flat("load", "Load average", 120, 3.2));
        stage.snapshot();
        double[] range = fx(() -> stage.chart.valueRange());
        assertThat(range[0]).isZero();
        assertThat(range[1]).isBetween(3.2, 5.0);
        assertThat(fx(() -> stage.chart.valueAxisLabels())).contains("0", "1", "2", "3");
    }

    @Test
    void timeLabelsShowWhatTheRangeNeeds() {
        ChartSeries s = flat("cpu", "CPU", 120, 10);
        stage.show(Unit.PERCENT, T0, T0 + 600, s);
        stage.snapshot();
        assertThat(fx(() -> stage.chart.timeAxisLabels())).isNotEmpty().allMatch(l -> l.matches("\\d\\d:\\d\\d"));
        stage.show(Unit.PERCENT, T0, T0 + 86_400, s);
        stage.snapshot();
        assertThat(fx(() -> stage.chart.timeAxisLabels())).isNotEmpty()
                .allMatch(l -> l.matches("\\d\\d \\S+ \\d\\d:\\d\\d"));
        stage.show(Unit.PERCENT, T0, T0 + 30 * 86_400, s);
        stage.snapshot();
        assertThat(fx(() -> stage.chart.timeAxisLabels())).isNotEmpty().allMatch(l -> l.matches("\\d\\d \\S+"));
    }

    @Test
    void theDarkThemeDrawsLightLabels() throws Exception {
        ChartSeries[] lines = {flat("cpu0", "CPU 0", 120, 35), ChartStage.withGap(flat("cpu1", "CPU 1", 120, 60), 50, 70)};
        stage.show(Unit.PERCENT, T0, T0 + 600, lines);
        ImageIO.write(SwingFXUtils.fromFXImage(stage.snapshot(), null), "png", Path.of("target/chart-light.png").toFile());
        Color light = (Color) fx(() -> stage.chart.tickLabelFill());
        try {
            fx(() -> new Theme(true));
            fx(() -> stage.scene.getRoot().applyCss());
            ImageIO.write(SwingFXUtils.fromFXImage(stage.snapshot(), null), "png", Path.of("target/chart-dark.png").toFile());
            Color dark = (Color) fx(() -> stage.chart.tickLabelFill());
            assertThat(dark).isNotEqualTo(light);
            assertThat(dark.getBrightness()).as("light text on the dark background").isGreaterThan(0.5);
            assertThat(light.getBrightness()).as("dark text on the light background").isLessThan(0.5);
        } finally {
            fx(() -> new Theme(false));
        }
    }
}
