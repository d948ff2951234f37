package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbException;

/**
 * Hextile (RFC 6143 §7.7.4): 16x16 tiles left to right, top to bottom, each raw or a background with
 * subrectangles. Background and foreground colours carry over from tile to tile within one rectangle.
 * Each tile is assembled in a small buffer and written to the framebuffer once.
 */
public final class HextileDecoder implements RectDecoder {
    static final int RAW = 1;
    static final int BACKGROUND_SPECIFIED = 2;
    static final int FOREGROUND_SPECIFIED = 4;
    static final int ANY_SUBRECTS = 8;
    static final int SUBRECTS_COLOURED = 16;
    private static final int TILE = 16;

    private final int[] tile = new int[TILE * TILE];
    private final byte[] rawBytes = new byte[TILE * TILE * Pixels.BYTES];

    @Override
    public void decode(DataInputStream in, Framebuffer fb, int x, int y, int width, int height) throws IOException {
        int background = 0xFF000000;
        int foreground = 0xFF000000;
        for (int ty = 0; ty < height; ty += TILE) {
            int th = Math.min(TILE, height - ty);
            for (int tx = 0; tx < width; tx += TILE) {
                int tw = Math.min(TILE, width - tx);
                int flags = in.readUnsignedByte();
                if (flags > 31) {
                    throw new RfbException("the server sent a Hextile tile with unknown flags " + flags);
                }
                if ((flags & RAW) != 0) {
                    in.readFully(rawBytes, 0, tw * th * Pixels.BYTES);
                    Pixels.convert(rawBytes, tw * th, tile, 0);
                    fb.set(x + tx, y + ty, tw, th, tile, 0, tw);
                    continue;
                }
                if ((flags & BACKGROUND_SPECIFIED) != 0) {
                    background = Pixels.one(in);
                }
                if ((flags & FOREGROUND_SPECIFIED) != 0) {
                    foreground = Pixels.one(in);
                }
                if ((flags & ANY_SUBRECTS) == 0) {
                    fb.fill(x + tx, y + ty, tw, th, background);
                    continue;
                }
                Arrays.fill(tile, 0, tw * th, background);
                int count = in.readUnsignedByte();
                boolean coloured = (flags & SUBRECTS_COLOURED) != 0;
                for (int i = 0; i < count; i++) {
                    int colour = coloured ? Pixels.one(in) : foreground;
                    int xy = in.readUnsignedByte();
                    int wh = in.readUnsignedByte();
                    int sx = xy >>> 4;
                    int sy = xy & 15;
                    int sw = (wh >>> 4) + 1;
                    int sh = (wh & 15) + 1;
                    if (sx + sw > tw || sy + sh > th) {
                        throw new RfbException("the server sent a Hextile subrectangle " + sw + "x" + sh + "+" + sx
                                + "+" + sy + " outside its " + tw + "x" + th + " tile");
                    }
                    for (int row = sy; row < sy + sh; row++) {
                        Arrays.fill(tile, row * tw + sx, row * tw + sx + sw, colour);
                    }
                }
                fb.set(x + tx, y + ty, tw, th, tile, 0, tw);
            }
        }
    }
}
