package org.xapicenter.rrd;

import java.io.IOException;

/**
 * A document that is not the {@code xport} or RRD dump it claims to be, or that breaks a bound
 * ({@link RrdLimits}). The message is one sentence a user can read and says where: "row 12",
 * "legend entry 3", "byte 40961".
 */
public class RrdFormatException extends IOException {
    private final String where;

    public RrdFormatException(String message, String where) {
        super(message);
        this.where = where;
    }

    public RrdFormatException(String message, String where, Throwable cause) {
        super(message, cause);
        this.where = where;
    }

    /** Where in the document, or empty when it concerns the whole. */
    public String where() {
        return where == null ? "" : where;
    }
}
