package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbException;

/**
 * ZRLE (RFC 6143 §7.7.6): each rectangle is a length-prefixed block of one zlib stream that lasts the
 * whole connection, holding 64x64 tiles left to right, top to bottom. For our pixel format a
 * compressed pixel (CPIXEL) is three bytes B, G, R.
 */
public final class ZrleDecoder implements RectDecoder {
    /** Far above what a 8K screen of noise compresses to, small enough to refuse nonsense at once. */
    public static final int MAX_COMPRESSED_LENGTH = 64 << 20;

    private static final int TILE = 64;
    private static final int SOLID = 1;
    private static final int MAX_PACKED_PALETTE = 16;
    private static final int PLAIN_RLE = 128;
    private static final int FIRST_PALETTE_RLE = 130;

    private final InflaterInput zlib = new InflaterInput("the server's ZRLE data is corrupt");
    private final int[] tile = new int[TILE * TILE];
    private final byte[] bytes = new byte[TILE * TILE * 3];
    /** 127 entries at most; packed tiles may name indices up to 15 of a smaller palette, caught after the tile. */
    private final int[] palette = new int[127];

    @Override
    public void release() {
        zlib.end();
    }

    @Override
    public void decode(DataInputStream in, Framebuffer fb, int x, int y, int width, int height) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_COMPRESSED_LENGTH) {
            throw new RfbException("the server announced " + Integer.toUnsignedString(length)
                    + " bytes of ZRLE data for one rectangle, more than the " + MAX_COMPRESSED_LENGTH + " allowed");
        }
        zlib.begin(in, length);
        for (int ty = 0; ty < height; ty += TILE) {
            int th = Math.min(TILE, height - ty);
            for (int tx = 0; tx < width; tx += TILE) {
                int tw = Math.min(TILE, width - tx);
                decodeTile(fb, x + tx, y + ty, tw, th);
            }
        }
        zlib.finish();
    }

    private void decodeTile(Framebuffer fb, int x, int y, int w, int h) throws IOException {
        int sub = zlib.readU8();
        int count = w * h;
        if (sub == 0) {
            zlib.readFully(bytes, 0, count * 3);
            for (int i = 0, b = 0; i < count; i++, b += 3) {
                tile[i] = (bytes[b + 2] & 0xFF) << 16 | (bytes[b + 1] & 0xFF) << 8 | (bytes[b] & 0xFF);
            }
        } else if (sub == SOLID) {
            fb.fill(x, y, w, h, readCpixel());
            return;
        } else if (sub <= MAX_PACKED_PALETTE) {
            readPalette(sub);
            unpack(sub, w, h);
        } else if (sub == PLAIN_RLE) {
            plainRle(count);
        } else if (sub >= FIRST_PALETTE_RLE) {
            readPalette(sub - 128);
            paletteRle(sub - 128, count);
        } else {
            throw new RfbException("the server sent a ZRLE tile with the reserved subencoding " + sub);
        }
        fb.set(x, y, w, h, tile, 0, w);
    }

    private int readCpixel() throws IOException {
        int b = zlib.readU8();
        int g = zlib.readU8();
        int r = zlib.readU8();
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private void readPalette(int size) throws IOException {
        for (int i = 0; i < size; i++) {
            palette[i] = readCpixel();
        }
    }

    /** Packed palette indices, most significant bits first, each row starting on a byte boundary. */
    private void unpack(int paletteSize, int w, int h) throws IOException {
        int bits = paletteSize == 2 ? 1 : paletteSize <= 4 ? 2 : 4;
        int mask = (1 << bits) - 1;
        int rowBytes = (w * bits + 7) / 8;
        // Which indices occurred, one bit each, checked once per tile rather than once per pixel.
        int seen = 0;
        int i = 0;
        for (int row = 0; row < h; row++) {
            zlib.readFully(bytes, 0, rowBytes);
            for (int col = 0, bitPos = 0; col < w; col++, bitPos += bits) {
                int index = (bytes[bitPos >> 3] >> (8 - bits - (bitPos & 7))) & mask;
                seen |= 1 << index;
                tile[i++] = palette[index];
            }
        }
        if (seen >>> paletteSize != 0) {
            throw badIndex(31 - Integer.numberOfLeadingZeros(seen), paletteSize);
        }
    }

    private void plainRle(int count) throws IOException {
        int i = 0;
        while (i < count) {
            int colour = readCpixel();
            int run = runLength(count - i);
            Arrays.fill(tile, i, i + run, colour);
            i += run;
        }
    }

    private void paletteRle(int paletteSize, int count) throws IOException {
        int i = 0;
        while (i < count) {
            int code = zlib.readU8();
            int index = code & 0x7F;
            if (index >= paletteSize) {
                throw badIndex(index, paletteSize);
            }
            if (code < 0x80) {
                tile[i++] = palette[index];
            } else {
                int run = runLength(count - i);
                Arrays.fill(tile, i, i + run, palette[index]);
                i += run;
            }
        }
    }

    /** A run of 1 + the sum of bytes up to and including the first one below 255. */
    private int runLength(int left) throws IOException {
        int run = 1;
        int b;
        do {
            b = zlib.readU8();
            run += b;
            if (run > left) {
                throw new RfbException("the server sent a ZRLE run longer than its tile");
            }
        } while (b == 255);
        return run;
    }

    private static RfbException badIndex(int index, int paletteSize) {
        return new RfbException("the server sent a ZRLE palette index " + index + " for a palette of " + paletteSize);
    }
}
