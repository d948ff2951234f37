package org.xapicenter.xva.legacy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.xapicenter.xva.ChecksumKind;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.PartFile;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaWriter;

/**
 * Rewrites a legacy XVA directory as a modern XVA file that current hosts import: the metadata of
 * {@link LegacyXva#metadata()}, each disk in 1 MiB blocks with XXH64 checksums (all-zero blocks skipped,
 * as xapi does). Nothing appears under the target's name until the file is complete: it is written as
 * {@code <target>.part} and renamed at the end; the part file is deleted on any failure.
 */
public final class LegacyConverter {
    private static final int OUTPUT_BUFFER = 1024 * 1024;

    private LegacyConverter() {
    }

    /** Writes {@code target} (atomically: a {@code .part} file renamed on success) from {@code legacyDirectory}. */
    public static void convert(Path legacyDirectory, Path target, Compression compression) throws IOException {
        convert(legacyDirectory, target, compression, done -> {
        });
    }

    /**
     * As {@link #convert(Path, Path, Compression)}, telling {@code rawBytesRead} how many raw disk bytes have
     * been read so far (out of {@link LegacyXva#totalBytes()}), from this thread, once per block.
     */
    public static void convert(Path legacyDirectory, Path target, Compression compression, LongConsumer rawBytesRead)
            throws IOException {
        try (LegacyXva legacy = LegacyXva.open(legacyDirectory)) {
            convert(legacy, target, compression, rawBytesRead);
        }
    }

    /** Writes {@code legacy}, already opened (and shown to the user, say), to {@code target}; does not close it. */
    public static void convert(LegacyXva legacy, Path target, Compression compression, LongConsumer rawBytesRead)
            throws IOException {
        try (PartFile part = PartFile.create(target)) {
            try (OutputStream file = new BufferedOutputStream(part.outputStream(), OUTPUT_BUFFER);
                 XvaWriter writer = new XvaWriter(file, compression, ChecksumKind.XXHASH)) {
                writer.writeMetadata(legacy.metadata());
                long[] before = {0};
                for (XvaDisk disk : legacy.disks()) {
                    DiskSource source = legacy.source(disk);
                    long base = before[0];
                    writer.writeDisk(disk.id(), disk.virtualSize(), (offset, buffer, length) -> {
                        source.read(offset, buffer, length);
                        rawBytesRead.accept(base + Math.min(disk.virtualSize(), offset + length));
                    });
                    before[0] += disk.virtualSize();
                }
            }
            part.commit();
        }
    }
}
