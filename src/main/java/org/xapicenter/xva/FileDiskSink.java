package org.xapicenter.xva;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rebuilds each disk into a raw image file, sparse where the archive skipped zeros (positional writes,
 * holes left unwritten, the length set at the end). Disks are written to {@code <file>.part};
 * {@link #commit} renames them all once the whole archive has been read, {@link #close} deletes whatever
 * was not committed, so a damaged archive never leaves a file under its final name.
 */
public final class FileDiskSink implements DiskSink, Closeable {
    private final Function<XvaDisk, Path> fileFor;
    private final Map<Path, Path> parts = new LinkedHashMap<>();
    private FileChannel channel;
    private boolean committed;

    /** {@code fileFor} names the final raw image of each disk. */
    public FileDiskSink(Function<XvaDisk, Path> fileFor) {
        this.fileFor = fileFor;
    }

    /** Every disk into {@code directory}, named after its archive id ({@code Ref:3} gives {@code Ref_3.raw}). */
    public static FileDiskSink intoDirectory(Path directory) {
        return new FileDiskSink(d -> directory.resolve(d.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".raw"));
    }

    @Override
    public void begin(XvaDisk disk) throws IOException {
        Path target = fileFor.apply(disk);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        parts.put(target, part);
        channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
    }

    @Override
    public void write(long offset, byte[] data, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        long at = offset;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
    }

    @Override
    public void end(XvaDisk disk, long size) throws IOException {
        channel.close();
        channel = null;
        Path part = parts.get(fileFor.apply(disk));
        // Extending by length leaves a hole for the trailing zeros instead of writing them.
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** The final files, in disk order. */
    public List<Path> files() {
        return new ArrayList<>(parts.keySet());
    }

    /** Renames every complete part file to its final name (replacing what was there). */
    public void commit() throws IOException {
        if (channel != null) {
            throw new IllegalStateException("a disk is still being written");
        }
        for (Map.Entry<Path, Path> e : parts.entrySet()) {
            Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Deletes the part files unless {@link #commit} ran. */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (!committed) {
            for (Path part : parts.values()) {
                Files.deleteIfExists(part);
            }
        }
    }
}
