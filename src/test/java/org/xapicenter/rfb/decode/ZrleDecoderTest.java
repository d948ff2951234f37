package org.xapicenter.rfb.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbException;

class ZrleDecoderTest {
    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int GREY = 0x808080;
    private static final int SENTINEL = 0x5A;

    private final Deflater deflater = new Deflater();
    private final ZrleDecoder decoder = new ZrleDecoder();

    /** The rectangle as the server sends it (length, zlib block), followed by one sentinel byte. */
    private DataInputStream rect(byte[] tiles) {
        byte[] z = WireBytes.deflateBlock(deflater, tiles);
        return new WireBytes().u32(z.length).bytes(z).u8(SENTINEL).stream();
    }

    private static void assertPixel(Framebuffer fb, int x, int y, int rgb) {
        assertEquals(Integer.toHexString(0xFF000000 | rgb), Integer.toHexString(fb.pixel(x, y)), "pixel " + x + "," + y);
    }

    private static void assertAll(Framebuffer fb, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                assertPixel(fb, x, y, rgb);
            }
        }
    }

    @Test
    void rawTileIsBgrTriplets() throws IOException {
        Framebuffer fb = new Framebuffer(10, 10);
        byte[] tiles = new WireBytes().u8(0).cpixel(0x123456).cpixel(RED).cpixel(GREEN)
                .cpixel(BLUE).cpixel(GREY).cpixel(0xABCDEF).toBytes();
        DataInputStream in = rect(tiles);
        decoder.decode(in, fb, 4, 5, 3, 2);
        assertPixel(fb, 4, 5, 0x123456);
        assertPixel(fb, 5, 5, RED);
        assertPixel(fb, 6, 5, GREEN);
        assertPixel(fb, 4, 6, BLUE);
        assertPixel(fb, 5, 6, GREY);
        assertPixel(fb, 6, 6, 0xABCDEF);
        assertPixel(fb, 7, 5, 0);
        assertEquals(SENTINEL, in.read(), "the decoder read exactly the rectangle's bytes");
    }

    @Test
    void solidTilesCoverPartialTilesAtTheEdges() throws IOException {
        // 100x70: tiles 64x64, 36x64, 64x6, 36x6 in that order.
        Framebuffer fb = new Framebuffer(101, 71);
        byte[] tiles = new WireBytes().u8(1).cpixel(RED).u8(1).cpixel(GREEN).u8(1).cpixel(BLUE).u8(1).cpixel(GREY)
                .toBytes();
        decoder.decode(rect(tiles), fb, 1, 1, 100, 70);
        assertAll(fb, 1, 1, 64, 64, RED);
        assertAll(fb, 65, 1, 36, 64, GREEN);
        assertAll(fb, 1, 65, 64, 6, BLUE);
        assertAll(fb, 65, 65, 36, 6, GREY);
        assertPixel(fb, 0, 0, 0);
    }

    @Test
    void packedPaletteOfTwoUsesOneBitAndPadsRows() throws IOException {
        Framebuffer fb = new Framebuffer(10, 2);
        // Row 0: 1010101010, row 1: 0000000001 ; each row is two bytes.
        byte[] tiles = new WireBytes().u8(2).cpixel(RED).cpixel(BLUE)
                .u8(0b10101010, 0b10000000).u8(0b00000000, 0b01000000).toBytes();
        decoder.decode(rect(tiles), fb, 0, 0, 10, 2);
        for (int x = 0; x < 10; x++) {
            assertPixel(fb, x, 0, x % 2 == 0 ? BLUE : RED);
            assertPixel(fb, x, 1, x == 9 ? BLUE : RED);
        }
    }

    @Test
    void packedPaletteOfThreeUsesTwoBits() throws IOException {
        Framebuffer fb = new Framebuffer(5, 1);
        // indices 2 1 0 2 1 -> 10 01 00 10 | 01 000000
        byte[] tiles = new WireBytes().u8(3).cpixel(RED).cpixel(GREEN).cpixel(BLUE)
                .u8(0b10010010, 0b01000000).toBytes();
        decoder.decode(rect(tiles), fb, 0, 0, 5, 1);
        int[] expected = {BLUE, GREEN, RED, BLUE, GREEN};
        for (int x = 0; x < 5; x++) {
            assertPixel(fb, x, 0, expected[x]);
        }
    }

    @Test
    void packedPaletteOfSixteenUsesFourBits() throws IOException {
        Framebuffer fb = new Framebuffer(3, 2);
        WireBytes w = new WireBytes().u8(16);
        for (int i = 0; i < 16; i++) {
            w.cpixel(i * 0x111111 & 0xFFFFFF);
        }
        // row 0: 15 0 7, row 1: 1 14 3 ; 4 bits each, rows padded to 2 bytes.
        byte[] tiles = w.u8(0xF0, 0x70).u8(0x1E, 0x30).toBytes();
        decoder.decode(rect(tiles), fb, 0, 0, 3, 2);
        assertPixel(fb, 0, 0, 0xFFFFFF);
        assertPixel(fb, 1, 0, 0);
        assertPixel(fb, 2, 0, 0x777777);
        assertPixel(fb, 0, 1, 0x111111);
        assertPixel(fb, 1, 1, 0xEEEEEE);
        assertPixel(fb, 2, 1, 0x333333);
    }

    @Test
    void plainRleWithRunsLongerThan255() throws IOException {
        Framebuffer fb = new Framebuffer(64, 64);
        // 4096 pixels: 300 red (run-1 = 299 = 255 + 44), 1 green (0), 3795 blue (3794 = 14*255 + 224).
        WireBytes w = new WireBytes().u8(128).cpixel(RED).u8(255, 44).cpixel(GREEN).u8(0).cpixel(BLUE);
        for (int i = 0; i < 14; i++) {
            w.u8(255);
        }
        decoder.decode(rect(w.u8(224).toBytes()), fb, 0, 0, 64, 64);
        for (int i = 0; i < 4096; i++) {
            assertPixel(fb, i % 64, i / 64, i < 300 ? RED : i == 300 ? GREEN : BLUE);
        }
    }

    @Test
    void paletteRleMixesSinglePixelsAndRuns() throws IOException {
        Framebuffer fb = new Framebuffer(4, 3);
        // palette of 3 (subencoding 131): G, R(run of 5), B, B, G(run of 4)
        byte[] tiles = new WireBytes().u8(131).cpixel(RED).cpixel(GREEN).cpixel(BLUE)
                .u8(1).u8(0x80, 4).u8(2, 2).u8(0x81, 3).toBytes();
        decoder.decode(rect(tiles), fb, 0, 0, 4, 3);
        int[] expected = {GREEN, RED, RED, RED, RED, RED, BLUE, BLUE, GREEN, GREEN, GREEN, GREEN};
        for (int i = 0; i < 12; i++) {
            assertPixel(fb, i % 4, i / 4, expected[i]);
        }
    }

    @Test
    void largestPaletteRleHas127Colours() throws IOException {
        Framebuffer fb = new Framebuffer(2, 1);
        WireBytes w = new WireBytes().u8(255);
        for (int i = 0; i < 127; i++) {
            w.cpixel(i);
        }
        decoder.decode(rect(w.u8(126, 5).toBytes()), fb, 0, 0, 2, 1);
        assertPixel(fb, 0, 0, 126);
        assertPixel(fb, 1, 0, 5);
    }

    @Test
    void oneZlibStreamSpansTheConnection() throws IOException {
        Framebuffer fb = new Framebuffer(64, 64);
        byte[] same = new WireBytes().u8(0).cpixel(0x102030).cpixel(0x405060).toBytes();
        decoder.decode(rect(same), fb, 0, 0, 2, 1);
        // The second block refers back to the first one's bytes; a decoder restarting zlib would fail.
        DataInputStream second = rect(same);
        decoder.decode(second, fb, 10, 10, 2, 1);
        assertPixel(fb, 10, 10, 0x102030);
        assertPixel(fb, 11, 10, 0x405060);
        assertEquals(SENTINEL, second.read());
    }

    @Test
    void emptyRectangleConsumesItsBlock() throws IOException {
        Framebuffer fb = new Framebuffer(4, 4);
        DataInputStream in = rect(new byte[0]);
        decoder.decode(in, fb, 0, 0, 0, 0);
        assertEquals(SENTINEL, in.read());
    }

    // --- hostile input ---

    @Test
    void hugeLengthIsRefusedBeforeReadingOrAllocating() {
        for (long length : new long[] {0xFFFFFFFFL, 0x7FFFFFFFL, ZrleDecoder.MAX_COMPRESSED_LENGTH + 1L}) {
            DataInputStream in = new WireBytes().u32(length).u8(1, 2, 3).stream();
            RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(8, 8), 0, 0, 8, 8));
            assertTrue(e.getMessage().contains("ZRLE"), e.getMessage());
        }
    }

    @Test
    void reservedSubencodingsAreRejected() throws IOException {
        for (int sub : new int[] {17, 64, 127, 129}) {
            ZrleDecoder fresh = new ZrleDecoder();
            Deflater d = new Deflater();
            byte[] z = WireBytes.deflateBlock(d, new WireBytes().u8(sub).cpixel(RED).cpixel(RED).toBytes());
            DataInputStream in = new WireBytes().u32(z.length).bytes(z).stream();
            RfbException e = assertThrows(RfbException.class, () -> fresh.decode(in, new Framebuffer(8, 8), 0, 0, 1, 1));
            assertEquals("the server sent a ZRLE tile with the reserved subencoding " + sub, e.getMessage());
        }
    }

    @Test
    void truncatedZlibDataIsCorrupt() {
        byte[] tiles = new byte[1 + 64 * 64 * 3];
        Arrays.fill(tiles, 1, tiles.length, (byte) 7);
        byte[] z = WireBytes.deflateBlock(deflater, tiles);
        byte[] cut = Arrays.copyOf(z, z.length / 2);
        DataInputStream in = new WireBytes().u32(cut.length).bytes(cut).u8(SENTINEL, SENTINEL, SENTINEL).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(64, 64), 0, 0, 64, 64));
        assertEquals("the server's ZRLE data is corrupt", e.getMessage());
    }

    @Test
    void garbageZlibDataIsCorrupt() {
        DataInputStream in = new WireBytes().u32(6).u8(0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC).stream();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(in, new Framebuffer(8, 8), 0, 0, 8, 8));
        assertEquals("the server's ZRLE data is corrupt", e.getMessage());
    }

    @Test
    void moreDataThanTheTilesHoldIsCorrupt() {
        byte[] tiles = new WireBytes().u8(1).cpixel(RED).u8(1).cpixel(RED).toBytes();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(rect(tiles), new Framebuffer(8, 8), 0, 0, 8, 8));
        assertEquals("the server's ZRLE data is corrupt", e.getMessage());
    }

    @Test
    void paletteIndexBeyondThePaletteIsRejected() {
        // palette of 3 with 2-bit index 3
        byte[] packed = new WireBytes().u8(3).cpixel(RED).cpixel(GREEN).cpixel(BLUE).u8(0b11000000).toBytes();
        assertThrows(RfbException.class, () -> new ZrleDecoder().decode(rect(packed), new Framebuffer(8, 8), 0, 0, 1, 1));
        byte[] rle = new WireBytes().u8(130).cpixel(RED).cpixel(GREEN).u8(5).toBytes();
        assertThrows(RfbException.class, () -> new ZrleDecoder().decode(rect(rle), new Framebuffer(8, 8), 0, 0, 1, 1));
    }

    @Test
    void runLongerThanItsTileIsRejected() {
        byte[] tiles = new WireBytes().u8(128).cpixel(RED).u8(4).toBytes();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(rect(tiles), new Framebuffer(8, 8), 0, 0, 2, 2));
        assertEquals("the server sent a ZRLE run longer than its tile", e.getMessage());
    }

    @Test
    void rectangleOutsideTheScreenIsRejected() {
        byte[] tiles = new WireBytes().u8(1).cpixel(RED).toBytes();
        RfbException e = assertThrows(RfbException.class, () -> decoder.decode(rect(tiles), new Framebuffer(8, 8), 4, 4, 5, 4));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }
}
