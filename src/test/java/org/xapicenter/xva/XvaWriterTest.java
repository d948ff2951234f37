package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XvaWriterTest {
    @TempDir
    Path dir;

    private static final long MIB = XvaWriter.BLOCK_SIZE;

    @Test
    void headersAreXapisPrePosixOnes() throws IOException {
        byte[] xva = XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:5", 1000, XvaTestData.pattern(3, 1000))),
                Compression.NONE, ChecksumKind.XXHASH);
        // ova.xml first, mode 0400, owner 0, no ustar magic, type flag NUL, mtime as given.
        assertEquals("ova.xml", new String(xva, 0, 7, StandardCharsets.US_ASCII));
        assertEquals("0000400\0", new String(xva, 100, 8, StandardCharsets.US_ASCII));
        assertEquals("0000000\0", new String(xva, 108, 8, StandardCharsets.US_ASCII));
        assertEquals(Long.toOctalString(1_700_000_000L) + "\0", new String(xva, 136, 12, StandardCharsets.US_ASCII));
        assertEquals(0, xva[156]);
        assertTrue(Arrays.equals(new byte[8], Arrays.copyOfRange(xva, 257, 265)), "no ustar magic");
        // The archive ends with exactly two zero blocks.
        assertTrue(xva.length % 512 == 0);
        assertTrue(Arrays.equals(new byte[1024], Arrays.copyOfRange(xva, xva.length - 1024, xva.length)));
    }

    @Test
    void checksumTextsAreXapis() {
        // Known digests of the empty block (a keep-alive): XXH64 upper-case, SHA-1 lower-case.
        assertEquals("EF46DB3751D8E999", BlockChecksum.of(ChecksumKind.XXHASH, new byte[0], 0));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", BlockChecksum.of(ChecksumKind.SHA1, new byte[0], 0));
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("44BC2CF5AD770999", BlockChecksum.of(ChecksumKind.XXHASH, abc, 3));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", BlockChecksum.of(ChecksumKind.SHA1, abc, 3));
    }

    @Test
    void systemTarListsOvaXmlFirstAndTheExpectedMembers() throws Exception {
        long size = 4 * MIB + 12345;
        byte[] xva = XvaTestData.archive(List.of(
                        new XvaTestData.Disk("Ref:1", size, XvaTestData.pattern(7, size, 1, 2)),
                        new XvaTestData.Disk("Ref:2", 2 * MIB, XvaTestData.pattern(8, 2 * MIB))),
                Compression.NONE, ChecksumKind.XXHASH);
        Path file = dir.resolve("vm.xva");
        Files.write(file, xva);
        List<String> names = tar("tf", file);
        assertEquals(List.of("ova.xml",
                "Ref:1/00000000", "Ref:1/00000000.xxhash",
                "Ref:1/00000003", "Ref:1/00000003.xxhash",
                "Ref:1/00000004", "Ref:1/00000004.xxhash",
                "Ref:2/00000000", "Ref:2/00000000.xxhash",
                "Ref:2/00000001", "Ref:2/00000001.xxhash"), names);
        // Extract and check what tar gives back: the short last block and a checksum.
        Path out = Files.createDirectory(dir.resolve("x"));
        tarExtract(file, out);
        byte[] last = Files.readAllBytes(out.resolve("Ref:1/00000004"));
        assertEquals(12345, last.length);
        byte[] expected = new byte[12345];
        XvaTestData.pattern(7, size, 1, 2).read(4 * MIB, expected, expected.length);
        assertArrayEquals(expected, last);
        assertEquals(BlockChecksum.of(ChecksumKind.XXHASH, last, last.length),
                Files.readString(out.resolve("Ref:1/00000004.xxhash")));
        assertTrue(XvaMetadata.parse(Files.newInputStream(out.resolve("ova.xml"))).disks().size() == 2);
    }

    @Test
    void systemTarReadsGzipAndSha1Archives() throws Exception {
        byte[] xva = XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:1", MIB, XvaTestData.pattern(7, MIB))),
                Compression.GZIP, ChecksumKind.SHA1);
        Path file = dir.resolve("vm.xva.gz");
        Files.write(file, xva);
        assertEquals(List.of("ova.xml", "Ref:1/00000000", "Ref:1/00000000.checksum"), tar("tzf", file));
    }

    @Test
    void aMultiGibSparseDiskWritesFewBytes() throws IOException {
        long size = 6L << 30;
        byte[] data = "boot sector".getBytes(StandardCharsets.US_ASCII);
        CountingOut out = new CountingOut();
        try (XvaWriter w = new XvaWriter(out, Compression.NONE, ChecksumKind.XXHASH)) {
            w.writeMetadata(XvaTestData.metadata(List.of(new XvaTestData.Disk("Ref:1", size, null))));
            w.writeDisk("Ref:1", size, XvaTestData.sparse(3L << 30, data));
        }
        // Block 0, the data block, the last block: three 1 MiB blocks and their checksums, plus ova.xml.
        assertTrue(out.count < 4 * MIB, "wrote " + out.count);
        assertTrue(out.count > 3 * MIB, "wrote " + out.count);
    }

    static final class CountingOut extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    static List<String> tar(String flags, Path file) throws Exception {
        Process p = new ProcessBuilder("tar", flags, file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        return new ArrayList<>(text.lines().toList());
    }

    static void tarExtract(Path file, Path into) throws Exception {
        Process p = new ProcessBuilder("tar", "xf", file.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
    }
}
