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
        // Without String.format: a table of ten thousand disks formats twenty thousand sizes per read.
        String num;
        if (Math.abs(v - Math.rint(v)) < 0.05) {
            num = Long.toString(Math.round(v));
        } else {
            long tenths = Math.round(v * 10);
            num = tenths / 10 + "." + tenths % 10;
        }
        return num + " " + BYTE_UNITS[u];
    }

    public static String time(Instant t) {
        return t == null || t.getEpochSecond() <= 0 ? "" : TIME.format(t);
    }

    public static String percent(long part, long whole) {
        return whole <= 0 ? "" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    /** How long something has been up: {@code 3 days 4 hours}, {@code 2 hours 5 minutes}, {@code 40 seconds}. */
    public static String uptime(Instant since, Instant now) {
        if (since == null || since.getEpochSecond() <= 0 || now.isBefore(since)) {
            return "";
        }
        long s = java.time.Duration.between(since, now).getSeconds();
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        if (days > 0) {
            return plural(days, "day") + " " + plural(hours, "hour");
        }
        if (hours > 0) {
            return plural(hours, "hour") + " " + plural(minutes, "minute");
        }
        return minutes > 0 ? plural(minutes, "minute") : plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** A link speed XAPI gives in Mbit/s: {@code 10 Gbit/s}, {@code 100 Mbit/s}; empty when unknown. */
    public static String linkSpeed(long mbits) {
        if (mbits <= 0 || mbits == 0xffff || mbits == 0xffffffffL) {
            return "";
        }
        return mbits >= 1000 && mbits % 1000 == 0 ? mbits / 1000 + " Gbit/s" : mbits + " Mbit/s";
    }
}
