package org.xapicenter.rrd;

import java.time.Duration;

/**
 * The four round-robin archives every XAPI host keeps per data source: one row every {@link #step()}
 * seconds, {@link #rows()} rows deep. A graph reads the finest archive that still covers its range.
 */
public enum Archive {
    FIVE_SECONDS(5, 120),
    ONE_MINUTE(60, 120),
    ONE_HOUR(3600, 168),
    ONE_DAY(86400, 366);

    private final long step;
    private final int rows;

    Archive(long step, int rows) {
        this.step = step;
        this.rows = rows;
    }

    /** Seconds between two rows; also the {@code interval} parameter of {@code rrd_updates}. */
    public long step() {
        return step;
    }

    /** Rows the host keeps. */
    public int rows() {
        return rows;
    }

    /** How far back the archive reaches: step x rows. */
    public Duration span() {
        return Duration.ofSeconds(step * rows);
    }

    /** The archive whose step is {@code seconds}, or null when no archive has that step. */
    public static Archive ofStep(long seconds) {
        for (Archive a : values()) {
            if (a.step == seconds) {
                return a;
            }
        }
        return null;
    }
}
