package org.xapicenter.sim.console;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A deliberately small RFB viewer written for the tests from RFC 6143 alone, independent of the
 * server's code: handshake, SetPixelFormat, SetEncodings, update requests, and decoders for Raw,
 * CopyRect, Hextile and ZRLE that keep the framebuffer as the viewer's own pixel values.
 */
final class TestViewer implements Closeable {
    final DataInputStream in;
    final DataOutputStream out;
    private final Closeable connection;
    int width;
    int height;
    String name;
    /** The pixel format asked for: bytes a pixel, big-endian, and whether ZRLE's 3-byte CPIXEL applies. */
    int bpp = 4;
    boolean bigEndian;
    boolean compact3 = true;
    int[] frame;
    /** Encodings of the rectangles of the last update, in order. */
    final List<Integer> lastEncodings = new ArrayList<>();
    final Inflater inflater = new Inflater();
    int[] colourMap;

    TestViewer(InputStream in, OutputStream out, Closeable connection) {
        this.in = new DataInputStream(in);
        this.out = new DataOutputStream(out);
        this.connection = connection;
    }

    static TestViewer of(Socket s) throws IOException {
        s.setSoTimeout(20_000);
        return new TestViewer(new java.io.BufferedInputStream(s.getInputStream(), 65536), s.getOutputStream(), s);
    }

    /** Version {@code minor} (3, 7 or 8), security None, shared. */
    void handshake(int minor) throws IOException {
        byte[] v = new byte[12];
        in.readFully(v);
        if (!new String(v, StandardCharsets.US_ASCII).equals("RFB 003.008\n")) {
            throw new IOException("unexpected version " + new String(v, StandardCharsets.US_ASCII));
        }
        out.write(String.format("RFB 003.%03d\n", minor).getBytes(StandardCharsets.US_ASCII));
        if (minor == 3) {
            int type = in.readInt();
            if (type != 1) {
                throw new IOException("security " + type);
            }
        } else {
            int n = in.readUnsignedByte();
            byte[] types = new byte[n];
            in.readFully(types);
            if (n != 1 || types[0] != 1) {
                throw new IOException("security types offered: " + n);
            }
            out.writeByte(1);
            if (minor == 8 && in.readInt() != 0) {
                throw new IOException("security failed");
            }
        }
        out.writeByte(1);
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.readFully(new byte[16]);
        byte[] n = new byte[in.readInt()];
        in.readFully(n);
        name = new String(n, StandardCharsets.UTF_8);
        frame = new int[width * height];
    }

    void setPixelFormat(int bitsPerPixel, int depth, boolean big, boolean trueColour, int rMax, int gMax, int bMax,
                        int rShift, int gShift, int bShift) throws IOException {
        out.writeByte(0);
        out.write(new byte[3]);
        out.writeByte(bitsPerPixel);
        out.writeByte(depth);
        out.writeByte(big ? 1 : 0);
        out.writeByte(trueColour ? 1 : 0);
        out.writeShort(rMax);
        out.writeShort(gMax);
        out.writeShort(bMax);
        out.writeByte(rShift);
        out.writeByte(gShift);
        out.writeByte(bShift);
        out.write(new byte[3]);
        bpp = bitsPerPixel / 8;
        bigEndian = big;
        boolean low = ((long) rMax << rShift) < (1 << 24) && ((long) gMax << gShift) < (1 << 24)
                && ((long) bMax << bShift) < (1 << 24);
        compact3 = bitsPerPixel == 32 && trueColour && depth <= 24 && (low || (rShift >= 8 && gShift >= 8 && bShift >= 8));
        compactLow = low;
    }

    boolean compactLow = true;

    void setEncodings(int... encodings) throws IOException {
        out.writeByte(2);
        out.writeByte(0);
        out.writeShort(encodings.length);
        for (int e : encodings) {
            out.writeInt(e);
        }
        out.flush();
    }

    void request(boolean incremental) throws IOException {
        out.writeByte(3);
        out.writeByte(incremental ? 1 : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(width);
        out.writeShort(height);
        out.flush();
    }

    void key(int keysym, boolean down) throws IOException {
        out.writeByte(4);
        out.writeByte(down ? 1 : 0);
        out.writeShort(0);
        out.writeInt(keysym);
        out.flush();
    }

    void qemuKey(int keysym, int scancode, boolean down) throws IOException {
        out.writeByte(255);
        out.writeByte(0);
        out.writeShort(down ? 1 : 0);
        out.writeInt(keysym);
        out.writeInt(scancode);
        out.flush();
    }

    void cutText(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        out.writeByte(6);
        out.write(new byte[3]);
        out.writeInt(b.length);
        out.write(b);
        out.flush();
    }

    /** Reads server messages up to and including one FramebufferUpdate, which it applies. */
    void readUpdate() throws IOException {
        while (true) {
            int type = in.readUnsignedByte();
            if (type == 1) {
                in.readUnsignedByte();
                int first = in.readUnsignedShort();
                int n = in.readUnsignedShort();
                colourMap = new int[256];
                for (int i = 0; i < n; i++) {
                    int r = in.readUnsignedShort() >> 8;
                    int g = in.readUnsignedShort() >> 8;
                    int b = in.readUnsignedShort() >> 8;
                    colourMap[first + i] = 0xFF000000 | r << 16 | g << 8 | b;
                }
                continue;
            }
            if (type != 0) {
                throw new IOException("unexpected server message " + type);
            }
            in.readUnsignedByte();
            int rects = in.readUnsignedShort();
            lastEncodings.clear();
            for (int i = 0; i < rects; i++) {
                int x = in.readUnsignedShort();
                int y = in.readUnsignedShort();
                int w = in.readUnsignedShort();
                int h = in.readUnsignedShort();
                int enc = in.readInt();
                lastEncodings.add(enc);
                switch (enc) {
                    case 0 -> raw(x, y, w, h);
                    case 1 -> copy(x, y, w, h);
                    case 5 -> hextile(x, y, w, h);
                    case 16 -> zrle(x, y, w, h);
                    case -258 -> {
                    }
                    default -> throw new IOException("unexpected encoding " + enc);
                }
            }
            return;
        }
    }

    private int pixel(DataInputStream s) throws IOException {
        return switch (bpp) {
            case 1 -> s.readUnsignedByte();
            case 2 -> bigEndian ? s.readUnsignedShort() : Short.reverseBytes(s.readShort()) & 0xFFFF;
            default -> bigEndian ? s.readInt() : Integer.reverseBytes(s.readInt());
        };
    }

    private void raw(int x, int y, int w, int h) throws IOException {
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                frame[(y + j) * width + x + i] = pixel(in);
            }
        }
    }

    private void copy(int x, int y, int w, int h) throws IOException {
        int sx = in.readUnsignedShort();
        int sy = in.readUnsignedShort();
        int[] tmp = new int[w * h];
        for (int j = 0; j < h; j++) {
            System.arraycopy(frame, (sy + j) * width + sx, tmp, j * w, w);
        }
        for (int j = 0; j < h; j++) {
            System.arraycopy(tmp, j * w, frame, (y + j) * width + x, w);
        }
    }

    private void hextile(int x, int y, int w, int h) throws IOException {
        int bg = 0;
        int fg = 0;
        for (int ty = y; ty < y + h; ty += 16) {
            for (int tx = x; tx < x + w; tx += 16) {
                int tw = Math.min(16, x + w - tx);
                int th = Math.min(16, y + h - ty);
                int mask = in.readUnsignedByte();
                if ((mask & 1) != 0) {
                    raw(tx, ty, tw, th);
                    continue;
                }
                if ((mask & 2) != 0) {
                    bg = pixel(in);
                }
                fill(tx, ty, tw, th, bg);
                if ((mask & 4) != 0) {
                    fg = pixel(in);
                }
                if ((mask & 8) != 0) {
                    int n = in.readUnsignedByte();
                    for (int k = 0; k < n; k++) {
                        int colour = (mask & 16) != 0 ? pixel(in) : fg;
                        int xy = in.readUnsignedByte();
                        int wh = in.readUnsignedByte();
                        fill(tx + (xy >> 4), ty + (xy & 15), (wh >> 4) + 1, (wh & 15) + 1, colour);
                    }
                }
            }
        }
    }

    private void fill(int x, int y, int w, int h, int v) {
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                frame[(y + j) * width + x + i] = v;
            }
        }
    }

    private void zrle(int x, int y, int w, int h) throws IOException {
        int length = in.readInt();
        byte[] z = new byte[length];
        in.readFully(z);
        inflater.setInput(z);
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = inflater.inflate(buf)) > 0) {
                plain.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        }
        DataInputStream s = new DataInputStream(new ByteArrayInputStream(plain.toByteArray()));
        for (int ty = y; ty < y + h; ty += 64) {
            for (int tx = x; tx < x + w; tx += 64) {
                int tw = Math.min(64, x + w - tx);
                int th = Math.min(64, y + h - ty);
                zrleTile(s, tx, ty, tw, th);
            }
        }
        if (s.available() != 0) {
            throw new IOException(s.available() + " bytes left over in a ZRLE rectangle");
        }
    }

    private int cpixel(DataInputStream s) throws IOException {
        if (!compact3) {
            return pixel(s);
        }
        int b0 = s.readUnsignedByte();
        int b1 = s.readUnsignedByte();
        int b2 = s.readUnsignedByte();
        int v = bigEndian ? b0 << 16 | b1 << 8 | b2 : b2 << 16 | b1 << 8 | b0;
        return compactLow ? v : v << 8;
    }

    private void zrleTile(DataInputStream s, int tx, int ty, int tw, int th) throws IOException {
        int sub = s.readUnsignedByte();
        if (sub == 0) {
            for (int j = 0; j < th; j++) {
                for (int i = 0; i < tw; i++) {
                    frame[(ty + j) * width + tx + i] = cpixel(s);
                }
            }
        } else if (sub == 1) {
            fill(tx, ty, tw, th, cpixel(s));
        } else if (sub <= 16) {
            int[] palette = new int[sub];
            for (int i = 0; i < sub; i++) {
                palette[i] = cpixel(s);
            }
            int bits = sub == 2 ? 1 : sub <= 4 ? 2 : 4;
            for (int j = 0; j < th; j++) {
                int b = 0;
                int left = 0;
                for (int i = 0; i < tw; i++) {
                    if (left == 0) {
                        b = s.readUnsignedByte();
                        left = 8;
                    }
                    left -= bits;
                    frame[(ty + j) * width + tx + i] = palette[(b >> left) & ((1 << bits) - 1)];
                }
            }
        } else if (sub == 128 || sub >= 130) {
            int[] palette = null;
            if (sub >= 130) {
                palette = new int[sub - 128];
                for (int i = 0; i < palette.length; i++) {
                    palette[i] = cpixel(s);
                }
            }
            int k = 0;
            while (k < tw * th) {
                int colour;
                int len = 1;
                if (palette == null) {
                    colour = cpixel(s);
                    len = runLength(s);
                } else {
                    int index = s.readUnsignedByte();
                    colour = palette[index & 127];
                    if ((index & 128) != 0) {
                        len = runLength(s);
                    }
                }
                for (int r = 0; r < len; r++, k++) {
                    frame[(ty + k / tw) * width + tx + k % tw] = colour;
                }
            }
        } else {
            throw new IOException("bad ZRLE subencoding " + sub);
        }
    }

    private static int runLength(DataInputStream s) throws IOException {
        int len = 1;
        int b;
        do {
            b = s.readUnsignedByte();
            len += b;
        } while (b == 255);
        return len;
    }

    /** Whether the server closed the connection (reads until end of stream or the timeout). */
    boolean closedByServer() {
        try {
            while (in.read() >= 0) {
                // Drain whatever was in flight.
            }
            return true;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        connection.close();
    }
}
