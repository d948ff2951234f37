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
        String fast = shortForm(v);
        return fast != null ? fast : exact(v);
    }

    /**
     * The fast path, for normal values, from {@link Double#toString}'s digits D (at most 17, and within half
     * an ulp of {@code v}, since they read back as {@code v}). At most 15 digits: any such decimal is what
     * rounding the exact binary value to 15 digits gives (DBL_DIG), so those are %0.15g's digits. 16 or 17
     * digits: D rounded to 15 digits is the exact value rounded, unless a rounding boundary (a 16th digit
     * of 5, then zeros) lies within half an ulp of D; then, and for subnormals, null: only exact rounding
     * is right.
     */
    private static String shortForm(double v) {
        double a = Math.abs(v);
        if (a < Double.MIN_NORMAL) {
            return null;
        }
        String s = Double.toString(a);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length());
        digits.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        // The decimal exponent of the first digit of "digits" as written.
        exponent += dot - 1;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        exponent -= lead;
        int end = digits.length();
        while (end > lead + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        if (end - lead <= PRECISION) {
            return layout(v < 0, digits.substring(lead, end), exponent);
        }
        if (end - lead > 17) {
            return null;
        }
        while (end - lead < 17) {
            digits.insert(end++, '0');
        }
        // The 16th and 17th digits, in units of the 17th; D is within half an ulp of v, in those units:
        int tail = (digits.charAt(lead + 15) - '0') * 10 + (digits.charAt(lead + 16) - '0');
        double halfUlp = Math.ulp(a) / 2 / Math.pow(10, exponent - 16);
        if (!(Math.abs(tail - 50) > halfUlp + 1)) {
            return null;
        }
        long head = Long.parseLong(digits.substring(lead, lead + 15));
        if (tail > 50) {
            head++;
            if (head == 1_000_000_000_000_000L) {
                head = 100_000_000_000_000L;
                exponent++;
            }
        }
        String rounded = Long.toString(head);
        int n = rounded.length();
        while (n > 1 && rounded.charAt(n - 1) == '0') {
            n--;
        }
        return layout(v < 0, rounded.substring(0, n), exponent);
    }

    /** Exact rounding of the binary value to 15 digits, as glibc's printf does (slow: BigDecimal). */
    static String exact(double v) {
        // BigDecimal(double) is exact, so this rounds the binary value as glibc's printf does.
        BigDecimal rounded = new BigDecimal(v).round(ROUNDING);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal trimmed = rounded.stripTrailingZeros();
        return layout(trimmed.signum() < 0, trimmed.unscaledValue().abs().toString(), exponent);
    }

    /**
     * %g's layout of significant {@code digits} (no leading or trailing zeros) whose first digit has the
     * decimal exponent {@code exponent}.
     */
    private static String layout(boolean negative, String digits, int exponent) {
        StringBuilder s = new StringBuilder(digits.length() + 8);
        if (negative) {
            s.append('-');
        }
        int n = digits.length();
        if (exponent < -4 || exponent >= PRECISION) {
            s.append(digits.charAt(0));
            if (n > 1) {
                s.append('.').append(digits, 1, n);
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                s.append('0');
            }
            return s.append(e).toString();
        }
        if (exponent < 0) {
            s.append("0.");
            for (int i = -1; i > exponent; i--) {
                s.append('0');
            }
            return s.append(digits).toString();
        }
        if (n <= exponent + 1) {
            s.append(digits);
            for (int i = n; i <= exponent; i++) {
                s.append('0');
            }
            return s.toString();
        }
        return s.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, n).toString();
    }
}
