package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xapicenter.xva.XvaException.Problem;

/** Every kind of damage gives its own Problem and says where. */
class XvaCorruptionTest {
    private static final int MIB = XvaWriter.BLOCK_SIZE;

    private static XvaException failure(byte[] xva) {
        return assertThrows(XvaException.class, () -> XvaVerifier.verify(new ByteArrayInputStream(xva)));
    }

    private static void assertFails(Problem problem, String where, byte[] xva) {
        XvaException e = failure(xva);
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(where, e.where(), e.getMessage());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    private static byte[] block(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    /** ova.xml for one disk Ref:1 of {@code size} bytes (and Ref:2 of 1 MiB when two). */
    private static XvaMetadata meta(long size, boolean two) {
        return XvaTestData.metadata(two
                ? List.of(new XvaTestData.Disk("Ref:1", size, null), new XvaTestData.Disk("Ref:2", MIB, null))
                : List.of(new XvaTestData.Disk("Ref:1", size, null)));
    }

    private static int indexOf(byte[] hay, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }

    @Test
    void aFlippedByteInABlockNamesTheBlock() throws IOException {
        for (ChecksumKind kind : ChecksumKind.values()) {
            byte[] xva = XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:1", 3L * MIB,
                    XvaTestData.pattern(5, 3L * MIB))), Compression.NONE, kind);
            int header = indexOf(xva, "Ref:1/00000001\0");
            xva[header + 512 + 777] ^= 0x10;
            XvaException e = failure(xva);
            assertEquals(Problem.BAD_CHECKSUM, e.problem(), e.getMessage());
            assertEquals("Ref:1/00000001", e.where());
            assertTrue(e.getMessage().contains("Ref:1/00000001" + kind.suffix()), e.getMessage());
        }
    }

    @Test
    void aFlippedByteInACompressedArchiveIsCaughtToo() throws IOException {
        byte[] plain = XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:1", 2L * MIB,
                XvaTestData.pattern(5, 2L * MIB))), Compression.NONE, ChecksumKind.XXHASH);
        plain[indexOf(plain, "Ref:1/00000001\0") + 512 + 5] ^= 1;
        ByteArrayOutputStream zst = new ByteArrayOutputStream();
        try (OutputStream z = Compression.ZSTD.compress(zst)) {
            z.write(plain);
        }
        assertFails(Problem.BAD_CHECKSUM, "Ref:1/00000001", zst.toByteArray());
    }

    @Test
    void aWrongChecksumMemberIsABadChecksum() {
        byte[] b0 = block(1, MIB);
        byte[] xva = new TarBuilder().metadata(meta(MIB, false)).member("Ref:1/00000000", b0)
                .member("Ref:1/00000000.xxhash", BlockChecksum.of(ChecksumKind.XXHASH, b0, MIB).toLowerCase())
                .end();
        // xapi compares the text: lower-case hex is a mismatch there, so here too.
        assertFails(Problem.BAD_CHECKSUM, "Ref:1/00000000", xva);
    }

    @Test
    void aTruncatedFileIsTruncatedWhereverItIsCut() throws IOException {
        long size = 3L * MIB + 1000;
        byte[] xva = XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:1", size,
                XvaTestData.pattern(5, size, 1))), Compression.NONE, ChecksumKind.XXHASH);
        int ova = 512 + TarHeader.padding(0);
        int block2 = indexOf(xva, "Ref:1/00000002\0");
        int sum2 = indexOf(xva, "Ref:1/00000002.xxhash\0");
        int last = indexOf(xva, "Ref:1/00000003\0");
        int[][] cuts = {
            {100}, {ova + 10}, {block2 - 1}, {block2 + 512 + 4096}, {sum2}, {sum2 + 600}, {last}, {last + 512},
            {xva.length - 1024 - 600},
        };
        String[] where = {
            "ova.xml", "ova.xml", "Ref:1/00000000.xxhash", "Ref:1/00000002", "Ref:1/00000002",
            "Ref:1/00000002.xxhash", "Ref:1", "Ref:1/00000003", "Ref:1/00000003",
        };
        for (int i = 0; i < cuts.length; i++) {
            XvaException e = failure(Arrays.copyOf(xva, cuts[i][0]));
            assertEquals(Problem.TRUNCATED, e.problem(), "cut at " + cuts[i][0] + ": " + e.getMessage());
            assertEquals(where[i], e.where(), "cut at " + cuts[i][0] + ": " + e.getMessage());
        }
        // Every other cut point too, coarsely: always TRUNCATED, never anything else.
        for (int cut = 1; cut < xva.length - 1024; cut += xva.length / 40 + 1) {
            assertEquals(Problem.TRUNCATED, failure(Arrays.copyOf(xva, cut)).problem(), "cut at " + cut);
        }
        // Without its two end blocks but with every disk complete, an archive is whole (xapi reads no further).
        assertEquals(4, XvaVerifier.verify(new ByteArrayInputStream(Arrays.copyOf(xva, xva.length - 1024)))
                .disks().get(0).blocks() + 1);
        assertEquals(Problem.NOT_AN_XVA, failure(new byte[0]).problem());
    }

    @Test
    void truncatedCompressedArchivesAreTruncated() throws IOException {
        for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
            byte[] xva = XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:1", 2L * MIB,
                    XvaTestData.pattern(5, 2L * MIB))), c, ChecksumKind.XXHASH);
            for (int cut : new int[] {xva.length / 3, xva.length * 2 / 3, xva.length - 40}) {
                XvaException e = failure(Arrays.copyOf(xva, cut));
                assertEquals(Problem.TRUNCATED, e.problem(), c + " cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aMissingChecksumMemberNamesTheBlock() {
        byte[] xva = new TarBuilder().metadata(meta(2L * MIB, false))
                .member("Ref:1/00000000", block(1, MIB))
                .block("Ref:1/00000001", block(2, MIB)).end();
        assertFails(Problem.MISSING_CHECKSUM, "Ref:1/00000000", xva);
    }

    @Test
    void aReorderedBlockIsOutOfOrder() {
        byte[] xva = new TarBuilder().metadata(meta(3L * MIB, false))
                .block("Ref:1/00000000", block(1, MIB))
                .block("Ref:1/00000002", block(3, MIB))
                .block("Ref:1/00000001", block(2, MIB)).end();
        assertFails(Problem.BLOCK_OUT_OF_ORDER, "Ref:1/00000001", xva);
        byte[] twice = new TarBuilder().metadata(meta(3L * MIB, false))
                .block("Ref:1/00000000", block(1, MIB))
                .block("Ref:1/00000000", block(1, MIB)).end();
        assertFails(Problem.BLOCK_OUT_OF_ORDER, "Ref:1/00000000", twice);
    }

    @Test
    void disksOutOfRefOrderAreOutOfOrder() {
        byte[] swapped = new TarBuilder().metadata(meta(MIB, true))
                .block("Ref:2/00000000", block(2, MIB))
                .block("Ref:1/00000000", block(1, MIB)).end();
        assertFails(Problem.BLOCK_OUT_OF_ORDER, "Ref:2/00000000", swapped);
        byte[] back = new TarBuilder().metadata(meta(2L * MIB, true))
                .block("Ref:1/00000000", block(1, MIB))
                .block("Ref:1/00000001", block(1, MIB))
                .block("Ref:2/00000000", block(2, 1000))
                .block("Ref:1/00000002", block(1, MIB)).end();
        assertFails(Problem.BLOCK_OUT_OF_ORDER, "Ref:1/00000002", back);
    }

    @Test
    void aDiskWithoutItsLastBlockIsTruncated() {
        byte[] xva = new TarBuilder().metadata(meta(3L * MIB, true))
                .block("Ref:1/00000000", block(1, MIB))
                .block("Ref:2/00000000", block(2, MIB)).end();
        assertFails(Problem.TRUNCATED, "Ref:1", xva);
        byte[] atEnd = new TarBuilder().metadata(meta(3L * MIB, false))
                .block("Ref:1/00000000", block(1, MIB)).end();
        assertFails(Problem.TRUNCATED, "Ref:1", atEnd);
    }

    @Test
    void theFirstMemberMustBeOvaXml() {
        byte[] xva = new TarBuilder().block("Ref:1/00000000", block(1, MIB)).metadata(meta(MIB, false)).end();
        XvaException e = failure(xva);
        assertEquals(Problem.UNEXPECTED_FIRST_MEMBER, e.problem());
        assertEquals("Ref:1/00000000", e.where());
        assertTrue(e.getMessage().contains("Ref:1/00000000"), e.getMessage());
    }

    @Test
    void doctypeAndEntitiesInOvaXmlAreRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE value [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<value><struct><member><name>version</name><value>&e;</value></member></struct></value>";
        assertFails(Problem.BAD_METADATA, "ova.xml", new TarBuilder().member("ova.xml", xml).end());
        String bomb = "<!DOCTYPE v [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<value>&b;</value>";
        assertFails(Problem.BAD_METADATA, "ova.xml", new TarBuilder().member("ova.xml", bomb).end());
    }

    @Test
    void oversizedMembersAreRefusedBeforeTheyAreRead() {
        // Headers that announce more than the bounds, with nothing behind them: a reader that allocated or
        // read first would report truncation instead.
        assertFails(Problem.TOO_LARGE, "ova.xml",
                new TarBuilder().headerOnly("ova.xml", XvaMetadata.MAX_BYTES + 1).bytes());
        assertFails(Problem.TOO_LARGE, "Ref:1/00000000", new TarBuilder().metadata(meta(64L * MIB, false))
                .headerOnly("Ref:1/00000000", XvaReader.MAX_BLOCK_BYTES + 1L).bytes());
        assertFails(Problem.TOO_LARGE, "Ref:1/00000000.xxhash", new TarBuilder().metadata(meta(MIB, false))
                .member("Ref:1/00000000", block(1, MIB))
                .headerOnly("Ref:1/00000000.xxhash", 1L << 30).bytes());
    }

    @Test
    void ovaXmlIsReadUpTo16MiBNoMore() {
        // Read whole and parsed into maps: the bound must leave room in a 128 MiB heap.
        assertEquals(16L * 1024 * 1024, XvaMetadata.MAX_BYTES);
        assertFails(Problem.TOO_LARGE, "ova.xml", new TarBuilder().headerOnly("ova.xml", 16L * 1024 * 1024 + 1).bytes());
        // At the bound itself the header is accepted: the failure is the missing content, not the size.
        assertFails(Problem.TRUNCATED, "ova.xml", new TarBuilder().headerOnly("ova.xml", 16L * 1024 * 1024).bytes());
    }

    @Test
    void blocksPastTheDiskSizeAreASizeMismatch() {
        byte[] extra = new TarBuilder().metadata(meta(MIB, false))
                .block("Ref:1/00000000", block(1, MIB))
                .block("Ref:1/00000001", block(2, MIB)).end();
        assertFails(Problem.SIZE_MISMATCH, "Ref:1/00000001", extra);
        byte[] tooLong = new TarBuilder().metadata(meta(1000, false))
                .block("Ref:1/00000000", block(1, MIB)).end();
        assertFails(Problem.SIZE_MISMATCH, "Ref:1/00000000", tooLong);
        byte[] skipsPast = new TarBuilder().metadata(meta(2L * MIB, false))
                .block("Ref:1/00000000", block(1, MIB))
                .block("Ref:1/00000005", block(2, MIB)).end();
        assertFails(Problem.SIZE_MISMATCH, "Ref:1/00000005", skipsPast);
    }

    @Test
    void membersThatAreNoBlocksOfAListedDiskAreUnexpected() {
        assertFails(Problem.UNEXPECTED_MEMBER, "notes.txt", new TarBuilder().metadata(meta(MIB, false))
                .member("notes.txt", "hello").end());
        assertFails(Problem.UNEXPECTED_MEMBER, "Ref:7/00000000", new TarBuilder().metadata(meta(MIB, false))
                .block("Ref:7/00000000", block(1, MIB)).end());
        assertFails(Problem.UNEXPECTED_MEMBER, "Ref:1/00000000.xxhash", new TarBuilder().metadata(meta(MIB, false))
                .member("Ref:1/00000000.xxhash", "0000000000000000").end());
        assertFails(Problem.UNEXPECTED_MEMBER, "notes.txt", new TarBuilder().metadata(meta(MIB, false))
                .block("Ref:1/00000000", block(1, MIB)).member("notes.txt", "trailing").end());
    }

    @Test
    void somethingThatIsNoTarIsNotAnXva() {
        byte[] junk = new byte[4096];
        Arrays.fill(junk, (byte) 'x');
        assertEquals(Problem.NOT_AN_XVA, failure(junk).problem());
        byte[] gzipJunk = new byte[100];
        gzipJunk[0] = 0x1F;
        gzipJunk[1] = (byte) 0x8B;
        assertEquals(Problem.NOT_AN_XVA, failure(gzipJunk).problem());
    }

    @Test
    void tarExtensionsThatCollectDataInMemoryAreRefused() {
        for (char type : new char[] {'x', 'g', 'L', 'K', 'S', '5', '2'}) {
            byte[] ova = new TarBuilder().metadata(meta(MIB, false)).end();
            // Turn ova.xml's header into one of another type (pax, GNU long name, sparse, directory, link).
            ova[156] = (byte) type;
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (ova[i] & 0xFF);
            }
            byte[] field = String.format("%07o", sum).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(field, 0, ova, 148, 7);
            ova[155] = 0;
            assertFails(Problem.UNEXPECTED_MEMBER, "ova.xml", ova);
        }
    }
}
