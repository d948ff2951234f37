package org.xapicenter.sim.console;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes the body of one rectangle of one encoding (the 12-byte rectangle header is the session's).
 * Pixels come from an ARGB snapshot {@code argb}, {@code stride} ints a row; the output is in the
 * viewer's {@link PixelFormat}. An encoder may keep state across rectangles (ZRLE's zlib stream), so
 * each connection has its own.
 */
interface RectEncoder {
    /** The encoding number on the wire. */
    int code();

    void encode(int[] argb, int stride, int x, int y, int w, int h, PixelFormat format, DataOutputStream out)
            throws IOException;
}
