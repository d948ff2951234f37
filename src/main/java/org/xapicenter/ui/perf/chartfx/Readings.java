package org.xapicenter.ui.perf.chartfx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.ChartReading;
import org.xapicenter.ui.perf.ChartSeries;

/** Works out the hover reading: the data row nearest a time and every visible series' value in that row. */
public final class Readings {
    private Readings() {
    }

    /**
     * The reading at the row time nearest {@code time} among the {@code visible} series, or null when none
     * of them has a row. A series without a row at that exact time reads {@link UnitText#NOT_AVAILABLE}.
     */
    public static ChartReading at(double time, List<ChartSeries> series, Predicate<String> visible, Unit unit) {
        long best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (ChartSeries s : series) {
            if (!visible.test(s.id()) || s.times().length == 0) {
                continue;
            }
            long t = nearest(s.times(), time);
            double d = Math.abs(t - time);
            if (d < bestDistance) {
                bestDistance = d;
                best = t;
            }
        }
        if (bestDistance == Double.POSITIVE_INFINITY) {
            return null;
        }
        List<ChartReading.Value> values = new ArrayList<>();
        for (ChartSeries s : series) {
            if (!visible.test(s.id())) {
                continue;
            }
            int i = Arrays.binarySearch(s.times(), best);
            double v = i >= 0 && i < s.values().length ? s.values()[i] : Double.NaN;
            values.add(new ChartReading.Value(s.id(), s.label(), UnitText.reading(unit, v)));
        }
        return new ChartReading(best, List.copyOf(values));
    }

    /** The element of the ascending, non-empty {@code times} nearest {@code time}. */
    static long nearest(long[] times, double time) {
        int lo = 0;
        int hi = times.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(times[lo - 1] - time) <= Math.abs(times[lo] - time)) {
            return times[lo - 1];
        }
        return times[lo];
    }
}
