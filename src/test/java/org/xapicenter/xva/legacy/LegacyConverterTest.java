package org.xapicenter.xva.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.xva.ChecksumKind;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.DiskSummary;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaException.Problem;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.XvaSummary;

/** Converting legacy folders to modern XVAs and reading them back with the modern reader. */
class LegacyConverterTest {
    private static final int CHUNK = 300_000;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    /** Three and a half MiB with an all-zero MiB in the middle (skipped by the writer) and a short last block. */
    private final byte[] sda = LegacyFolder.content(1, 3 * MIB + MIB / 2, MIB, 2 * MIB);
    private final byte[] sdb = LegacyFolder.content(2, 700_000, 0, 0);

    private LegacyXva open() throws IOException {
        Path dir = new LegacyFolder(tmp.resolve("legacy"), CHUNK).disk("sda", sda).disk("sdb", sdb).write();
        return LegacyXva.open(dir, CHUNK);
    }

    @Test
    void convertsToAModernXvaWithTheSameDiskBytes() throws IOException {
        for (Compression compression : Compression.values()) {
            Path target = tmp.resolve("out" + compression.suffix());
            List<Long> progress = new ArrayList<>();
            try (LegacyXva legacy = open()) {
                LegacyConverter.convert(legacy, target, compression, progress::add);
            }
            assertThat(target).exists();
            assertThat(tmp.resolve(target.getFileName() + ".part")).doesNotExist();
            assertThat(progress).isSorted().last().isEqualTo((long) sda.length + sdb.length);

            Map<String, byte[]> disks = new LinkedHashMap<>();
            XvaSummary summary;
            try (InputStream in = Files.newInputStream(target); XvaReader reader = XvaReader.open(in)) {
                assertThat(reader.compression()).isEqualTo(compression);
                assertThat(reader.metadata().vm().string("name_label")).isEqualTo("very simple Debian VM");
                summary = reader.readDisks(collect(disks), true);
            }
            assertThat(summary.verified()).isTrue();
            assertThat(summary.disks()).extracting(DiskSummary::checksumKind)
                    .containsOnly(ChecksumKind.XXHASH);
            assertThat(summary.disks()).extracting(DiskSummary::name).containsExactly("vdi_sda", "vdi_sdb");
            // sda: 4 blocks, the zero one skipped; sdb: one short block.
            assertThat(summary.disks()).extracting(DiskSummary::blocks).containsExactly(3, 1);
            assertThat(disks.values()).containsExactly(sda, sdb);
        }
    }

    @Test
    void theConverterFindsTheFolderByItsPathAndWritesAtomically() throws IOException {
        byte[] small = LegacyFolder.content(5, 2 * MIB + 17, 0, 0);
        Path dir = new LegacyFolder(tmp.resolve("real"), LegacyChunks.CHUNK_BYTES).disk("sda", small).write();
        Path target = tmp.resolve("real.xva");
        LegacyConverter.convert(dir, target, Compression.NONE);
        Map<String, byte[]> disks = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(target); XvaReader reader = XvaReader.open(in)) {
            reader.readDisks(collect(disks), true);
        }
        assertThat(disks.values()).containsExactly(small);
    }

    @Test
    void aDamagedChunkLeavesNeitherTheTargetNorAPartFile() throws IOException {
        Path dir = new LegacyFolder(tmp.resolve("legacy"), CHUNK).disk("sda", sda).disk("sdb", sdb).write();
        Path chunk = dir.resolve("sdb/chunk-000000001.gz");
        byte[] gz = Files.readAllBytes(chunk);
        Arrays.fill(gz, 100, 200, (byte) 0x42);
        Files.write(chunk, gz);
        Path target = tmp.resolve("out.xva");
        assertThatThrownBy(() -> {
            try (LegacyXva legacy = LegacyXva.open(dir, CHUNK)) {
                LegacyConverter.convert(legacy, target, Compression.GZIP, n -> {
                });
            }
        }).isInstanceOfSatisfying(XvaException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.BAD_LEGACY);
            assertThat(e.where()).isEqualTo("sdb/chunk-000000001.gz");
        });
        assertThat(target).doesNotExist();
        assertThat(tmp.resolve("out.xva.part")).doesNotExist();
    }

    /** Rebuilds every disk in memory, zeros included. */
    static DiskSink collect(Map<String, byte[]> disks) {
        return new DiskSink() {
            private byte[] current;

            @Override
            public void begin(XvaDisk disk) {
                current = new byte[Math.toIntExact(disk.virtualSize())];
                disks.put(disk.id(), current);
            }

            @Override
            public void write(long offset, byte[] data, int length) {
                System.arraycopy(data, 0, current, Math.toIntExact(offset), length);
            }
        };
    }
}
