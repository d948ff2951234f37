package org.xapicenter.ui.perf.chartfx;

import io.fair_acc.chartfx.axes.TickUnitSupplier;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The time axis (values are epoch seconds): ticks on round minutes, hours or days, labelled in local time
 * with as much as the shown span needs: {@code HH:mm} up to a few hours, {@code dd MMM HH:mm} up to a week,
 * {@code dd MMM} beyond.
 */
public final class TimeAxisFormatter extends ReadOnlyAxisLabels {
    private static final long MINUTE = 60;
    private static final long HOUR = 3600;
    private static final long DAY = 86400;
    private static final long[] STEPS = {MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE,
        30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY,
        56 * DAY, 91 * DAY, 182 * DAY, 364 * DAY};

    private final ZoneId zone;
    private final DateTimeFormatter readingFormat;
    private DateTimeFormatter format;

    public TimeAxisFormatter(ZoneId zone) {
        super(TimeAxisFormatter::step);
        this.zone = zone;
        this.readingFormat = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss").withZone(zone);
        setSpan(2 * HOUR);
    }

    /** Chooses the label pattern for an axis showing {@code seconds} of time. */
    public void setSpan(double seconds) {
        format = DateTimeFormatter.ofPattern(pattern(seconds)).withZone(zone);
    }

    /** The label pattern for a span: the 10 min and 2 h ranges need the time, a month or a year the day. */
    static String pattern(double seconds) {
        if (seconds <= 6 * HOUR) {
            return "HH:mm";
        }
        if (seconds <= 8 * DAY) {
            return "dd MMM HH:mm";
        }
        return "dd MMM";
    }

    static double step(double raw) {
        for (long s : STEPS) {
            if (s >= raw) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1] * Math.ceil(raw / STEPS[STEPS.length - 1]);
    }

    /** A hover reading's time: always the full date and clock time, whatever the axis shows. */
    public String readingText(long epochSecond) {
        return readingFormat.format(Instant.ofEpochSecond(epochSecond));
    }

    @Override
    public String toString(Number value) {
        double v = value.doubleValue();
        return Double.isFinite(v) ? format.format(Instant.ofEpochSecond(Math.round(v))) : "";
    }
}
