package org.xapicenter.rfb.decode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds the bytes a server would send, in the client's pixel format, for decoder tests. */
final class Wire {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Wire u8(int v) {
        return io(() -> out.writeByte(v));
    }

    Wire u16(int v) {
        return io(() -> out.writeShort(v));
    }

    Wire u32(int v) {
        return io(() -> out.writeInt(v));
    }

    /** A pixel from 0xRRGGBB: bytes B, G, R, 0. */
    Wire pixel(int rgb) {
        return u8(rgb & 0xFF).u8(rgb >> 8 & 0xFF).u8(rgb >> 16 & 0xFF).u8(0);
    }

    DataInputStream input() {
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    int size() {
        return bytes.size();
    }

    private interface Io {
        void run() throws IOException;
    }

    private Wire io(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
