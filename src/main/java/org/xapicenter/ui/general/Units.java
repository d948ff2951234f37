package org.xapicenter.ui.general;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Sizes and times as an administrator reads them: the UI's one byte formatter. */
public final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Units() {
    }

    /** Binary units, one decimal when it matters: {@code 4 GiB}, {@code 1.5 GiB}; {@code unknown} below zero. */
    public static String bytes(long n) {
        if (n < 0) {
            return "unknown";
        }
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int u = 0;
        while (v >= 1024 && u < BYTE_UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        String num = Math.abs(v - Math.rint(v)) < 0.05 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
        return num + " " + BYTE_UNITS[u];
    }

    static String time(Instant t) {
        return t == null || t.getEpochSecond() <= 0 ? "" : TIME.format(t);
    }

    static String percent(long part, long whole) {
        return whole <= 0 ? "" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }
}
