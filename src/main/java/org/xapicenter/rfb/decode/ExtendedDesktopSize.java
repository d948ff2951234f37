package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * The ExtendedDesktopSize pseudo-encoding (rfbproto community docs): the rectangle's x says why
 * (0 the server changed, 1 we asked, 2 another client asked), y is a status (0 success), width and
 * height the new size; then a list of screens, which we read past because we show the whole
 * framebuffer as one.
 */
public final class ExtendedDesktopSize {
    private static final int SCREEN_BYTES = 16;

    private ExtendedDesktopSize() {
    }

    /** Reads the screen list; returns whether the rectangle announces a size (status 0). */
    public static boolean read(DataInputStream in, int reason, int status) throws IOException {
        // The count is one byte, so at most 255 screens: bounded by the wire format itself.
        int screens = in.readUnsignedByte();
        in.readFully(new byte[3 + screens * SCREEN_BYTES]);
        return status == 0;
    }
}
