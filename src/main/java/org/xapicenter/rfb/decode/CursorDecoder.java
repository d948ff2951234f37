package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;

import org.xapicenter.rfb.CursorShape;
import org.xapicenter.rfb.RfbException;

/**
 * The Cursor pseudo-encoding (RFC 6143 §7.8.1): the rectangle's position is the hot spot, its size
 * the image's; then the pixels and a bitmask (one bit a pixel, rows padded to a byte) saying which
 * pixels are part of the pointer.
 */
public final class CursorDecoder {
    /** Larger than any pointer an operating system draws. */
    public static final int MAX_SIDE = 256;

    private CursorDecoder() {
    }

    public static CursorShape decode(DataInputStream in, int hotX, int hotY, int width, int height) throws IOException {
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new RfbException("the server sent a " + width + "x" + height + " pointer image, larger than the "
                    + MAX_SIDE + "x" + MAX_SIDE + " we accept");
        }
        if (width == 0 || height == 0) {
            return new CursorShape(0, 0, 0, 0, new int[0]);
        }
        byte[] pixelBytes = new byte[width * height * Pixels.BYTES];
        in.readFully(pixelBytes);
        int[] argb = new int[width * height];
        Pixels.convert(pixelBytes, width * height, argb, 0);
        int maskStride = (width + 7) / 8;
        byte[] mask = new byte[maskStride * height];
        in.readFully(mask);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                boolean visible = (mask[row * maskStride + col / 8] & (0x80 >>> (col % 8))) != 0;
                if (!visible) {
                    argb[row * width + col] = 0;
                }
            }
        }
        return new CursorShape(width, height, Math.min(hotX, width - 1), Math.min(hotY, height - 1), argb);
    }
}
