package org.xapicenter.rrd;

import java.time.Duration;

/** The ranges a Performance graph offers, each read from the finest archive that covers it. */
public enum TimeRange {
    TEN_MINUTES("10 minutes", Duration.ofMinutes(10), Archive.FIVE_SECONDS),
    TWO_HOURS("2 hours", Duration.ofHours(2), Archive.ONE_MINUTE),
    ONE_DAY("1 day", Duration.ofDays(1), Archive.ONE_HOUR),
    ONE_WEEK("1 week", Duration.ofDays(7), Archive.ONE_HOUR),
    ONE_MONTH("1 month", Duration.ofDays(30), Archive.ONE_DAY),
    ONE_YEAR("1 year", Duration.ofDays(365), Archive.ONE_DAY);

    private final String label;
    private final Duration span;
    private final Archive archive;

    TimeRange(String label, Duration span, Archive archive) {
        this.label = label;
        this.span = span;
        this.archive = archive;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }

    public Archive archive() {
        return archive;
    }
}
