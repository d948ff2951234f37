package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every encoder on pictures the text console never shows (thousands of colours, tens of colours,
 * a handful, long runs, partial tiles) in several pixel formats, decoded by the test viewer's
 * independent decoders. Several rectangles go through one ZRLE encoder, as they do on a connection.
 */
class EncodersTest {
    private static final int W = 300;
    private static final int H = 170;

    record Format(String name, int bpp, int depth, boolean big, int rMax, int gMax, int bMax, int rShift, int gShift,
                  int bShift) {
        PixelFormat server() {
            return new PixelFormat(bpp, depth, big, true, rMax, gMax, bMax, rShift, gShift, bShift);
        }

        int pack(int argb) {
            int r = (argb >> 16) & 0xFF;
            int g = (argb >> 8) & 0xFF;
            int b = argb & 0xFF;
            return Math.round(r * rMax / 255f) << rShift | Math.round(g * gMax / 255f) << gShift
                    | Math.round(b * bMax / 255f) << bShift;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Format[] formats = {
            new Format("32 LE", 32, 24, false, 255, 255, 255, 16, 8, 0),
            new Format("32 BE high bytes", 32, 24, true, 255, 255, 255, 24, 16, 8),
            new Format("32 BE depth 32", 32, 32, true, 255, 255, 255, 0, 8, 16),
            new Format("16 LE 565", 16, 16, false, 31, 63, 31, 11, 5, 0),
            new Format("8 BGR233", 8, 8, false, 7, 7, 3, 0, 3, 6),
        };
        Stream.Builder<Arguments> b = Stream.builder();
        for (String encoder : new String[] {"raw", "hextile", "zrle"}) {
            for (Format f : formats) {
                b.add(Arguments.of(encoder, f));
            }
        }
        return b.build();
    }

    private static int[][] pictures() {
        Random random = new Random(7);
        int[] noise = new int[W * H];
        int[] fifty = new int[W * H];
        int[] five = new int[W * H];
        int[] runs = new int[W * H];
        int[] palette50 = new int[50];
        for (int i = 0; i < palette50.length; i++) {
            palette50[i] = 0xFF000000 | random.nextInt(0x1000000);
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                noise[i] = 0xFF000000 | random.nextInt(0x1000000);
                fifty[i] = palette50[((x / 3) + (y / 2) * 7) % 50];
                five[i] = palette50[random.nextInt(5)];
                runs[i] = 0xFF000000 | ((x / 40) * 0x203040 + y * 0x010101) & 0xFFFFFF;
            }
        }
        return new int[][] {noise, fifty, five, runs};
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void decodedPicturesEqualTheSource(String encoderName, Format format) throws IOException {
        RectEncoder encoder = switch (encoderName) {
            case "raw" -> new RawEncoder();
            case "hextile" -> new HextileEncoder();
            default -> new ZrleEncoder();
        };
        PixelFormat pf = format.server();
        int[][] rects = {{0, 0, W, H}, {13, 7, 131, 77}, {W - 1, H - 1, 1, 1}, {64, 64, 64, 64}};
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(wire);
        int[][] pictures = pictures();
        for (int[] picture : pictures) {
            for (int[] r : rects) {
                out.writeByte(0);
                out.writeByte(0);
                out.writeShort(1);
                out.writeShort(r[0]);
                out.writeShort(r[1]);
                out.writeShort(r[2]);
                out.writeShort(r[3]);
                out.writeInt(encoder.code());
                encoder.encode(picture, W, r[0], r[1], r[2], r[3], pf, out);
            }
        }
        out.flush();
        TestViewer viewer = new TestViewer(new ByteArrayInputStream(wire.toByteArray()), OutputStreamSink.INSTANCE, () -> { });
        viewer.width = W;
        viewer.height = H;
        viewer.frame = new int[W * H];
        viewer.setPixelFormat(format.bpp(), format.depth(), format.big(), true, format.rMax(), format.gMax(),
                format.bMax(), format.rShift(), format.gShift(), format.bShift());
        for (int[] picture : pictures) {
            for (int[] r : rects) {
                viewer.readUpdate();
                for (int y = r[1]; y < r[1] + r[3]; y++) {
                    for (int x = r[0]; x < r[0] + r[2]; x++) {
                        int want = format.pack(picture[y * W + x]);
                        int got = viewer.frame[y * W + x];
                        if (got != want) {
                            throw new AssertionError(encoderName + " " + format + ": pixel " + x + "," + y + " of rect "
                                    + java.util.Arrays.toString(r) + " is " + Integer.toHexString(got) + ", not "
                                    + Integer.toHexString(want));
                        }
                    }
                }
            }
        }
        assertThat(viewer.in.read()).as("nothing left over").isEqualTo(-1);
        if (encoder instanceof ZrleEncoder z) {
            z.close();
        }
        viewer.close();
    }

    /** Where the test viewer's own messages (SetPixelFormat) go: nowhere. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
