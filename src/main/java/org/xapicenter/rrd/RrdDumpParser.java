package org.xapicenter.rrd;

import java.io.IOException;
import java.io.InputStream;

/** Streaming reader of the full RRD dump of {@code /host_rrd} and {@code /vm_rrd}. */
public final class RrdDumpParser {
    private RrdDumpParser() {
    }

    /**
     * Reads the dump of the object {@code (objectType, uuid)}: the dump itself does not name its object,
     * so the caller says whose it asked for; the legend entries of the archives carry that key.
     */
    public static RrdDump parse(InputStream in, String objectType, String uuid, RrdLimits limits) throws IOException {
        throw new UnsupportedOperationException("rrd-lib implements RrdDumpParser.parse");
    }
}
