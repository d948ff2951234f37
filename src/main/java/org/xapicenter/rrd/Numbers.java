package org.xapicenter.rrd;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * Numbers as hosts print them: {@code %0.15g} ({@code 0.0123}, {@code 1.07e+09}), rrdtool's
 * {@code 9.6000000000e-01}, and the special values in every spelling seen: {@code NaN}, {@code nan},
 * {@code -nan}, {@code Infinity}, {@code inf}, {@code -Infinity}, {@code -inf} (any case).
 */
final class Numbers {
    private Numbers() {
    }

    /** The value, or null when {@code text} is no number. */
    static Double parseValue(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        char c = s.charAt(0);
        if (Character.isLetter(c) || ((c == '-' || c == '+') && s.length() > 1 && Character.isLetter(s.charAt(1)))) {
            return special(s);
        }
        if (s.indexOf('x') >= 0 || s.indexOf('X') >= 0 || endsWithTypeSuffix(s)) {
            return null; // Java would take hex floats and 1d/1f; no host writes them
        }
        try {
            // Jackson's bundled FastDoubleParser: the same results as Double.parseDouble, several times faster
            return NumberInput.parseDouble(s, true);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean endsWithTypeSuffix(String s) {
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        return last == 'd' || last == 'f';
    }

    private static Double special(String s) {
        boolean negative = s.charAt(0) == '-';
        String word = (s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s).toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                return null;
        }
    }

    /** A whole number (times, counts), or null. */
    static Long parseLong(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 20) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            // rrdtool and xapi print integers, but a float-formatted time (1763700105.0) is still a time
            Double d = parseValue(s);
            if (d != null && !d.isNaN() && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return d.longValue();
            }
            return null;
        }
    }
}
