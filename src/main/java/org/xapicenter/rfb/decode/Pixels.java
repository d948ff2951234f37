package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;

/** Reads pixels of the fixed client format (4 bytes: B, G, R, unused) as opaque ARGB ints. */
final class Pixels {
    static final int BYTES = 4;

    private Pixels() {
    }

    static int one(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        int g = in.readUnsignedByte();
        int r = in.readUnsignedByte();
        in.readUnsignedByte();
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    /** Converts {@code count} wire pixels from {@code bytes} into {@code argb} starting at {@code to}. */
    static void convert(byte[] bytes, int count, int[] argb, int to) {
        for (int i = 0, at = 0; i < count; i++, at += BYTES) {
            argb[to + i] = 0xFF000000 | (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 1] & 0xFF) << 8 | (bytes[at] & 0xFF);
        }
    }
}
