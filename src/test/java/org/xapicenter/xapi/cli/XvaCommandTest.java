package org.xapicenter.xapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.testing.Vectors;

/** {@code xva verify|inspect|convert} on the real vector, damaged copies of it and legacy folders. */
class XvaCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return XvaCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    static Path vector() {
        return Vectors.xva("xo-written-5MiB.xva");
    }

    @Test
    void verifyPassesOnTheRealVectorAndPrintsTheVmAndItsBlocks() {
        assertThat(run("verify", vector().toString())).isEqualTo(0);
        assertThat(out()).contains("VM: XO written demo VM", "Compression: none",
                "Ref:002  \"XO written demo VM disk 0\"    5.00 MiB (5242880 bytes), 4 blocks, 4 xxhash checksums verified",
                "Checksums: xxhash, all 4 match", "OK: xo-written-5MiB.xva is intact");
        // The progress goes to stderr (plain lines here: no terminal), ending with the summary line.
        assertThat(err()).contains("Verifying [========================] 100%").doesNotContain("\r");
    }

    @Test
    void verifyFailsWithTheProblemAndWhereOnAFlippedByte() throws IOException {
        byte[] xva = Files.readAllBytes(vector());
        long offset = firstBlockDataOffset(xva);
        xva[(int) offset + 100] ^= 1;
        Path bad = Files.write(tmp.resolve("flipped.xva"), xva);
        assertThat(run("verify", bad.toString())).isEqualTo(1);
        assertThat(err()).contains("xva verify: ").contains("Ref:002/00000000");
        assertThat(out()).doesNotContain("OK:");
    }

    @Test
    void verifyFailsOnATruncatedFile() throws IOException {
        byte[] xva = Files.readAllBytes(vector());
        Path cut = Files.write(tmp.resolve("cut.xva"), Arrays.copyOf(xva, xva.length / 2));
        assertThat(run("verify", cut.toString())).isEqualTo(1);
        assertThat(err()).contains("xva verify: ");
    }

    @Test
    void verifyReadsCompressedFilesToo() throws IOException {
        Path gz = tmp.resolve("v.xva.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(vector(), o);
        }
        assertThat(run("verify", gz.toString())).isEqualTo(0);
        assertThat(out()).contains("Compression: gzip", "all 4 match");
    }

    @Test
    void inspectPrintsTheMetadataOnly() {
        assertThat(run("inspect", vector().toString())).isEqualTo(0);
        assertThat(out()).contains("VM: XO written demo VM", "Memory: 512 MiB", "VCPUs: 2",
                "Ref:002  \"XO written demo VM disk 0\"    5.00 MiB (5242880 bytes), device 1");
        assertThat(err()).isEmpty();
    }

    @Test
    void convertWritesAModernXvaThatVerifies() throws IOException {
        Path legacy = legacyFolder();
        Path target = tmp.resolve("converted.xva.zst");
        assertThat(run("convert", legacy.toString(), target.toString(), "--compress", "zstd")).isEqualTo(0);
        assertThat(out()).startsWith("Wrote " + target + ": VM \"old VM\", 1 disk, ").contains("(zstd)");
        assertThat(err()).contains("Converting [========================] 100%");
        assertThat(run("verify", target.toString())).isEqualTo(0);
        assertThat(out()).contains("VM: old VM", "Compression: zstd", "2.00 MiB (2097152 bytes), 2 blocks");

        // Never over an existing file.
        assertThat(run("convert", legacy.toString(), target.toString())).isEqualTo(3);
        assertThat(err()).contains("exists; remove it or choose another name");
    }

    @Test
    void verifyAndInspectTakeALegacyFolder() throws IOException {
        Path legacy = legacyFolder();
        assertThat(run("inspect", legacy.toString())).isEqualTo(0);
        assertThat(out()).contains("Format: legacy XVA folder (appliance version 0.1)", "VM: old VM",
                "\"vdi_hda\"", "2.00 MiB (2097152 bytes), device 0");
        assertThat(run("verify", legacy.toString())).isEqualTo(0);
        assertThat(out()).contains("OK: legacy is an intact legacy XVA");
        assertThat(run("inspect", legacy.resolve("ova.xml").toString())).isEqualTo(0);
        assertThat(out()).contains("VM: old VM");
        Files.delete(legacy.resolve("hda/chunk-000000000.gz"));
        assertThat(run("verify", legacy.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("xva verify: hda/chunk-000000000.gz is missing: disk \"vdi_hda\" of 2097152 bytes"
                + " needs 1 chunk of 1000000000 bytes" + System.lineSeparator());
    }

    @Test
    void usageErrorsExitWithTwoAndMissingFilesWithThree() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("verify")).isEqualTo(2);
        assertThat(run("verify", "a", "b")).isEqualTo(2);
        assertThat(run("convert", "a")).isEqualTo(2);
        assertThat(run("convert", "a", "b", "--compress", "lz4")).isEqualTo(2);
        assertThat(err()).contains("--compress takes gzip, zstd or none, not lz4", "usage: xva verify FILE");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("verify", tmp.resolve("nothing.xva").toString())).isEqualTo(3);
        assertThat(err()).contains("Cannot read " + tmp.resolve("nothing.xva") + ": no such file or folder.")
                .doesNotContain("Exception");
        assertThat(run("--help")).isEqualTo(0);
    }

    private int runReadingThrough(XvaCommand.Opener opener, String... args) {
        outBytes.reset();
        errBytes.reset();
        return XvaCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), opener);
    }

    /** The vector's bytes, then {@code failure} from inside the first disk block, as a failing disk gives. */
    private static XvaCommand.Opener failingInsideABlock(IOException failure) {
        return file -> {
            byte[] xva = Files.readAllBytes(file);
            long failAt = firstBlockDataOffset(xva) + 1000;
            return new java.io.InputStream() {
                private int at;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (at >= failAt) {
                        throw failure;
                    }
                    int n = (int) Math.min(len, failAt - at);
                    System.arraycopy(xva, at, b, off, n);
                    at += n;
                    return n;
                }
            };
        };
    }

    @Test
    void aReadErrorInsideABlockIsAnIoErrorNotDamage() {
        Path v = vector();
        assertThat(runReadingThrough(failingInsideABlock(new IOException("Input/output error")), "verify", v.toString()))
                .isEqualTo(3);
        assertThat(err()).contains("xva verify: Cannot read " + v + ": input/output error.");
        assertThat(err()).doesNotContain("damaged", "ends", "Exception");
        assertThat(out()).contains("VM: XO written demo VM").doesNotContain("OK:");
    }

    @Test
    void anInterruptedReadIsAnIoErrorToo() {
        Path v = vector();
        assertThat(runReadingThrough(failingInsideABlock(new java.io.InterruptedIOException()), "verify",
                v.toString())).isEqualTo(3);
        assertThat(err()).contains("xva verify: Cannot read " + v + ": interrupted.").doesNotContain("Exception");
    }

    @Test
    void failuresAreOneSentenceWithoutClassNames() {
        Path v = vector();
        assertThat(runReadingThrough(f -> {
            throw new java.nio.file.AccessDeniedException(f.toString());
        }, "verify", v.toString())).isEqualTo(3);
        assertThat(err()).isEqualTo("xva verify: Cannot read " + v + ": permission denied." + System.lineSeparator());
        assertThat(runReadingThrough(f -> {
            throw new java.nio.file.FileSystemException(f.toString(), null, "Is a directory");
        }, "verify", v.toString())).isEqualTo(3);
        assertThat(err()).isEqualTo("xva verify: Cannot read " + v + ": is a directory." + System.lineSeparator());
    }

    @Test
    void aRealDeviceErrorExitsWithThree() {
        // Reading /proc/self/mem at offset 0 fails with EIO on Linux: a real I/O error, no stand-in.
        Path mem = Path.of("/proc/self/mem");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(mem), "needs Linux /proc");
        assertThat(run("verify", mem.toString())).isEqualTo(3);
        assertThat(err()).contains("xva verify: Cannot read /proc/self/mem: ").doesNotContain("Exception");
    }

    /** A one-disk legacy folder in the real format (a single chunk-000000000.gz), HVM, 2 MiB of data. */
    private Path legacyFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("legacy"));
        byte[] disk = new byte[2 * 1024 * 1024];
        for (int i = 0; i < disk.length; i++) {
            disk[i] = (byte) (i * 31 + (i >> 11));
        }
        Files.createDirectories(dir.resolve("hda"));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("hda/chunk-000000000.gz")))) {
            o.write(disk);
        }
        Files.writeString(dir.resolve("ova.xml"), "<?xml version=\"1.0\"?>\n<appliance version=\"0.1\"><vm name=\"vm\">"
                + "<label>old VM</label><shortdesc></shortdesc><config mem_set=\"268435456\" vcpus=\"1\"/>"
                + "<hacks is_hvm=\"true\"/><vbd device=\"hda\" function=\"root\" mode=\"w\" vdi=\"vdi_hda\"/></vm>"
                + "<vdi name=\"vdi_hda\" size=\"2097152\" source=\"file://hda\" type=\"dir-gzipped-chunks\""
                + " variety=\"system\"/></appliance>");
        return dir;
    }

    /** Where the first disk block's data starts in the (uncompressed) vector: walks the tar headers. */
    private static long firstBlockDataOffset(byte[] tar) {
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = new String(tar, at, 100, StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            if (name.matches("Ref:\\d+/\\d{8}") && size > 200) {
                return at + 512;
            }
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        throw new AssertionError("no block in the vector");
    }
}
