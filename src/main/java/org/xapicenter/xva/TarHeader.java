package org.xapicenter.xva;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tar headers byte for byte as xapi writes them (ocaml-tar's default, pre-POSIX "V7" level): no ustar
 * magic, type flag NUL, mode 0400, uid and gid 0, octal fields NUL-terminated, no user or group names.
 * commons-compress always writes ustar headers, hence this small writer; reading is left to commons-compress.
 */
final class TarHeader {
    static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;

    private TarHeader() {
    }

    /** The 512-byte header of a regular file {@code name} of {@code size} bytes, modified at {@code mtime} (epoch seconds). */
    static byte[] of(String name, long size, long mtime) {
        byte[] name8 = name.getBytes(StandardCharsets.UTF_8);
        if (name8.length > NAME_LENGTH) {
            throw new IllegalArgumentException("tar member name longer than 100 bytes: " + name);
        }
        if (size < 0 || size > 077777777777L) {
            throw new IllegalArgumentException("tar member size out of range: " + size);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(name8, 0, h, 0, name8.length);
        octal(h, 100, 8, 0400);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        // Type flag (offset 156) stays NUL: a V7 regular file.
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        octal(h, 148, 8, sum);
        return h;
    }

    /** Zeros that round a member of {@code size} bytes up to whole 512-byte blocks. */
    static int padding(long size) {
        int rest = (int) (size % BLOCK);
        return rest == 0 ? 0 : BLOCK - rest;
    }

    static void writePadding(OutputStream out, long size) throws IOException {
        int n = padding(size);
        if (n > 0) {
            out.write(new byte[n]);
        }
    }

    /** The end of an archive as xapi writes it: two zero blocks, no padding to a 10 KiB record. */
    static void writeEnd(OutputStream out) throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    /** {@code value} as {@code width - 1} zero-padded octal digits and a NUL, like C's {@code %0*o}. */
    private static void octal(byte[] h, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        int pad = width - 1 - digits.length();
        if (pad < 0) {
            throw new IllegalArgumentException("value too large for a tar field: " + value);
        }
        for (int i = 0; i < pad; i++) {
            h[offset + i] = '0';
        }
        for (int i = 0; i < digits.length(); i++) {
            h[offset + pad + i] = (byte) digits.charAt(i);
        }
        h[offset + width - 1] = 0;
    }
}
