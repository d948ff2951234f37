package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The fast %0.15g path prints exactly what the exact (BigDecimal) rounding prints. */
class XapiNumbersFastPathTest {
    private static void same(double v) {
        String expected = v == 0.0 ? "0.0" : Double.isNaN(v) ? "NaN"
                : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : XapiNumbers.exact(v);
        assertThat(XapiNumbers.format(v)).as("%s (bits %x)", Double.toString(v), Double.doubleToRawLongBits(v))
                .isEqualTo(expected);
    }

    @Test
    void edgeValuesPrintAsTheExactRounding() {
        List<Double> edges = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE,
                1e-5, 1.5e-5, 1e-4, 0.0001234, 1e+15, 1e+16, 999999999999999.0, 9999999999999999.0,
                999999999999999.4, 999999999999999.5, 123456789012345678.0, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 0.1, 0.7,
                1.0, 10.0, 100.0, 300.0, 0.25, 2147483648.0, 1763800000.5, 5e-324, 1e-300, 1.5e-300, 1e20, 1e21,
                1e22, 1e23, 123456.789, 4.35, 0.000099999999999999999, 9.5e-5, 99999.99999999999, 1e7, 1e-3,
                12345678901234.5, 1234567890123.45, 0.30000000000000004, 4503599627370496.0, 9007199254740993.0));
        for (double d : List.copyOf(edges)) {
            edges.add(-d);
            edges.add(Math.nextUp(d));
            edges.add(Math.nextDown(d));
        }
        edges.forEach(XapiNumbersFastPathTest::same);
        assertThat(XapiNumbers.format(1e+15)).isEqualTo("1e+15");
        assertThat(XapiNumbers.format(1e+16)).isEqualTo("1e+16");
        assertThat(XapiNumbers.format(1e-5)).isEqualTo("1e-05");
        assertThat(XapiNumbers.format(123456789012345678.0)).isEqualTo("1.23456789012346e+17");
        assertThat(XapiNumbers.format(Double.MIN_VALUE)).isEqualTo("4.94065645841247e-324");
    }

    @Test
    void randomValuesPrintAsTheExactRounding() {
        SplittableRandom r = new SplittableRandom(20261122);
        for (int i = 0; i < 15_000; i++) {
            same(Double.longBitsToDouble(r.nextLong()));
            // Values like the workload's: fractions, rates, memory sizes, and short decimals.
            same(r.nextDouble());
            same(r.nextDouble() * Math.pow(10, r.nextInt(-12, 20)));
            same(r.nextLong(0, 1_000_000_000_000L) / Math.pow(10, r.nextInt(0, 16)));
            same(r.nextLong() / 1024.0);
            // Near a 15-digit rounding boundary: 15 digits, then 5 (the tie), and its binary neighbours.
            double tie = Double.parseDouble(r.nextLong(100_000_000_000_000L, 1_000_000_000_000_000L) + "5e"
                    + r.nextInt(-320, 290));
            same(tie);
            same(Math.nextUp(tie));
            same(Math.nextDown(tie));
        }
    }
}
