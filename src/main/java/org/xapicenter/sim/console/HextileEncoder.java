package org.xapicenter.sim.console;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Hextile (5, RFC 6143 §7.7.4): 16x16 tiles, each either raw or a background with rectangles of
 * other colours on it. Text on a plain background, the console's whole content, is a handful of
 * subrectangles a tile. Background and foreground carry over between tiles of one rectangle; a raw
 * tile or a tile of coloured subrectangles leaves them unknown, so the next tile states them again.
 */
final class HextileEncoder implements RectEncoder {
    private static final int RAW = 1;
    private static final int BACKGROUND = 2;
    private static final int FOREGROUND = 4;
    private static final int ANY_SUBRECTS = 8;
    private static final int SUBRECTS_COLOURED = 16;

    @Override
    public int code() {
        return 5;
    }

    @Override
    public void encode(int[] argb, int stride, int x, int y, int w, int h, PixelFormat format, DataOutputStream out)
            throws IOException {
        int bpp = format.bytesPerPixel();
        int[] tile = new int[256];
        boolean[] done = new boolean[256];
        byte[] pixelBytes = new byte[4];
        ByteArrayOutputStream subrects = new ByteArrayOutputStream(256 * 6);
        Integer background = null;
        Integer foreground = null;
        for (int ty = y; ty < y + h; ty += 16) {
            int th = Math.min(16, y + h - ty);
            for (int tx = x; tx < x + w; tx += 16) {
                int tw = Math.min(16, x + w - tx);
                for (int j = 0; j < th; j++) {
                    for (int i = 0; i < tw; i++) {
                        tile[j * tw + i] = format.pack(argb[(ty + j) * stride + tx + i]);
                    }
                }
                int n = tw * th;
                int bg = mostCommon(tile, n);
                // Gather the subrectangles of non-background colour, largest-first greedy.
                subrects.reset();
                java.util.Arrays.fill(done, 0, n, false);
                int count = 0;
                int single = -1;
                boolean coloured = false;
                boolean tooMany = false;
                for (int j = 0; j < th && !tooMany; j++) {
                    for (int i = 0; i < tw; i++) {
                        int p = tile[j * tw + i];
                        if (p == bg || done[j * tw + i]) {
                            continue;
                        }
                        int rw = 1;
                        while (i + rw < tw && tile[j * tw + i + rw] == p && !done[j * tw + i + rw]) {
                            rw++;
                        }
                        int rh = 1;
                        grow:
                        while (j + rh < th) {
                            for (int k = 0; k < rw; k++) {
                                int at = (j + rh) * tw + i + k;
                                if (tile[at] != p || done[at]) {
                                    break grow;
                                }
                            }
                            rh++;
                        }
                        for (int b = 0; b < rh; b++) {
                            java.util.Arrays.fill(done, (j + b) * tw + i, (j + b) * tw + i + rw, true);
                        }
                        if (single == -1) {
                            single = p;
                        } else if (single != p) {
                            coloured = true;
                        }
                        // Colour first, then position; the colour is dropped below when all share one.
                        format.put(pixelBytes, 0, p);
                        subrects.write(pixelBytes, 0, bpp);
                        subrects.write((i << 4) | j);
                        subrects.write(((rw - 1) << 4) | (rh - 1));
                        if (++count == 255) {
                            tooMany = true;
                            break;
                        }
                    }
                }
                int encodedSize = 1 + bpp + bpp + 1 + (coloured ? count * (bpp + 2) : count * 2);
                if (tooMany || encodedSize > n * bpp) {
                    out.writeByte(RAW);
                    byte[] raw = new byte[n * bpp];
                    int at = 0;
                    for (int k = 0; k < n; k++) {
                        at = format.put(raw, at, tile[k]);
                    }
                    out.write(raw);
                    background = null;
                    foreground = null;
                    continue;
                }
                int mask = 0;
                if (background == null || background != bg) {
                    mask |= BACKGROUND;
                }
                if (count > 0) {
                    mask |= ANY_SUBRECTS;
                    if (coloured) {
                        mask |= SUBRECTS_COLOURED;
                    } else if (foreground == null || foreground != single) {
                        mask |= FOREGROUND;
                    }
                }
                out.writeByte(mask);
                if ((mask & BACKGROUND) != 0) {
                    format.put(pixelBytes, 0, bg);
                    out.write(pixelBytes, 0, bpp);
                    background = bg;
                }
                if ((mask & FOREGROUND) != 0) {
                    format.put(pixelBytes, 0, single);
                    out.write(pixelBytes, 0, bpp);
                    foreground = single;
                }
                if (count > 0) {
                    out.writeByte(count);
                    byte[] all = subrects.toByteArray();
                    if (coloured) {
                        out.write(all);
                        foreground = null;
                    } else {
                        for (int k = 0; k < count; k++) {
                            out.write(all, k * (bpp + 2) + bpp, 2);
                        }
                    }
                }
            }
        }
    }

    private static int mostCommon(int[] tile, int n) {
        // Tiles are small and hold few colours: a short list beats a hash map.
        int[] colours = new int[8];
        int[] counts = new int[8];
        int distinct = 0;
        int best = tile[0];
        int bestCount = 0;
        for (int k = 0; k < n; k++) {
            int p = tile[k];
            int slot = -1;
            for (int c = 0; c < distinct; c++) {
                if (colours[c] == p) {
                    slot = c;
                    break;
                }
            }
            if (slot < 0) {
                if (distinct == colours.length) {
                    continue;
                }
                slot = distinct++;
                colours[slot] = p;
            }
            if (++counts[slot] > bestCount) {
                bestCount = counts[slot];
                best = p;
            }
        }
        return best;
    }
}
