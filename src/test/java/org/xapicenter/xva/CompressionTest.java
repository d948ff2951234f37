package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {
    @Test
    void sniffsByMagicOnly() {
        assertEquals(Compression.GZIP, Compression.sniff(new byte[] {0x1F, (byte) 0x8B, 8, 0}, 4));
        assertEquals(Compression.ZSTD, Compression.sniff(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}, 4));
        assertEquals(Compression.NONE, Compression.sniff("ova.xml".getBytes(), 7));
        assertEquals(Compression.NONE, Compression.sniff(new byte[] {0x28, (byte) 0xB5}, 2));
        assertEquals(Compression.NONE, Compression.sniff(new byte[0], 0));
    }

    @Test
    void roundTripsEveryKindWithZstdJniLoaded() throws IOException {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251 ^ i >> 9);
        }
        for (Compression c : Compression.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = c.compress(out)) {
                z.write(data);
            }
            byte[] packed = out.toByteArray();
            assertEquals(c, Compression.sniff(packed, packed.length), c.name());
            try (InputStream in = c.decompress(new ByteArrayInputStream(packed))) {
                assertArrayEquals(data, in.readAllBytes(), c.name());
            }
        }
    }

    @Test
    void readsConcatenatedGzipMembers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : new String[] {"first ", "second"}) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            try (OutputStream z = Compression.GZIP.compress(one)) {
                z.write(part.getBytes());
            }
            out.write(one.toByteArray());
        }
        try (InputStream in = Compression.GZIP.decompress(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals("first second", new String(in.readAllBytes()));
        }
    }
}
