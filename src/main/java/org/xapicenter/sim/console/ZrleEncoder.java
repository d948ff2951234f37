package org.xapicenter.sim.console;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;

/**
 * ZRLE (16, RFC 6143 §7.7.6): 64x64 tiles, each solid, packed-palette, run-length or raw, whichever
 * is smallest, all through one zlib stream that lives as long as the connection (the viewer keeps
 * one inflater for the whole session, so the stream must never be reset).
 */
final class ZrleEncoder implements RectEncoder {
    private static final int TILE = 64;

    private final Deflater deflater = new Deflater(6);
    private final ByteArrayOutputStream tiles = new ByteArrayOutputStream(64 * 1024);
    private final byte[] deflated = new byte[64 * 1024];

    @Override
    public int code() {
        return 16;
    }

    @Override
    public void encode(int[] argb, int stride, int x, int y, int w, int h, PixelFormat format, DataOutputStream out)
            throws IOException {
        tiles.reset();
        int[] tile = new int[TILE * TILE];
        for (int ty = y; ty < y + h; ty += TILE) {
            int th = Math.min(TILE, y + h - ty);
            for (int tx = x; tx < x + w; tx += TILE) {
                int tw = Math.min(TILE, x + w - tx);
                for (int j = 0; j < th; j++) {
                    for (int i = 0; i < tw; i++) {
                        tile[j * tw + i] = format.pack(argb[(ty + j) * stride + tx + i]);
                    }
                }
                writeTile(tile, tw, th, format);
            }
        }
        byte[] input = tiles.toByteArray();
        deflater.setInput(input);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(input.length / 4 + 64);
        int n;
        do {
            n = deflater.deflate(deflated, 0, deflated.length, Deflater.SYNC_FLUSH);
            compressed.write(deflated, 0, n);
        } while (n == deflated.length);
        out.writeInt(compressed.size());
        compressed.writeTo(out);
    }

    /** Releases the zlib stream's native memory; the session calls it when the connection ends. */
    void close() {
        deflater.end();
    }

    private void writeTile(int[] tile, int tw, int th, PixelFormat format) {
        int n = tw * th;
        int cpx = format.compactBytes();
        int[] palette = new int[127];
        int colours = 0;
        for (int k = 0; k < n; k++) {
            int p = tile[k];
            if (colours <= 127 && indexOf(palette, colours, p) < 0) {
                if (colours < 127) {
                    palette[colours] = p;
                }
                colours++;
            }
        }
        if (colours == 1) {
            tiles.write(1);
            writeCompact(tile[0], format);
            return;
        }
        long rawSize = (long) n * cpx;
        long plainRle = runLengthSize(tile, n, cpx);
        long packedSize = Long.MAX_VALUE;
        long paletteRle = Long.MAX_VALUE;
        if (colours <= 16) {
            int bits = colours == 2 ? 1 : colours <= 4 ? 2 : 4;
            packedSize = (long) colours * cpx + (long) th * ((tw * bits + 7) / 8);
        }
        if (colours <= 127) {
            paletteRle = (long) colours * cpx + runLengthSize(tile, n, 1) + singletonSavings(tile, n);
        }
        long best = Math.min(Math.min(rawSize, plainRle), Math.min(packedSize, paletteRle));
        if (best == packedSize) {
            writePacked(tile, tw, th, palette, colours, format);
        } else if (best == paletteRle) {
            writePaletteRle(tile, n, palette, colours, format);
        } else if (best == plainRle) {
            writePlainRle(tile, n, format);
        } else {
            tiles.write(0);
            for (int k = 0; k < n; k++) {
                writeCompact(tile[k], format);
            }
        }
    }

    private static int indexOf(int[] palette, int size, int p) {
        for (int i = 0; i < Math.min(size, palette.length); i++) {
            if (palette[i] == p) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes of a run-length body with {@code unit}-byte run values: each run is the value and its length bytes. */
    private static long runLengthSize(int[] tile, int n, int unit) {
        long size = 0;
        int k = 0;
        while (k < n) {
            int len = runAt(tile, n, k);
            size += unit + (len - 1) / 255 + 1;
            k += len;
        }
        return size;
    }

    /** Palette RLE writes a run of one as its index alone, without a length byte. */
    private static long singletonSavings(int[] tile, int n) {
        long saved = 0;
        int k = 0;
        while (k < n) {
            int len = runAt(tile, n, k);
            if (len == 1) {
                saved--;
            }
            k += len;
        }
        return saved;
    }

    private static int runAt(int[] tile, int n, int k) {
        int len = 1;
        while (k + len < n && tile[k + len] == tile[k]) {
            len++;
        }
        return len;
    }

    private void writePacked(int[] tile, int tw, int th, int[] palette, int colours, PixelFormat format) {
        tiles.write(colours);
        for (int i = 0; i < colours; i++) {
            writeCompact(palette[i], format);
        }
        int bits = colours == 2 ? 1 : colours <= 4 ? 2 : 4;
        for (int j = 0; j < th; j++) {
            int acc = 0;
            int used = 0;
            for (int i = 0; i < tw; i++) {
                acc = (acc << bits) | indexOf(palette, colours, tile[j * tw + i]);
                used += bits;
                if (used == 8) {
                    tiles.write(acc);
                    acc = 0;
                    used = 0;
                }
            }
            if (used > 0) {
                tiles.write(acc << (8 - used));
            }
        }
    }

    private void writePaletteRle(int[] tile, int n, int[] palette, int colours, PixelFormat format) {
        tiles.write(128 + colours);
        for (int i = 0; i < colours; i++) {
            writeCompact(palette[i], format);
        }
        int k = 0;
        while (k < n) {
            int len = runAt(tile, n, k);
            int index = indexOf(palette, colours, tile[k]);
            if (len == 1) {
                tiles.write(index);
            } else {
                tiles.write(index | 128);
                writeLength(len);
            }
            k += len;
        }
    }

    private void writePlainRle(int[] tile, int n, PixelFormat format) {
        tiles.write(128);
        int k = 0;
        while (k < n) {
            int len = runAt(tile, n, k);
            writeCompact(tile[k], format);
            writeLength(len);
            k += len;
        }
    }

    /** A run's length minus one as 255s and a final byte below 255. */
    private void writeLength(int len) {
        int rest = len - 1;
        while (rest >= 255) {
            tiles.write(255);
            rest -= 255;
        }
        tiles.write(rest);
    }

    private final byte[] pixelBytes = new byte[4];

    private void writeCompact(int pixel, PixelFormat format) {
        int end = format.putCompact(pixelBytes, 0, pixel);
        tiles.write(pixelBytes, 0, end);
    }
}
