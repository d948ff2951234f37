package org.xapicenter.ui.perf.chartfx;

import io.fair_acc.chartfx.axes.TickUnitSupplier;
import org.xapicenter.rrd.Unit;

/**
 * Tick spacing and labels of the value axis for one {@link Unit}: bytes step in binary multiples (256 MiB,
 * 512 MiB, 1 GiB) so their labels come out round ("1 GiB", never "1.07 GB"); percentages and plain numbers
 * step 1-2-5.
 */
public final class UnitAxisFormatter extends ReadOnlyAxisLabels {
    private static final double[] BINARY_STEPS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
    private static final double[] DECIMAL_STEPS = {1, 2, 2.5, 5};

    private Unit unit;

    public UnitAxisFormatter(Unit unit) {
        super(null);
        setUnit(unit);
    }

    public void setUnit(Unit unit) {
        this.unit = unit;
        ticks.set(binary(unit) ? UnitAxisFormatter::binaryStep : UnitAxisFormatter::decimalStep);
    }

    public Unit unit() {
        return unit;
    }

    private static boolean binary(Unit unit) {
        return unit == Unit.BYTES || unit == Unit.BYTES_PER_SECOND;
    }

    /** The smallest step of the 1, 2, 4 ... 512 x 1024^k series not below {@code raw}. */
    static double binaryStep(double raw) {
        if (!(raw > 1)) {
            return 1;
        }
        double base = 1;
        while (raw >= 1024 * base && base < 0x1p60) {
            base *= 1024;
        }
        for (double s : BINARY_STEPS) {
            if (s * base >= raw) {
                return s * base;
            }
        }
        return 1024 * base;
    }

    /** The smallest step of the 1, 2, 2.5, 5 x 10^k series not below {@code raw}. */
    static double decimalStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double base = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : DECIMAL_STEPS) {
            if (s * base >= raw * (1 - 1e-9)) {
                return s * base;
            }
        }
        return 10 * base;
    }

    @Override
    public String toString(Number value) {
        return UnitText.tick(unit, value.doubleValue());
    }
}
