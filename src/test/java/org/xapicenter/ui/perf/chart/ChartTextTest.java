package org.xapicenter.ui.perf.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.ChartReading;
import org.xapicenter.ui.perf.ChartSeries;
import org.xapicenter.ui.perf.chartfx.Readings;
import org.xapicenter.ui.perf.chartfx.UnitAxisFormatter;
import org.xapicenter.ui.perf.chartfx.UnitText;

/** The chart's texts and tick steps without a scene. */
class ChartTextTest {
    @Test
    void readingsCarryTheirUnit() {
        assertThat(UnitText.reading(Unit.PERCENT, 12.5)).isEqualTo("12.5 %");
        assertThat(UnitText.reading(Unit.BYTES, 1.2 * 1024 * 1024 * 1024)).isEqualTo("1.2 GiB");
        assertThat(UnitText.reading(Unit.BYTES_PER_SECOND, 340 * 1024)).isEqualTo("340 KiB/s");
        assertThat(UnitText.reading(Unit.NUMBER, 0.254)).isEqualTo("0.25");
        assertThat(UnitText.reading(Unit.NUMBER, 3)).isEqualTo("3");
        assertThat(UnitText.reading(Unit.BYTES, Double.NaN)).isEqualTo("n/a");
        assertThat(UnitText.reading(Unit.PERCENT, Double.POSITIVE_INFINITY)).isEqualTo("n/a");
        assertThat(UnitText.reading(Unit.BYTES, -3)).as("a rounding dip below zero").isEqualTo("0 B");
    }

    @Test
    void tickLabelsAreRound() {
        assertThat(UnitText.tick(Unit.BYTES, 1073741824)).isEqualTo("1 GiB");
        assertThat(UnitText.tick(Unit.BYTES_PER_SECOND, 512 * 1024)).isEqualTo("512 KiB/s");
        assertThat(UnitText.tick(Unit.PERCENT, 40)).isEqualTo("40 %");
        assertThat(UnitText.tick(Unit.NUMBER, 2.5)).isEqualTo("2.5");
    }

    @Test
    void byteAxesStepInBinaryMultiples() {
        UnitAxisFormatter f = new UnitAxisFormatter(Unit.BYTES);
        assertThat(f.getTickUnitSupplier().computeTickUnit(700e6)).isEqualTo(1024.0 * 1024 * 1024);
        assertThat(f.getTickUnitSupplier().computeTickUnit(200 * 1024)).isEqualTo(256 * 1024);
        f.setUnit(Unit.PERCENT);
        assertThat(f.getTickUnitSupplier().computeTickUnit(17)).isEqualTo(20);
        assertThat(f.getTickUnitSupplier().computeTickUnit(0.3)).isEqualTo(0.5);
    }

    @Test
    void aReadingTakesTheNearestRowOfTheVisibleSeries() {
        ChartSeries a = new ChartSeries("a", "A", new long[] {100, 105, 110}, new double[] {1, Double.NaN, 3});
        ChartSeries b = new ChartSeries("b", "B", new long[] {100, 110}, new double[] {10, 30});
        ChartReading r = Readings.at(106, List.of(a, b), id -> true, Unit.NUMBER);
        assertThat(r.time()).isEqualTo(105);
        assertThat(r.values()).extracting(ChartReading.Value::text).containsExactly("n/a", "n/a");
        r = Readings.at(108.5, List.of(a, b), id -> true, Unit.NUMBER);
        assertThat(r.time()).isEqualTo(110);
        assertThat(r.values()).extracting(ChartReading.Value::text).containsExactly("3", "30");
        r = Readings.at(106, List.of(a, b), "b"::equals, Unit.NUMBER);
        assertThat(r.time()).isEqualTo(110);
        assertThat(r.values()).extracting(ChartReading.Value::label).containsExactly("B");
        assertThat(Readings.at(106, List.of(a, b), id -> false, Unit.NUMBER)).isNull();
    }
}
