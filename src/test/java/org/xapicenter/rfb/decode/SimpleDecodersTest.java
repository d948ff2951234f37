package org.xapicenter.rfb.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.EOFException;

import org.junit.jupiter.api.Test;
import org.xapicenter.rfb.CursorShape;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbException;

/** Raw, CopyRect, RRE, Hextile and Cursor turn exact bytes into exact pixels, and refuse bad ones. */
class SimpleDecodersTest {

    @Test
    void rawFillsRowByRowAcrossSeveralBands() throws Exception {
        // 300x300 is more than one 64 Ki-pixel band, so the banding is exercised.
        int w = 300;
        int h = 300;
        Wire wire = new Wire();
        for (int i = 0; i < w * h; i++) {
            wire.pixel(i * 7919 & 0xFFFFFF);
        }
        Framebuffer fb = new Framebuffer(320, 310);
        RawDecoder raw = new RawDecoder();
        DataInputStream in = wire.input();
        raw.decode(in, fb, 10, 5, w, h);
        assertThat(in.available()).isZero();
        for (int i = 0; i < w * h; i += 97) {
            assertThat(fb.pixel(10 + i % w, 5 + i / w)).isEqualTo(0xFF000000 | (i * 7919 & 0xFFFFFF));
        }
        assertThat(fb.pixel(9, 5)).isEqualTo(0xFF000000);
        assertThat(fb.pixel(309, 304)).isEqualTo(0xFF000000 | ((w * h - 1) * 7919 & 0xFFFFFF));
    }

    @Test
    void copyRectHandlesOverlappingMoves() throws Exception {
        Framebuffer fb = new Framebuffer(4, 4);
        int[] column = {0x111111, 0x222222, 0x333333, 0x444444};
        for (int y = 0; y < 4; y++) {
            fb.fill(0, y, 4, 1, column[y]);
        }
        new CopyRectDecoder().decode(new Wire().u16(0).u16(0).input(), fb, 0, 1, 4, 3);
        assertThat(new int[] {fb.pixel(2, 0), fb.pixel(2, 1), fb.pixel(2, 2), fb.pixel(2, 3)})
                .containsExactly(0xFF111111, 0xFF111111, 0xFF222222, 0xFF333333);
        new CopyRectDecoder().decode(new Wire().u16(0).u16(1).input(), fb, 0, 0, 4, 3);
        assertThat(new int[] {fb.pixel(2, 0), fb.pixel(2, 1), fb.pixel(2, 2), fb.pixel(2, 3)})
                .containsExactly(0xFF111111, 0xFF222222, 0xFF333333, 0xFF333333);
        assertThatThrownBy(() -> new CopyRectDecoder().decode(new Wire().u16(3).u16(3).input(), fb, 0, 0, 2, 2))
                .isInstanceOf(RfbException.class).hasMessageContaining("outside its 4x4 screen");
    }

    @Test
    void rrePaintsBackgroundThenSubrectangles() throws Exception {
        Framebuffer fb = new Framebuffer(10, 10);
        Wire wire = new Wire().u32(2).pixel(0x0000AA)
                .pixel(0xAA0000).u16(0).u16(0).u16(2).u16(1)
                .pixel(0x00AA00).u16(3).u16(2).u16(1).u16(2);
        new RreDecoder().decode(wire.input(), fb, 1, 1, 4, 4);
        int[][] expected = {
                {0xAA0000, 0xAA0000, 0x0000AA, 0x0000AA},
                {0x0000AA, 0x0000AA, 0x0000AA, 0x0000AA},
                {0x0000AA, 0x0000AA, 0x0000AA, 0x00AA00},
                {0x0000AA, 0x0000AA, 0x0000AA, 0x00AA00}};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(fb.pixel(1 + x, 1 + y)).as("%d,%d", x, y).isEqualTo(0xFF000000 | expected[y][x]);
            }
        }
        assertThat(fb.pixel(0, 0)).isEqualTo(0xFF000000);
        assertThat(fb.pixel(5, 5)).isEqualTo(0xFF000000);
    }

    @Test
    void rreRefusesSubrectanglesOutsideOrTooMany() throws Exception {
        Framebuffer fb = new Framebuffer(10, 10);
        Wire outside = new Wire().u32(1).pixel(0).pixel(0xFFFFFF).u16(3).u16(0).u16(2).u16(1);
        assertThatThrownBy(() -> new RreDecoder().decode(outside.input(), fb, 0, 0, 4, 4))
                .isInstanceOf(RfbException.class)
                .hasMessage("the server sent an RRE subrectangle 2x1+3+0 outside its 4x4 rectangle");
        Wire tooMany = new Wire().u32(0x80000000).pixel(0);
        assertThatThrownBy(() -> new RreDecoder().decode(tooMany.input(), fb, 0, 0, 4, 4))
                .isInstanceOf(RfbException.class)
                .hasMessage("the server sent an RRE rectangle of 4x4 with 2147483648 subrectangles, more than it has pixels");
    }

    @Test
    void hextileCarriesColoursAcrossTilesAndHandlesEveryFlag() throws Exception {
        // A 20x18 rectangle is four tiles: 16x16, 4x16, 16x2, 4x2.
        int bg = 0x102030;
        int fg = 0xF0E0D0;
        Wire wire = new Wire();
        // Tile 1: background and foreground given, two subrectangles in the foreground colour.
        wire.u8(HextileDecoder.BACKGROUND_SPECIFIED | HextileDecoder.FOREGROUND_SPECIFIED | HextileDecoder.ANY_SUBRECTS)
                .pixel(bg).pixel(fg).u8(2)
                .u8(0x00).u8(0x10) // 2x1 at 0,0
                .u8(0xFF).u8(0x00); // 1x1 at 15,15
        // Tile 2: no flags: all background, carried over.
        wire.u8(0);
        // Tile 3: raw 16x2.
        wire.u8(HextileDecoder.RAW);
        for (int i = 0; i < 32; i++) {
            wire.pixel(0x010101 * i);
        }
        // Tile 4: carried background, one subrectangle of its own colour, one in the carried foreground.
        wire.u8(HextileDecoder.ANY_SUBRECTS | HextileDecoder.SUBRECTS_COLOURED).u8(1)
                .pixel(0x00FF00).u8(0x31).u8(0x00); // 1x1 at 3,1
        wire.u8(0); // a second rectangle's tile would start here; not read by this one
        Framebuffer fb = new Framebuffer(32, 32);
        DataInputStream in = wire.input();
        new HextileDecoder().decode(in, fb, 2, 3, 20, 18);
        assertThat(in.available()).as("bytes left for the next rectangle").isEqualTo(1);

        assertThat(fb.pixel(2, 3)).isEqualTo(0xFF000000 | fg);
        assertThat(fb.pixel(3, 3)).isEqualTo(0xFF000000 | fg);
        assertThat(fb.pixel(4, 3)).isEqualTo(0xFF000000 | bg);
        assertThat(fb.pixel(2 + 15, 3 + 15)).isEqualTo(0xFF000000 | fg);
        assertThat(fb.pixel(2 + 14, 3 + 15)).isEqualTo(0xFF000000 | bg);
        for (int y = 0; y < 16; y++) {
            for (int x = 16; x < 20; x++) {
                assertThat(fb.pixel(2 + x, 3 + y)).isEqualTo(0xFF000000 | bg);
            }
        }
        for (int i = 0; i < 32; i++) {
            assertThat(fb.pixel(2 + i % 16, 3 + 16 + i / 16)).isEqualTo(0xFF000000 | 0x010101 * i);
        }
        assertThat(fb.pixel(2 + 16 + 3, 3 + 16 + 1)).isEqualTo(0xFF00FF00);
        assertThat(fb.pixel(2 + 16, 3 + 16)).isEqualTo(0xFF000000 | bg);
        assertThat(fb.pixel(1, 3)).isEqualTo(0xFF000000);
        assertThat(fb.pixel(22, 3)).isEqualTo(0xFF000000);
    }

    @Test
    void hextileUsesTheCarriedForegroundForPlainSubrectangles() throws Exception {
        Wire wire = new Wire()
                .u8(HextileDecoder.BACKGROUND_SPECIFIED | HextileDecoder.FOREGROUND_SPECIFIED).pixel(0x111111).pixel(0x222222)
                .u8(HextileDecoder.ANY_SUBRECTS).u8(1).u8(0x00).u8(0x00);
        Framebuffer fb = new Framebuffer(32, 16);
        new HextileDecoder().decode(wire.input(), fb, 0, 0, 32, 16);
        assertThat(fb.pixel(0, 0)).isEqualTo(0xFF111111);
        assertThat(fb.pixel(16, 0)).isEqualTo(0xFF222222);
        assertThat(fb.pixel(17, 0)).isEqualTo(0xFF111111);
    }

    @Test
    void hextileRefusesBadTiles() throws Exception {
        Framebuffer fb = new Framebuffer(32, 32);
        Wire outside = new Wire().u8(HextileDecoder.ANY_SUBRECTS).u8(1).u8(0x30).u8(0x10); // 2x1 at 3,0 in a 4x4 tile
        assertThatThrownBy(() -> new HextileDecoder().decode(outside.input(), fb, 0, 0, 4, 4))
                .isInstanceOf(RfbException.class)
                .hasMessage("the server sent a Hextile subrectangle 2x1+3+0 outside its 4x4 tile");
        assertThatThrownBy(() -> new HextileDecoder().decode(new Wire().u8(0x40).input(), fb, 0, 0, 4, 4))
                .isInstanceOf(RfbException.class).hasMessage("the server sent a Hextile tile with unknown flags 64");
        assertThatThrownBy(() -> new HextileDecoder().decode(new Wire().u8(HextileDecoder.RAW).pixel(0).input(), fb, 0, 0, 4, 4))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void cursorAppliesTheBitmaskAndRefusesHugeImages() throws Exception {
        // 9 pixels wide, so each mask row takes two bytes.
        Wire wire = new Wire();
        for (int i = 0; i < 18; i++) {
            wire.pixel(0x000100 * i + 5);
        }
        wire.u8(0b1000_0001).u8(0b1000_0000).u8(0b0100_0000).u8(0);
        CursorShape shape = CursorDecoder.decode(wire.input(), 4, 1, 9, 2);
        assertThat(shape.hotX()).isEqualTo(4);
        assertThat(shape.hotY()).isEqualTo(1);
        int[] expected = new int[18];
        expected[0] = 0xFF000005;
        expected[7] = 0xFF000705;
        expected[8] = 0xFF000805;
        expected[9 + 1] = 0xFF000000 | (0x000100 * 10 + 5);
        assertThat(shape.argb()).containsExactly(expected);
        assertThatThrownBy(() -> CursorDecoder.decode(new Wire().input(), 0, 0, 257, 1))
                .isInstanceOf(RfbException.class)
                .hasMessage("the server sent a 257x1 pointer image, larger than the 256x256 we accept");
        assertThat(CursorDecoder.decode(new Wire().input(), 0, 0, 0, 0).width()).isZero();
    }

    @Test
    void extendedDesktopSizeReadsPastTheScreenList() throws Exception {
        Wire wire = new Wire().u8(2).u8(0).u16(0);
        for (int i = 0; i < 2; i++) {
            wire.u32(i).u16(0).u16(0).u16(640).u16(480).u32(0);
        }
        wire.u8(42);
        DataInputStream in = wire.input();
        assertThat(ExtendedDesktopSize.read(in, 0, 0)).isTrue();
        assertThat(in.readUnsignedByte()).isEqualTo(42);
        assertThat(ExtendedDesktopSize.read(new Wire().u8(0).u8(0).u16(0).input(), 1, 3)).isFalse();
    }
}
