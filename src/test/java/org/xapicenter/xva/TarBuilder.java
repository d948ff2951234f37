package org.xapicenter.xva;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made archives for the corruption tests: any members, in any order, with any declared size. */
final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarBuilder member(String name, byte[] data) {
        out.writeBytes(TarHeader.of(name, data.length, 0));
        out.writeBytes(data);
        out.writeBytes(new byte[TarHeader.padding(data.length)]);
        return this;
    }

    TarBuilder member(String name, String text) {
        return member(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A header that announces {@code size} bytes, followed by nothing. */
    TarBuilder headerOnly(String name, long size) {
        out.writeBytes(TarHeader.of(name, size, 0));
        return this;
    }

    TarBuilder metadata(XvaMetadata m) {
        return member("ova.xml", m.toXml());
    }

    /** A block and its XXH64 member. */
    TarBuilder block(String name, byte[] data) {
        member(name, data);
        return member(name + ".xxhash", BlockChecksum.of(ChecksumKind.XXHASH, data, data.length));
    }

    byte[] end() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static void writeTo(OutputStream o, byte[] b) throws IOException {
        o.write(b);
    }
}
