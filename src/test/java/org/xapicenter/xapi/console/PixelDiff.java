package org.xapicenter.xapi.console;

/** How two pictures of the same screen differ, in words a failing assertion can show. */
final class PixelDiff {
    private PixelDiff() {
    }

    /** Null when equal; else the size mismatch or how many pixels differ and the first of them. */
    static String difference(int expectedWidth, int expectedHeight, int[] expected, int width, int height, int[] actual) {
        if (expectedWidth != width || expectedHeight != height) {
            return "size " + width + "x" + height + ", expected " + expectedWidth + "x" + expectedHeight;
        }
        int count = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if ((expected[i] & 0xFFFFFF) != (actual[i] & 0xFFFFFF)) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        return count + " of " + expected.length + " pixels differ; first at (" + first % width + "," + first / width
                + "): " + String.format("%06x", actual[first] & 0xFFFFFF) + " instead of "
                + String.format("%06x", expected[first] & 0xFFFFFF);
    }

    /** Mean absolute difference per colour channel, 0..255. */
    static double meanAbsoluteDifference(int[] expected, int[] actual) {
        long sum = 0;
        for (int i = 0; i < expected.length; i++) {
            int e = expected[i];
            int a = actual[i];
            sum += Math.abs((e >> 16 & 0xFF) - (a >> 16 & 0xFF)) + Math.abs((e >> 8 & 0xFF) - (a >> 8 & 0xFF))
                    + Math.abs((e & 0xFF) - (a & 0xFF));
        }
        return sum / (3.0 * expected.length);
    }

    /**
     * The largest mean absolute difference per channel over the {@code block}x{@code block} tiles of
     * the screen: a whole-frame mean hides one misplaced or garbled tile, this does not.
     */
    static double worstBlockDifference(int width, int height, int[] expected, int[] actual, int block) {
        double worst = 0;
        for (int by = 0; by < height; by += block) {
            for (int bx = 0; bx < width; bx += block) {
                long sum = 0;
                int pixels = 0;
                for (int y = by; y < Math.min(height, by + block); y++) {
                    for (int x = bx; x < Math.min(width, bx + block); x++) {
                        int e = expected[y * width + x];
                        int a = actual[y * width + x];
                        sum += Math.abs((e >> 16 & 0xFF) - (a >> 16 & 0xFF)) + Math.abs((e >> 8 & 0xFF) - (a >> 8 & 0xFF))
                                + Math.abs((e & 0xFF) - (a & 0xFF));
                        pixels++;
                    }
                }
                worst = Math.max(worst, sum / (3.0 * pixels));
            }
        }
        return worst;
    }
}
