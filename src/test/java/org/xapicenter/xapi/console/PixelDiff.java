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
}
