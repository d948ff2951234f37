package org.xapicenter.sim.console;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.xapicenter.rfb.RfbException;

/**
 * The pixel format a viewer asked for (RFC 6143 §7.4 PIXEL_FORMAT). The console is kept as ARGB ints;
 * every encoder turns those into this format on output, so a viewer may ask for any true-colour layout
 * (32, 16 or 8 bits, any shifts, either byte order). A colour-map request gets the fixed 3-3-2
 * palette of {@link #COLOUR_MAP_332}, sent once by the session.
 */
public record PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColour,
                          int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {

    /** What the server offers in ServerInit: the format XapiCenter's own client asks for, too. */
    public static final PixelFormat DEFAULT = new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);

    /** The palette served to colour-map viewers: index = RRRGGGBB. */
    public static final PixelFormat COLOUR_MAP_332 = new PixelFormat(8, 8, false, false, 7, 7, 3, 5, 2, 0);

    /** Reads and validates 16 bytes of PIXEL_FORMAT. */
    public static PixelFormat read(DataInputStream in) throws IOException {
        int bpp = in.readUnsignedByte();
        int depth = in.readUnsignedByte();
        boolean big = in.readUnsignedByte() != 0;
        boolean tc = in.readUnsignedByte() != 0;
        int rMax = in.readUnsignedShort();
        int gMax = in.readUnsignedShort();
        int bMax = in.readUnsignedShort();
        int rShift = in.readUnsignedByte();
        int gShift = in.readUnsignedByte();
        int bShift = in.readUnsignedByte();
        in.readFully(new byte[3]);
        if (bpp != 8 && bpp != 16 && bpp != 32) {
            throw new RfbException("the viewer asked for " + bpp + " bits per pixel; only 8, 16 and 32 exist");
        }
        if (!tc) {
            if (bpp != 8) {
                throw new RfbException("the viewer asked for a colour map at " + bpp + " bits per pixel; only 8 is served");
            }
            return COLOUR_MAP_332;
        }
        if (!fits(rMax, rShift, bpp) || !fits(gMax, gShift, bpp) || !fits(bMax, bShift, bpp)) {
            throw new RfbException("the viewer's pixel format puts colours outside its " + bpp + "-bit pixel");
        }
        return new PixelFormat(bpp, depth, big, true, rMax, gMax, bMax, rShift, gShift, bShift);
    }

    private static boolean fits(int max, int shift, int bpp) {
        return max > 0 && shift < bpp && ((long) max << shift) < (1L << bpp);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeByte(bitsPerPixel);
        out.writeByte(depth);
        out.writeByte(bigEndian ? 1 : 0);
        out.writeByte(trueColour ? 1 : 0);
        out.writeShort(redMax);
        out.writeShort(greenMax);
        out.writeShort(blueMax);
        out.writeByte(redShift);
        out.writeByte(greenShift);
        out.writeByte(blueShift);
        out.write(new byte[3]);
    }

    public int bytesPerPixel() {
        return bitsPerPixel / 8;
    }

    /** The pixel value of an ARGB colour in this format (a palette index for the colour map). */
    public int pack(int argb) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return (scale(r, redMax) << redShift) | (scale(g, greenMax) << greenShift) | (scale(b, blueMax) << blueShift);
    }

    private static int scale(int v, int max) {
        return max == 255 ? v : (v * max + 127) / 255;
    }

    /** Writes one packed pixel in this format's byte order; returns the next offset. */
    public int put(byte[] buf, int at, int pixel) {
        switch (bitsPerPixel) {
            case 8 -> buf[at] = (byte) pixel;
            case 16 -> {
                if (bigEndian) {
                    buf[at] = (byte) (pixel >> 8);
                    buf[at + 1] = (byte) pixel;
                } else {
                    buf[at] = (byte) pixel;
                    buf[at + 1] = (byte) (pixel >> 8);
                }
            }
            default -> {
                if (bigEndian) {
                    buf[at] = (byte) (pixel >> 24);
                    buf[at + 1] = (byte) (pixel >> 16);
                    buf[at + 2] = (byte) (pixel >> 8);
                    buf[at + 3] = (byte) pixel;
                } else {
                    buf[at] = (byte) pixel;
                    buf[at + 1] = (byte) (pixel >> 8);
                    buf[at + 2] = (byte) (pixel >> 16);
                    buf[at + 3] = (byte) (pixel >> 24);
                }
            }
        }
        return at + bytesPerPixel();
    }

    /**
     * ZRLE's compressed pixel size (RFC 6143 §7.7.6): 3 bytes when a 32-bit true-colour pixel uses
     * only its low or only its high three bytes, else the full pixel.
     */
    public int compactBytes() {
        if (bitsPerPixel == 32 && trueColour && depth <= 24 && (lowThreeBytes() || highThreeBytes())) {
            return 3;
        }
        return bytesPerPixel();
    }

    private boolean lowThreeBytes() {
        return ((long) redMax << redShift) < (1 << 24) && ((long) greenMax << greenShift) < (1 << 24)
                && ((long) blueMax << blueShift) < (1 << 24);
    }

    private boolean highThreeBytes() {
        return redShift >= 8 && greenShift >= 8 && blueShift >= 8;
    }

    /** Writes one pixel as ZRLE's CPIXEL; returns the next offset. */
    public int putCompact(byte[] buf, int at, int pixel) {
        if (compactBytes() != 3) {
            return put(buf, at, pixel);
        }
        // The three bytes that carry colour, in the pixel's own byte order.
        int v = lowThreeBytes() ? pixel : pixel >>> 8;
        if (bigEndian) {
            buf[at] = (byte) (v >> 16);
            buf[at + 1] = (byte) (v >> 8);
            buf[at + 2] = (byte) v;
        } else {
            buf[at] = (byte) v;
            buf[at + 1] = (byte) (v >> 8);
            buf[at + 2] = (byte) (v >> 16);
        }
        return at + 3;
    }
}
