package org.xapicenter.rrd;

/** The unit a measure is shown in once {@link Measures} has converted the wire value. */
public enum Unit {
    /** 0-100 (CPU: the wire fraction x 100). */
    PERCENT,
    /** Bytes (memory: KiB on the wire for some sources, converted). */
    BYTES,
    /** Bytes per second (network, disk). */
    BYTES_PER_SECOND,
    /** A plain number (load average, counts). */
    NUMBER
}
