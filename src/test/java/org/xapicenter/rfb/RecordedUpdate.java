package org.xapicenter.rfb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.xapicenter.rfb.decode.RectDecoder;

/**
 * The bytes of one FramebufferUpdate message exactly as a server sent them, captured by a minimal
 * RFB 3.8 client (security None, our pixel format, one non-incremental request), and replayable
 * through any set of decoders as often as a benchmark wants.
 */
final class RecordedUpdate {

    final int width;
    final int height;
    final byte[] message;
    /** How many rectangles of each encoding the server chose, e.g. {@code "Hextile 30, Raw 2"}. */
    final String mix;

    private RecordedUpdate(int width, int height, byte[] message, String mix) {
        this.width = width;
        this.height = height;
        this.message = message;
        this.mix = mix;
    }

    /**
     * Connects, asks for the whole screen with {@code encodings} (preference order, pseudo-encodings
     * allowed), and records the first FramebufferUpdate; {@code decoders} are used to find where each
     * rectangle ends (their output is thrown away).
     */
    static RecordedUpdate capture(int port, List<Integer> encodings, Map<Integer, RectDecoder> decoders) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            Recording recording = new Recording(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            DataInputStream in = new DataInputStream(recording);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());

            byte[] version = new byte[12];
            in.readFully(version);
            if (!new String(version, StandardCharsets.US_ASCII).startsWith("RFB 003.")) {
                throw new IOException("not an RFB server");
            }
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            int types = in.readUnsignedByte();
            byte[] offered = new byte[types];
            in.readFully(offered);
            if (types == 0 || indexOf(offered, (byte) 1) < 0) {
                throw new IOException("the server does not offer security None");
            }
            out.writeByte(1);
            if (in.readInt() != 0) {
                throw new IOException("security None refused");
            }
            out.writeByte(1); // shared
            int width = in.readUnsignedShort();
            int height = in.readUnsignedShort();
            in.readFully(new byte[16]);
            in.readFully(new byte[in.readInt()]);

            // SetPixelFormat: 32 bpp, depth 24, little-endian, true colour, 255/255/255, shifts 16/8/0.
            out.write(new byte[] {0, 0, 0, 0, 32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
            out.writeByte(2);
            out.writeByte(0);
            out.writeShort(encodings.size());
            for (int e : encodings) {
                out.writeInt(e);
            }
            out.write(new byte[] {3, 0, 0, 0, 0, 0});
            out.writeShort(width);
            out.writeShort(height);
            out.flush();

            Framebuffer scratch = new Framebuffer(width, height);
            while (true) {
                recording.start();
                int type = in.readUnsignedByte();
                switch (type) {
                    case 0 -> {
                        Map<String, Integer> counts = new TreeMap<>();
                        walk(in, decoders, scratch, counts);
                        StringBuilder mix = new StringBuilder();
                        counts.forEach((name, n) -> mix.append(mix.length() == 0 ? "" : ", ").append(name).append(' ').append(n));
                        return new RecordedUpdate(width, height, recording.stop(), mix.toString());
                    }
                    case 2 -> { } // bell
                    case 3 -> {
                        in.readFully(new byte[3]);
                        in.readFully(new byte[in.readInt()]);
                    }
                    default -> throw new IOException("unexpected server message " + type);
                }
            }
        }
    }

    /** Decodes the whole message into {@code fb}. */
    void replay(Map<Integer, RectDecoder> decoders, Framebuffer fb) throws IOException {
        ByteStream bytes = new ByteStream(message);
        DataInputStream in = new DataInputStream(bytes);
        if (in.readUnsignedByte() != 0) {
            throw new IOException("not a FramebufferUpdate");
        }
        walk(in, decoders, fb, new TreeMap<>());
        if (bytes.available() != 0) {
            throw new IOException("the decoders left " + bytes.available() + " bytes of the update unread");
        }
    }

    /** How many rectangles the server announced. */
    int rectangles() {
        return ((message[2] & 0xFF) << 8) | (message[3] & 0xFF);
    }

    private static void walk(DataInputStream in, Map<Integer, RectDecoder> decoders, Framebuffer fb,
            Map<String, Integer> counts) throws IOException {
        in.readUnsignedByte();
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            RectangleHeader r = RectangleHeader.read(in);
            if (r.isLast()) {
                return;
            }
            RectDecoder decoder = decoders.get(r.encoding());
            if (decoder == null) {
                throw new IOException("no decoder for encoding " + r.encoding());
            }
            fb.checkBounds(r.x(), r.y(), r.width(), r.height());
            decoder.decode(in, fb, r.x(), r.y(), r.width(), r.height());
            counts.merge(Encoding.ofCode(r.encoding()).map(Encoding::displayName).orElse("#" + r.encoding()), 1, Integer::sum);
        }
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Copies what is read while started. */
    private static final class Recording extends InputStream {
        private final InputStream in;
        private ByteArrayOutputStream copy;

        Recording(InputStream in) {
            this.in = in;
        }

        void start() {
            copy = new ByteArrayOutputStream(1 << 20);
        }

        byte[] stop() {
            byte[] b = copy.toByteArray();
            copy = null;
            return b;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && copy != null) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && copy != null) {
                copy.write(b, off, n);
            }
            return n;
        }
    }

    /**
     * An unsynchronized byte-array stream: replays measure decoders, not {@code ByteArrayInputStream}'s
     * lock per byte.
     */
    static final class ByteStream extends InputStream {
        private final byte[] data;
        private int pos;

        ByteStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, data.length - pos);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return data.length - pos;
        }
    }

    @Override
    public String toString() {
        return width + "x" + height + ", " + message.length + " bytes, " + rectangles() + " rectangles (" + mix + ")";
    }
}
