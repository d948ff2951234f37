package org.xapicenter.rfb;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * The 12 bytes before each rectangle of a FramebufferUpdate (RFC 6143 §7.6.1): where it goes and how
 * it is encoded (a pixel encoding, or a pseudo-encoding such as LastRect).
 */
public record RectangleHeader(int x, int y, int width, int height, int encoding) {

    public static RectangleHeader read(DataInputStream in) throws IOException {
        int x = in.readUnsignedShort();
        int y = in.readUnsignedShort();
        int w = in.readUnsignedShort();
        int h = in.readUnsignedShort();
        return new RectangleHeader(x, y, w, h, in.readInt());
    }

    /** LastRect: the update ends here, whatever count it announced. */
    public boolean isLast() {
        return encoding == Encoding.PSEUDO_LAST_RECT;
    }
}
