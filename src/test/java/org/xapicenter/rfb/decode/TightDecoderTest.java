package org.xapicenter.rfb.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbException;

class TightDecoderTest {
    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int SENTINEL = 0x5A;

    private final Deflater[] deflaters = {new Deflater(), new Deflater(), new Deflater(), new Deflater()};
    private final TightDecoder decoder = new TightDecoder();

    private static void assertPixel(Framebuffer fb, int x, int y, int rgb) {
        assertEquals(Integer.toHexString(0xFF000000 | rgb), Integer.toHexString(fb.pixel(x, y)), "pixel " + x + "," + y);
    }

    /** Compact length, written independently of the decoder's reader. */
    private static WireBytes compact(WireBytes w, int length) {
        if (length < 0x80) {
            return w.u8(length);
        }
        if (length < 0x4000) {
            return w.u8(length & 0x7F | 0x80, length >> 7);
        }
        return w.u8(length & 0x7F | 0x80, (length >> 7) & 0x7F | 0x80, length >> 14);
    }

    /** Pixel data after the control byte (and filter header in {@code head}): raw below 12 bytes, else zlib on {@code stream}. */
    private WireBytes data(WireBytes head, int stream, byte[] plain) {
        if (plain.length < 12) {
            return head.bytes(plain);
        }
        byte[] z = WireBytes.deflateBlock(deflaters[stream], plain);
        return compact(head, z.length).bytes(z);
    }

    private static byte[] rgbBytes(int[] rgb) {
        WireBytes w = new WireBytes();
        for (int p : rgb) {
            w.tpixel(p);
        }
        return w.toBytes();
    }

    private static int[] pattern(int w, int h) {
        int[] p = new int[w * h];
        for (int i = 0; i < p.length; i++) {
            int x = i % w;
            int y = i / w;
            p[i] = (x * 7 & 0xFF) << 16 | (y * 13 & 0xFF) << 8 | ((x ^ y) * 3 & 0xFF);
        }
        return p;
    }

    private static void assertRect(Framebuffer fb, int x0, int y0, int w, int h, int[] rgb) {
        for (int i = 0; i < rgb.length; i++) {
            assertPixel(fb, x0 + i % w, y0 + i / w, rgb[i]);
        }
    }

    @Test
    void fillPaintsOneColour() throws IOException {
        Framebuffer fb = new Framebuffer(10, 10);
        DataInputStream in = new WireBytes().u8(0x80).tpixel(0x123456).u8(SENTINEL).stream();
        decoder.decode(in, fb, 2, 3, 4, 5);
        for (int y = 3; y < 8; y++) {
            for (int x = 2; x < 6; x++) {
                assertPixel(fb, x, y, 0x123456);
            }
        }
        assertPixel(fb, 1, 3, 0);
        assertEquals(SENTINEL, in.read());
    }

    @Test
    void fewerThanTwelveBytesComeUncompressed() throws IOException {
        Framebuffer fb = new Framebuffer(4, 4);
        DataInputStream in = new WireBytes().u8(0x00).tpixel(RED).tpixel(0x010203).tpixel(BLUE).u8(SENTINEL).stream();
        decoder.decode(in, fb, 1, 1, 3, 1);
        assertRect(fb, 1, 1, 3, 1, new int[] {RED, 0x010203, BLUE});
        assertEquals(SENTINEL, in.read());
    }

    @Test
    void twelveBytesAndMoreGoThroughZlib() throws IOException {
        Framebuffer fb = new Framebuffer(4, 1);
        byte[] plain = rgbBytes(new int[] {RED, GREEN, BLUE, 0x010203});
        byte[] z = WireBytes.deflateBlock(deflaters[0], plain);
        DataInputStream in = compact(new WireBytes().u8(0x00), z.length).bytes(z).u8(SENTINEL).stream();
        decoder.decode(in, fb, 0, 0, 4, 1);
        assertRect(fb, 0, 0, 4, 1, new int[] {RED, GREEN, BLUE, 0x010203});
        assertEquals(SENTINEL, in.read());
    }

    @Test
    void copyFilterOnEachOfTheFourStreams() throws IOException {
        Framebuffer fb = new Framebuffer(200, 100);
        for (int stream = 0; stream < 4; stream++) {
            int[] rgb = pattern(50 + stream, 40);
            // stream id in bits 4-5; the first two use the implicit copy filter, the others name it.
            boolean explicit = stream >= 2;
            WireBytes head = new WireBytes().u8(stream << 4 | (explicit ? 0x40 : 0));
            if (explicit) {
                head.u8(0);
            }
            DataInputStream in = data(head, stream, rgbBytes(rgb)).u8(SENTINEL).stream();
            decoder.decode(in, fb, stream * 10, stream * 5, 50 + stream, 40);
            assertRect(fb, stream * 10, stream * 5, 50 + stream, 40, rgb);
            assertEquals(SENTINEL, in.read());
        }
    }

    @Test
    void streamsKeepTheirHistoryUntilReset() throws IOException {
        Framebuffer fb = new Framebuffer(64, 64);
        int[] rgb = pattern(20, 20);
        for (int round = 0; round < 2; round++) {
            decoder.decode(data(new WireBytes().u8(0x10), 1, rgbBytes(rgb)).stream(), fb, 0, 0, 20, 20);
            assertRect(fb, 0, 0, 20, 20, rgb);
        }
        // The server resets stream 1 (bit 1) and starts a fresh zlib stream.
        deflaters[1] = new Deflater();
        int[] other = pattern(30, 10);
        decoder.decode(data(new WireBytes().u8(0x10 | 0x02), 1, rgbBytes(other)).stream(), fb, 5, 5, 30, 10);
        assertRect(fb, 5, 5, 30, 10, other);
    }

    @Test
    void twoColourPaletteUsesOneBitRowsPaddedToBytes() throws IOException {
        Framebuffer fb = new Framebuffer(16, 16);
        // 10x2: row bytes 2 each -> 4 bytes, below 12, so uncompressed.
        WireBytes head = new WireBytes().u8(0x40).u8(1).u8(1).tpixel(RED).tpixel(BLUE);
        byte[] bits = {(byte) 0b10101010, (byte) 0b10000000, 0, (byte) 0b01000000};
        decoder.decode(data(head, 0, bits).stream(), fb, 0, 0, 10, 2);
        for (int x = 0; x < 10; x++) {
            assertPixel(fb, x, 0, x % 2 == 0 ? BLUE : RED);
            assertPixel(fb, x, 1, x == 9 ? BLUE : RED);
        }
    }

    @Test
    void paletteOf256ColoursUsesOneByteEach() throws IOException {
        Framebuffer fb = new Framebuffer(64, 64);
        WireBytes head = new WireBytes().u8(0x60).u8(1).u8(255);
        for (int i = 0; i < 256; i++) {
            head.tpixel(i << 8 | (255 - i));
        }
        byte[] indices = new byte[32 * 16];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = (byte) (i * 37);
        }
        decoder.decode(data(head, 2, indices).stream(), fb, 3, 4, 32, 16);
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i] & 0xFF;
            assertPixel(fb, 3 + i % 32, 4 + i / 32, index << 8 | (255 - index));
        }
    }

    @Test
    void gradientFilterAddsThePrediction() throws IOException {
        int w = 33;
        int h = 17;
        int[] rgb = pattern(w, h);
        rgb[5] = 0xFFFFFF;
        rgb[w + 6] = 0x000000;
        // Residuals computed here component by component, each from its own plane.
        byte[] residuals = new byte[w * h * 3];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int left = x > 0 ? rgb[y * w + x - 1] >> shift & 0xFF : 0;
                    int up = y > 0 ? rgb[(y - 1) * w + x] >> shift & 0xFF : 0;
                    int upLeft = x > 0 && y > 0 ? rgb[(y - 1) * w + x - 1] >> shift & 0xFF : 0;
                    int predicted = Math.max(0, Math.min(255, left + up - upLeft));
                    residuals[(y * w + x) * 3 + c] = (byte) ((rgb[y * w + x] >> shift & 0xFF) - predicted);
                }
            }
        }
        Framebuffer fb = new Framebuffer(40, 20);
        decoder.decode(data(new WireBytes().u8(0x70).u8(2), 3, residuals).stream(), fb, 7, 3, w, h);
        assertRect(fb, 7, 3, w, h, rgb);
    }

    @Test
    void jpegIsDecodedThroughImageIo() throws IOException {
        int w = 48;
        int h = 32;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x < 24 ? 0x2040C0 : 0xE0A020);
            }
        }
        byte[] jpeg = jpeg(image);
        Framebuffer fb = new Framebuffer(64, 64);
        DataInputStream in = compact(new WireBytes().u8(0x90), jpeg.length).bytes(jpeg).u8(SENTINEL).stream();
        decoder.decode(in, fb, 8, 16, w, h);
        assertEquals(SENTINEL, in.read());
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int got = fb.pixel(8 + x, 16 + y);
                assertEquals(reference.getRGB(x, y) | 0xFF000000, got, "pixel " + x + "," + y);
                if (Math.abs(x - 24) < 8) {
                    continue; // chroma is subsampled across the colour edge at x = 24
                }
                int want = image.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs((want >> shift & 0xFF) - (got >> shift & 0xFF));
                    assertTrue(d <= 16, "pixel " + x + "," + y + " off by " + d);
                }
            }
        }
        assertPixel(fb, 7, 16, 0);
    }

    @Test
    void greyJpegIsDecodedToo() throws IOException {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, x < 8 ? 40 : 200);
            }
        }
        byte[] jpeg = jpeg(grey);
        Framebuffer fb = new Framebuffer(16, 16);
        decoder.decode(compact(new WireBytes().u8(0x90), jpeg.length).bytes(jpeg).stream(), fb, 0, 0, 16, 16);
        // The decoded samples as they are (getRGB would brighten them as if they were linear grey).
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int v = reference.getRaster().getSample(x, y, 0);
                assertEquals(0xFF000000 | v << 16 | v << 8 | v, fb.pixel(x, y), "pixel " + x + "," + y);
                assertTrue(Math.abs(v - (x < 8 ? 40 : 200)) < 24, "pixel " + x + "," + y + " is " + v);
            }
        }
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void compactLengthTakesOneToThreeBytes() throws IOException {
        for (int length : new int[] {0, 1, 127, 128, 16383, 16384, 4194303}) {
            byte[] wire = compact(new WireBytes(), length).toBytes();
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
            assertEquals(length, TightDecoder.readCompactLength(in));
            assertEquals(-1, in.read());
        }
    }

    // --- hostile input ---

    @Test
    void basicRectangleWiderThan2048IsRejected() {
        DataInputStream in = new WireBytes().u8(0x00).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(4096, 8), 0, 0, 2049, 1));
        assertEquals("the server sent a Tight basic-compression rectangle 2049 pixels wide, more than the 2048 Tight allows",
                e.getMessage());
    }

    @Test
    void fillMayBeWiderThan2048() throws IOException {
        // The 2048 limit is basic compression's; QEMU fills whole rows of wide screens in one rectangle.
        Framebuffer fb = new Framebuffer(2560, 4);
        DataInputStream in = new WireBytes().u8(0x80).tpixel(0x123456).u8(SENTINEL).stream();
        decoder.decode(in, fb, 0, 1, 2560, 2);
        assertPixel(fb, 0, 1, 0x123456);
        assertPixel(fb, 2559, 2, 0x123456);
        assertPixel(fb, 2559, 3, 0);
        assertEquals(SENTINEL, in.read());
    }

    @Test
    void invalidCompressionTypesAreRejected() {
        for (int control : new int[] {0xA0, 0xB0, 0xF0}) {
            DataInputStream in = new WireBytes().u8(control).tpixel(RED).u8(0, 0, 0, 0).stream();
            RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(8, 8), 0, 0, 1, 1));
            assertTrue(e.getMessage().contains("invalid compression type"), e.getMessage());
        }
    }

    @Test
    void unknownFilterIsRejected() {
        DataInputStream in = new WireBytes().u8(0x40).u8(3).u8(0, 0, 0).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(8, 8), 0, 0, 1, 1));
        assertEquals("the server sent a Tight rectangle with an unknown filter 3", e.getMessage());
    }

    @Test
    void paletteIndexBeyondThePaletteIsRejected() {
        WireBytes head = new WireBytes().u8(0x40).u8(1).u8(2).tpixel(RED).tpixel(GREEN).tpixel(BLUE);
        DataInputStream in = data(head, 0, new byte[] {0, 1, 2, 3}).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(8, 8), 0, 0, 4, 1));
        assertEquals("the server sent a Tight palette index 3 for a palette of 3", e.getMessage());
    }

    @Test
    void truncatedZlibDataIsCorrupt() {
        byte[] z = WireBytes.deflateBlock(deflaters[0], rgbBytes(pattern(64, 64)));
        byte[] cut = Arrays.copyOf(z, z.length / 3);
        DataInputStream in = compact(new WireBytes().u8(0x00), cut.length).bytes(cut).u8(0, 0, 0, 0).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(64, 64), 0, 0, 64, 64));
        assertEquals("the server's Tight data is corrupt", e.getMessage());
    }

    @Test
    void corruptJpegIsAnRfbException() {
        byte[] junk = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        DataInputStream in = compact(new WireBytes().u8(0x90), junk.length).bytes(junk).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(8, 8), 0, 0, 8, 8));
        assertEquals("the server sent a Tight JPEG image that cannot be decoded", e.getMessage());
    }

    @Test
    void jpegOfTheWrongSizeIsRejected() throws IOException {
        byte[] jpeg = jpeg(new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB));
        DataInputStream in = compact(new WireBytes().u8(0x90), jpeg.length).bytes(jpeg).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(64, 64), 0, 0, 8, 8));
        assertEquals("the server sent a 16x8 JPEG image for a 8x8 Tight rectangle", e.getMessage());
    }

    @Test
    void rectangleOutsideTheScreenIsRejected() {
        DataInputStream in = new WireBytes().u8(0x80).tpixel(RED).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(8, 8), 6, 0, 3, 1));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }
}
