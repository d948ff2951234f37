package org.xapicenter.xva;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rebuilds each disk into a raw image file, sparse where the archive skipped zeros (positional writes,
 * holes left unwritten, the length set at the end). A test helper. Disks are written through {@link PartFile};
 * {@link #commit} renames them all once the whole archive has been read, {@link #close} deletes whatever
 * was not committed, so a damaged archive never leaves a file under its final name.
 */
public final class FileDiskSink implements DiskSink, Closeable {
    private final Function<XvaDisk, Path> fileFor;
    private final Map<Path, PartFile> parts = new LinkedHashMap<>();
    private PartFile current;

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
        PartFile earlier = parts.remove(target);
        if (earlier != null) {
            earlier.abort();
        }
        current = PartFile.create(target);
        parts.put(target, current);
    }

    @Override
    public void write(long offset, byte[] data, int length) throws IOException {
        FileChannel channel = current.channel();
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        long at = offset;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
    }

    @Override
    public void end(XvaDisk disk, long size) throws IOException {
        // Extending by length leaves a hole for the trailing zeros instead of writing them.
        current.setLength(size);
        current.finish(); // one disk open at a time, however many the archive has
        current = null;
    }

    /** The final files, in disk order. */
    public List<Path> files() {
        return new ArrayList<>(parts.keySet());
    }

    /** Renames every complete part file to its final name (replacing what was there). */
    public void commit() throws IOException {
        if (current != null) {
            throw new IllegalStateException("a disk is still being written");
        }
        for (PartFile part : parts.values()) {
            part.commit();
        }
    }

    /** Deletes the part files not committed. */
    @Override
    public void close() throws IOException {
        current = null;
        IOException first = null;
        for (PartFile part : parts.values()) {
            try {
                part.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
