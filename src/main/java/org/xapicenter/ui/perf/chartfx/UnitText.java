package org.xapicenter.ui.perf.chartfx;

import java.util.Locale;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.general.Units;

/**
 * Values as the graphs show them, in the chart's {@link Unit}: hover readings ("12.5 %", "1.2 GiB",
 * "340 KiB/s", "n/a") and axis labels ("50 %", "1 GiB", "512 KiB/s"). Bytes go through
 * {@link Units#bytes}, the UI's one byte formatter, so a graph and the General tab agree.
 */
public final class UnitText {
    /** What a reading shows where the series has no value (a gap in the data). */
    public static final String NOT_AVAILABLE = "n/a";

    private UnitText() {
    }

    /** A hover reading: one decimal for percentages, binary units for bytes. */
    public static String reading(Unit unit, double value) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return switch (unit) {
            case PERCENT -> String.format(Locale.ROOT, "%.1f ", value) + symbol(unit);
            case BYTES -> bytes(value);
            case BYTES_PER_SECOND -> bytes(value) + "/s";
            case NUMBER -> plain(value);
        };
    }

    /** An axis tick label: ticks are round numbers, so no decimals unless the step needs them. */
    public static String tick(Unit unit, double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        return switch (unit) {
            case PERCENT -> plain(value) + " " + symbol(unit);
            case BYTES -> bytes(value);
            case BYTES_PER_SECOND -> bytes(value) + "/s";
            case NUMBER -> plain(value);
        };
    }

    /**
     * The unit's symbol as a column header or label names it ("%", "B", "B/s"; "" for a plain number):
     * the one place a unit becomes text, for the CSV export as for the graphs.
     */
    public static String symbol(Unit unit) {
        return switch (unit) {
            case PERCENT -> "%";
            case BYTES -> "B";
            case BYTES_PER_SECOND -> "B/s";
            case NUMBER -> "";
        };
    }

    private static String bytes(double value) {
        // Units.bytes says "unknown" below zero; a rate or size on a graph is never negative but a
        // derived value (used = total - free) may dip under zero by a rounding error: show it as 0.
        return Units.bytes(Math.max(0, Math.round(value)));
    }

    /** Up to two decimals, trailing zeros dropped: 1, 1.5, 0.25. */
    static String plain(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            return Long.toString((long) rounded);
        }
        String s = String.format(Locale.ROOT, "%.2f", rounded);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}
