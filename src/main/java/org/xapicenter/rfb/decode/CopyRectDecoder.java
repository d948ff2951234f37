package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;

import org.xapicenter.rfb.Framebuffer;

/** CopyRect (RFC 6143 §7.7.2): the rectangle is a copy of another part of the screen. */
public final class CopyRectDecoder implements RectDecoder {
    private int sourceX;
    private int sourceY;

    @Override
    public void decode(DataInputStream in, Framebuffer fb, int x, int y, int width, int height) throws IOException {
        int srcX = in.readUnsignedShort();
        int srcY = in.readUnsignedShort();
        fb.copy(srcX, srcY, x, y, width, height);
        sourceX = srcX;
        sourceY = srcY;
    }

    /** Left edge of the last copied rectangle's source (so the client knows whether real pixels moved). */
    public int sourceX() {
        return sourceX;
    }

    /** Top edge of the last copied rectangle's source. */
    public int sourceY() {
        return sourceY;
    }
}
