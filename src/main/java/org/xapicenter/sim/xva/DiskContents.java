package org.xapicenter.sim.xva;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.xapicenter.xva.DiskSource;

/**
 * What the simulated disks hold, by VDI uuid. A disk nobody wrote holds what {@link GeneratedDisk} makes
 * from its uuid (a boot sector and a few "filesystem" MiB, zeros elsewhere); a disk filled by an import
 * holds the bytes imported, kept in a sparse file of its own under a temporary directory, so that a
 * multi-GiB import costs the heap nothing and a later export gives the bytes back exactly. A copy of a
 * disk (clone, copy) holds what the original holds. {@link #close} deletes the directory.
 */
public final class DiskContents implements AutoCloseable {
    private static final int COPY_BLOCK = 1024 * 1024;

    /** Imported disks: VDI uuid to its sparse file. */
    private final Map<String, Path> imported = new ConcurrentHashMap<>();
    /** Copies of generated disks: VDI uuid to the uuid whose generator they share. */
    private final Map<String, String> generatedFrom = new ConcurrentHashMap<>();
    private Path directory;
    private boolean closed;

    /** The content of disk {@code uuid}, {@code size} bytes long, read by offset (zeros past its end). */
    public DiskSource source(String uuid, long size) {
        Path file = imported.get(uuid);
        if (file == null) {
            return new GeneratedDisk(generatedFrom.getOrDefault(uuid, uuid), size);
        }
        return (offset, buffer, length) -> {
            Arrays.fill(buffer, 0, length, (byte) 0);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
                long at = offset;
                while (b.hasRemaining()) {
                    int n = ch.read(b, at);
                    if (n < 0) {
                        break;
                    }
                    at += n;
                }
            }
        };
    }

    /** Whether disk {@code uuid} holds imported bytes (rather than generated ones). */
    public boolean isImported(String uuid) {
        return imported.containsKey(uuid);
    }

    /**
     * A new, empty (all-zero) sparse file for disk {@code uuid}, replacing what it held; the disk holds
     * what is written to it from now on.
     */
    public synchronized FileChannel create(String uuid) throws IOException {
        if (closed) {
            throw new IOException("the simulator is shutting down");
        }
        if (directory == null) {
            directory = Files.createTempDirectory("xapi-sim-disks-");
        }
        Path file = directory.resolve(uuid + ".img");
        forget(uuid);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE);
        imported.put(uuid, file);
        return ch;
    }

    /** Disk {@code copy} holds what {@code original} holds now (VDI.copy, VM clone and copy). */
    public void copy(String original, String copy) {
        Path file = imported.get(original);
        if (file == null) {
            generatedFrom.put(copy, generatedFrom.getOrDefault(original, original));
            return;
        }
        // Block by block, zeros skipped: a copy stays as sparse as its original.
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); FileChannel out = create(copy)) {
            ByteBuffer b = ByteBuffer.allocate(COPY_BLOCK);
            long size = in.size();
            for (long at = 0; at < size; at += COPY_BLOCK) {
                b.clear();
                while (b.hasRemaining() && in.read(b, at + b.position()) > 0) {
                    // keep reading
                }
                b.flip();
                if (!allZero(b)) {
                    out.write(b, at);
                }
            }
            if (size > 0 && out.size() < size) {
                out.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Disk {@code uuid} is gone: its file is deleted. */
    public void forget(String uuid) {
        generatedFrom.remove(uuid);
        Path file = imported.remove(uuid);
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A file we cannot delete goes with the directory at close.
            }
        }
    }

    /** Forgets every disk whose uuid is not in {@code live} (VDIs destroyed since). */
    public void retainOnly(Set<String> live) {
        for (String uuid : Set.copyOf(imported.keySet())) {
            if (!live.contains(uuid)) {
                forget(uuid);
            }
        }
        generatedFrom.keySet().retainAll(live);
    }

    private static boolean allZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        imported.clear();
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // Best effort: the temporary directory is the system's to clean otherwise.
            }
        }
    }
}
