package org.xapicenter.rrd;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streaming reader of the {@code xport} document of {@code /rrd_updates}, XML and JSON, in every
 * spelling real hosts and rrdtool write (see the implementation's notes). Reads at most
 * {@link RrdLimits#maxBytes()}.
 */
public final class XportParser {
    private XportParser() {
    }

    /** XML or JSON, told apart by the first non-blank character. */
    public static RrdUpdate parse(InputStream in, RrdLimits limits) throws IOException {
        throw new UnsupportedOperationException("rrd-lib implements XportParser.parse");
    }

    public static RrdUpdate parseXml(InputStream in, RrdLimits limits) throws IOException {
        throw new UnsupportedOperationException("rrd-lib implements XportParser.parseXml");
    }

    public static RrdUpdate parseJson(InputStream in, RrdLimits limits) throws IOException {
        throw new UnsupportedOperationException("rrd-lib implements XportParser.parseJson");
    }
}
