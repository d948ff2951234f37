package org.xapicenter.rfb.decode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Test-side builders for what a server sends: bytes, zlib blocks flushed the way VNC servers flush them. */
final class WireBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireBytes u8(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    WireBytes u32(long v) {
        return u8((int) (v >>> 24) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 8) & 0xFF, (int) v & 0xFF);
    }

    WireBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** CPIXEL of our pixel format: B, G, R. */
    WireBytes cpixel(int rgb) {
        return u8(rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF);
    }

    /** TPIXEL: R, G, B. */
    WireBytes tpixel(int rgb) {
        return u8((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    DataInputStream stream() {
        return new DataInputStream(new ByteArrayInputStream(toBytes()));
    }

    /** Compresses {@code plain} as the next block of {@code deflater}'s stream, ending in a sync flush. */
    static byte[] deflateBlock(Deflater deflater, byte[] plain) {
        deflater.setInput(plain);
        byte[] buf = new byte[plain.length + 1024];
        int n = 0;
        while (true) {
            int k = deflater.deflate(buf, n, buf.length - n, Deflater.SYNC_FLUSH);
            n += k;
            if (n < buf.length) {
                break;
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        return Arrays.copyOf(buf, n);
    }
}
