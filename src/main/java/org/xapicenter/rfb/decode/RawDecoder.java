package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;

import org.xapicenter.rfb.Framebuffer;

/** Raw (RFC 6143 §7.7.1): every pixel, row by row. Reads in bands so a big rectangle needs little memory. */
public final class RawDecoder implements RectDecoder {
    /** Pixels per band: large enough for fast bulk reads, small enough to keep the buffers modest. */
    private static final int BAND_PIXELS = 64 * 1024;

    private byte[] bytes = new byte[0];
    private int[] argb = new int[0];

    @Override
    public void decode(DataInputStream in, Framebuffer fb, int x, int y, int width, int height) throws IOException {
        if (width == 0 || height == 0) {
            return;
        }
        int rowsPerBand = Math.max(1, BAND_PIXELS / width);
        int bandPixels = rowsPerBand * width;
        if (argb.length < bandPixels) {
            argb = new int[bandPixels];
            bytes = new byte[bandPixels * Pixels.BYTES];
        }
        for (int row = 0; row < height; row += rowsPerBand) {
            int rows = Math.min(rowsPerBand, height - row);
            int count = rows * width;
            in.readFully(bytes, 0, count * Pixels.BYTES);
            Pixels.convert(bytes, count, argb, 0);
            fb.set(x, y + row, width, rows, argb, 0, width);
        }
    }
}
