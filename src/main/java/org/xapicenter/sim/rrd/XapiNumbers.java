package org.xapicenter.sim.rrd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as xapi-rrd prints them (its {@code Utils.f_to_s}, since xapi 25.10; older hosts printed only
 * five significant digits): C's {@code %0.15g} for normal values, {@code 0.0} for zero, {@code NaN},
 * {@code Infinity} and {@code -Infinity}. {@code %g} picks fixed or exponent notation by the decimal
 * exponent X of the rounded value (exponent form when X < -4 or X >= 15), drops trailing zeros and a
 * bare decimal point, and writes at least two exponent digits: {@code 0.25}, {@code 2147483648},
 * {@code 1.5e-05}, {@code 1e+20}.
 */
public final class XapiNumbers {
    private static final int PRECISION = 15;
    private static final MathContext ROUNDING = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

    private XapiNumbers() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0.0) {
            return "0.0";
        }
        // BigDecimal(double) is exact, so this rounds the binary value as glibc's printf does.
        BigDecimal rounded = new BigDecimal(v).round(ROUNDING);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal trimmed = rounded.stripTrailingZeros();
        if (exponent < -4 || exponent >= PRECISION) {
            String digits = trimmed.unscaledValue().abs().toString();
            StringBuilder s = new StringBuilder();
            if (trimmed.signum() < 0) {
                s.append('-');
            }
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                s.append('0');
            }
            return s.append(e).toString();
        }
        return trimmed.toPlainString();
    }
}
