package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XvaReaderTest {
    private static final long MIB = XvaWriter.BLOCK_SIZE;

    @TempDir
    Path dir;

    @Test
    void xenOrchestrasVectorVerifiesAndRebuildsTheGivenDisk() throws IOException {
        String expected = XvaTestData.xoDiskSha256();
        Sha256DiskSink sha = new Sha256DiskSink();
        XvaSummary s = XvaVerifier.verify(Files.newInputStream(XvaTestData.xoVector()), sha);
        assertEquals(Compression.NONE, s.compression());
        assertTrue(s.verified());
        assertEquals(List.of(new DiskSummary("Ref:002", "XO written demo VM disk 0", 5 * MIB, 4, 4,
                ChecksumKind.XXHASH)), s.disks());
        assertEquals(expected, sha.sha256("Ref:002"));
        assertEquals(Files.size(XvaTestData.xoVector()), s.tarBytes());
        assertEquals("XO written demo VM", s.metadata().vm().string("name_label"));
    }

    @Test
    void xenOrchestrasVectorRebuildsIntoASparseFileOnlyAfterCommit() throws IOException {
        Path target = dir.resolve("disk.raw");
        try (FileDiskSink files = new FileDiskSink(d -> target);
             XvaReader r = XvaReader.open(Files.newInputStream(XvaTestData.xoVector()))) {
            r.readDisks(files, true);
            assertTrue(Files.exists(dir.resolve("disk.raw.part")));
            assertTrue(!Files.exists(target));
            files.commit();
        }
        assertEquals(5 * MIB, Files.size(target));
        String expected = XvaTestData.xoDiskSha256();
        assertEquals(expected, sha256(Files.readAllBytes(target)));
        assertTrue(!Files.exists(dir.resolve("disk.raw.part")));
    }

    @Test
    void aDamagedArchiveLeavesNoDiskFileBehind() throws IOException {
        List<XvaTestData.Disk> disks = List.of(new XvaTestData.Disk("Ref:1", 2 * MIB, XvaTestData.pattern(1, 2 * MIB)),
                new XvaTestData.Disk("Ref:2", 2 * MIB, XvaTestData.pattern(2, 2 * MIB)));
        byte[] xva = XvaTestData.archive(disks, Compression.NONE, ChecksumKind.XXHASH);
        xva[xva.length - 1024 - 512 - 512 - 100] ^= 1; // inside Ref:2's last block
        Path out = Files.createDirectory(dir.resolve("disks"));
        XvaException e = org.junit.jupiter.api.Assertions.assertThrows(XvaException.class, () -> {
            try (FileDiskSink files = FileDiskSink.intoDirectory(out);
                 XvaReader r = XvaReader.open(new ByteArrayInputStream(xva))) {
                r.readDisks(files, true);
                files.commit();
            }
        });
        assertEquals(XvaException.Problem.BAD_CHECKSUM, e.problem());
        assertEquals("Ref:2/00000001", e.where());
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void rewritingTheVectorGivesTheSameMembersAndTheSameDisk() throws Exception {
        Path raw = dir.resolve("disk.raw");
        XvaMetadata metadata;
        try (FileDiskSink files = new FileDiskSink(d -> raw);
             XvaReader r = XvaReader.open(Files.newInputStream(XvaTestData.xoVector()))) {
            metadata = r.metadata();
            r.readDisks(files, true);
            files.commit();
        }
        Path again = dir.resolve("again.xva.gz");
        try (XvaWriter w = new XvaWriter(Files.newOutputStream(again), Compression.GZIP, ChecksumKind.XXHASH);
             FileDiskSource source = new FileDiskSource(raw)) {
            w.writeMetadata(metadata);
            for (XvaDisk d : metadata.disks()) {
                w.writeDisk(d.id(), d.virtualSize(), source);
            }
        }
        assertEquals(XvaWriterTest.tar("tf", XvaTestData.xoVector()), XvaWriterTest.tar("tzf", again));
        Sha256DiskSink sha = new Sha256DiskSink();
        XvaSummary s = XvaVerifier.verify(Files.newInputStream(again), sha);
        assertEquals(Compression.GZIP, s.compression());
        assertEquals(XvaVerifier.verify(XvaTestData.xoVector()).disks(), s.disks());
        assertEquals(XvaTestData.xoDiskSha256(),
                sha.sha256("Ref:002"));
        assertEquals(metadata.objects(), s.metadata().objects());
    }

    @Test
    void roundTripsSeveralDisksSparseAndShortWithEveryCompressionAndChecksum() throws IOException {
        long odd = 3 * MIB + 4097;
        List<XvaTestData.Disk> disks = List.of(
                new XvaTestData.Disk("Ref:10", odd, XvaTestData.pattern(1, odd, 1)),
                new XvaTestData.Disk("Ref:2", 5 * MIB, XvaTestData.pattern(2, 5 * MIB, 1, 2, 4)),
                new XvaTestData.Disk("Ref:3", 100, XvaTestData.pattern(3, 100)),
                new XvaTestData.Disk("Ref:4", 0, XvaTestData.pattern(4, 0)));
        for (Compression c : Compression.values()) {
            for (ChecksumKind k : ChecksumKind.values()) {
                byte[] xva = XvaTestData.archive(disks, c, k);
                Memory mem = new Memory();
                XvaSummary s;
                try (XvaReader r = XvaReader.open(new ByteArrayInputStream(xva))) {
                    assertEquals(c, r.compression());
                    s = r.readDisks(mem, true);
                }
                assertEquals(c, s.compression());
                assertEquals(List.of("Ref:10", "Ref:2", "Ref:3", "Ref:4"),
                        s.disks().stream().map(DiskSummary::id).toList());
                // Ref:10: blocks 0, 2, 3 (1 zero skipped); Ref:2: blocks 0, 3, 4 (4 is last, zero but kept).
                assertEquals(List.of(3, 3, 1, 0), s.disks().stream().map(DiskSummary::blocks).toList());
                assertEquals(List.of(3, 3, 1, 0), s.disks().stream().map(DiskSummary::checksumsVerified).toList());
                assertEquals(k, s.disks().get(0).checksumKind());
                assertNull(s.disks().get(3).checksumKind());
                for (int i = 0; i < disks.size(); i++) {
                    XvaTestData.Disk d = disks.get(i);
                    assertArrayEquals(d.content().all(d.size()), mem.disks.get(i), c + " " + k + " " + d.id());
                }
            }
        }
    }

    @Test
    void keepAliveBlocksTakeANumberButNoSpace() throws IOException {
        long size = 6 * MIB;
        XvaTestData.Content content = XvaTestData.pattern(9, size, 1, 2, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XvaWriter w = new XvaWriter(out, Compression.NONE, ChecksumKind.XXHASH).keepAliveAfter(Duration.ZERO)) {
            w.writeMetadata(XvaTestData.metadata(List.of(new XvaTestData.Disk("Ref:1", size, content))));
            w.writeDisk("Ref:1", size, content);
        }
        Memory mem = new Memory();
        XvaSummary s;
        try (XvaReader r = XvaReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            s = r.readDisks(mem, true);
        }
        assertArrayEquals(content.all(size), mem.disks.get(0));
        // With the idle limit at zero every block but the first and last is preceded by a keep-alive: the
        // last block's number is then beyond size / 1 MiB, and only the running offset puts it right.
        assertTrue(s.disks().get(0).blocks() > 3, "blocks " + s.disks().get(0).blocks());
        List<String> empty = new ArrayList<>();
        String last = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (!e.getName().contains(".") && e.getSize() == 0) {
                    empty.add(e.getName());
                }
                if (!e.getName().contains(".")) {
                    last = e.getName();
                }
            }
        }
        // Offsets 1-3 MiB are zero: each gets a keep-alive, then is skipped under the next number; offset 4 MiB
        // gets a keep-alive and goes out as number 8, the last MiB as number 9.
        assertEquals(List.of("Ref:1/00000001", "Ref:1/00000003", "Ref:1/00000005", "Ref:1/00000007"), empty);
        assertEquals("Ref:1/00000009", last);
    }

    @Test
    void aMultiGibSparseDiskRoundTripsMovingFewBytes() throws IOException {
        long size = 5L << 30;
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        long at = (2L << 30) + 12345;
        XvaTestData.Content content = XvaTestData.sparse(at, data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XvaWriter w = new XvaWriter(out, Compression.ZSTD, ChecksumKind.XXHASH)) {
            w.writeMetadata(XvaTestData.metadata(List.of(new XvaTestData.Disk("Ref:1", size, content))));
            w.writeDisk("Ref:1", size, content);
        }
        assertTrue(out.size() < 1_000_000, "compressed " + out.size());
        List<long[]> writes = new ArrayList<>();
        byte[][] middle = new byte[1][];
        XvaSummary s;
        try (XvaReader r = XvaReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            s = r.readDisks(new DiskSink() {
                @Override
                public void write(long offset, byte[] b, int length) {
                    writes.add(new long[] {offset, length});
                    if (offset == (2L << 30)) {
                        middle[0] = java.util.Arrays.copyOf(b, length);
                    }
                }
            }, true);
        }
        assertEquals(3, s.disks().get(0).blocks());
        assertEquals(List.of(0L, 2L << 30, size - MIB), writes.stream().map(w -> w[0]).toList());
        assertEquals(data[0], middle[0][12345]);
        assertEquals(data[2999], middle[0][12345 + 2999]);
        assertTrue(s.tarBytes() < 4 * MIB);
    }

    @Test
    void checksumsCanBeSkippedLikeXapisForce() throws IOException {
        byte[] xva = XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:1", MIB, XvaTestData.pattern(1, MIB))),
                Compression.NONE, ChecksumKind.XXHASH);
        xva[2048 + 1000] ^= 1; // inside block 0 (ova.xml is under 1.5 KiB: header + 3 blocks)
        try (XvaReader r = XvaReader.open(new ByteArrayInputStream(xva))) {
            XvaSummary s = r.readDisks(DiskSink.DISCARD, false);
            assertTrue(!s.verified());
            assertEquals(0, s.disks().get(0).checksumsVerified());
        }
    }

    @Test
    void skippedBlocksCountAsLongAsTheArchivesFirstBlockAsInXapisImport() throws IOException {
        // xapi's recv_all: offset += (skipped numbers) * (length of the archive's first block) + this length.
        // After a 100-byte first disk, Ref:2's block 2 therefore lands at 1 MiB + 100, not at 2 MiB.
        XvaMetadata m = XvaTestData.metadata(List.of(new XvaTestData.Disk("Ref:1", 100, null),
                new XvaTestData.Disk("Ref:2", 2 * MIB + 100, null)));
        byte[] xva = new TarBuilder().metadata(m)
                .block("Ref:1/00000000", new byte[100])
                .block("Ref:2/00000000", new byte[(int) MIB])
                .block("Ref:2/00000002", new byte[(int) MIB]).end();
        List<String> writes = new ArrayList<>();
        try (XvaReader r = XvaReader.open(new ByteArrayInputStream(xva))) {
            r.readDisks(new DiskSink() {
                @Override
                public void begin(XvaDisk disk) {
                    writes.add(disk.id());
                }

                @Override
                public void write(long offset, byte[] data, int length) {
                    writes.add(offset + "+" + length);
                }
            }, true);
        }
        assertEquals(List.of("Ref:1", "0+100", "Ref:2", "0+" + MIB, (MIB + 100) + "+" + MIB), writes);
    }

    @Test
    void afterAShortFirstBlockTheWriterSkipsNothingSoXapiRebuildsLaterDisksRight() throws IOException {
        List<XvaTestData.Disk> disks = List.of(
                new XvaTestData.Disk("Ref:1", 100, XvaTestData.pattern(1, 100)),
                new XvaTestData.Disk("Ref:2", 4 * MIB, XvaTestData.pattern(2, 4 * MIB, 1, 2)));
        byte[] xva = XvaTestData.archive(disks, Compression.NONE, ChecksumKind.XXHASH);
        Memory mem = new Memory();
        XvaSummary s;
        try (XvaReader r = XvaReader.open(new ByteArrayInputStream(xva))) {
            s = r.readDisks(mem, true);
        }
        assertEquals(List.of(1, 4), s.disks().stream().map(DiskSummary::blocks).toList());
        assertArrayEquals(disks.get(1).content().all(4 * MIB), mem.disks.get(1));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rebuilds small disks in memory, checking that offsets only grow. */
    static final class Memory implements DiskSink {
        final List<byte[]> disks = new ArrayList<>();
        private byte[] current;
        private long position;

        @Override
        public void begin(XvaDisk disk) {
            current = new byte[Math.toIntExact(disk.virtualSize())];
            position = 0;
        }

        @Override
        public void write(long offset, byte[] data, int length) {
            assertTrue(offset >= position, "offset " + offset + " before " + position);
            System.arraycopy(data, 0, current, (int) offset, length);
            position = offset + length;
        }

        @Override
        public void end(XvaDisk disk, long size) {
            assertEquals(disk.virtualSize(), size);
            disks.add(current);
        }
    }
}
