package org.xapicenter.sim.xva;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
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
    /**
     * Which MiB blocks of each imported disk were ever written: the rest are holes, which an export skips
     * without reading (Java cannot ask the file system where its holes are).
     */
    private final Map<String, BitSet> written = new ConcurrentHashMap<>();
    /** Copies of generated disks: VDI uuid to the uuid whose generator they share. */
    private final Map<String, String> generatedFrom = new ConcurrentHashMap<>();
    /** Disks being written (between create and the DiskFile's close): never dropped by retainOnly. */
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private Path directory;
    private boolean closed;

    /** The content of disk {@code uuid}, {@code size} bytes long, read by offset (zeros past its end). */
    public DiskSource source(String uuid, long size) {
        Path file = imported.get(uuid);
        if (file == null) {
            return new GeneratedDisk(generatedFrom.getOrDefault(uuid, uuid), size);
        }
        BitSet blocks = written.getOrDefault(uuid, new BitSet());
        return new DiskSource() {
            @Override
            public void read(long offset, byte[] buffer, int length) throws IOException {
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
            }

            @Override
            public boolean knownZero(long offset, int length) {
                if (length <= 0) {
                    return true;
                }
                synchronized (blocks) {
                    int next = blocks.nextSetBit((int) Math.min(Integer.MAX_VALUE, offset / COPY_BLOCK));
                    return next < 0 || next > (offset + length - 1) / COPY_BLOCK;
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
    public synchronized DiskFile create(String uuid) throws IOException {
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
        BitSet blocks = new BitSet();
        written.put(uuid, blocks);
        imported.put(uuid, file);
        open.add(uuid);
        return new DiskFile(ch, blocks, () -> open.remove(uuid));
    }

    /** A disk being filled: writes by offset, remembering which MiB blocks hold data. */
    public static final class DiskFile implements AutoCloseable {
        private final FileChannel channel;
        private final BitSet blocks;
        private final Runnable closed;

        private DiskFile(FileChannel channel, BitSet blocks, Runnable closed) {
            this.channel = channel;
            this.blocks = blocks;
            this.closed = closed;
        }

        /** Writes all of {@code data} at {@code offset}. */
        public void write(ByteBuffer data, long offset) throws IOException {
            int length = data.remaining();
            if (length == 0) {
                return;
            }
            long at = offset;
            while (data.hasRemaining()) {
                at += channel.write(data, at);
            }
            synchronized (blocks) {
                blocks.set((int) (offset / COPY_BLOCK), (int) ((offset + length - 1) / COPY_BLOCK) + 1);
            }
        }

        /** Makes the disk {@code size} bytes long (the zeros at its end take no space). */
        public void extendTo(long size) throws IOException {
            if (size > 0 && channel.size() < size) {
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                closed.run();
            }
        }
    }

    /** Disk {@code copy} holds what {@code original} holds now (VDI.copy, VM clone and copy). */
    public void copy(String original, String copy) {
        Path file = imported.get(original);
        if (file == null) {
            generatedFrom.put(copy, generatedFrom.getOrDefault(original, original));
            return;
        }
        // Only the blocks the original holds data in: a copy is as sparse as its original, and quick.
        BitSet blocks = written.getOrDefault(original, new BitSet());
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); DiskFile out = create(copy)) {
            ByteBuffer b = ByteBuffer.allocate(COPY_BLOCK);
            long size = in.size();
            BitSet snapshot;
            synchronized (blocks) {
                snapshot = (BitSet) blocks.clone();
            }
            for (int block = snapshot.nextSetBit(0); block >= 0; block = snapshot.nextSetBit(block + 1)) {
                long at = (long) block * COPY_BLOCK;
                b.clear();
                while (b.hasRemaining() && in.read(b, at + b.position()) > 0) {
                    // keep reading
                }
                b.flip();
                out.write(b, at);
            }
            out.extendTo(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Disk {@code uuid} is gone: its file is deleted. */
    public void forget(String uuid) {
        generatedFrom.remove(uuid);
        written.remove(uuid);
        Path file = imported.remove(uuid);
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A file we cannot delete goes with the directory at close.
            }
        }
    }

    /**
     * Forgets every disk whose uuid is not in {@code keep} (VDIs destroyed since), except disks being
     * written. Callers take {@code keep} under the store lock and call this under it too, so that a VDI
     * made meanwhile cannot lose its file.
     */
    public synchronized void retainOnly(Set<String> keep) {
        for (String uuid : Set.copyOf(imported.keySet())) {
            if (!keep.contains(uuid) && !open.contains(uuid)) {
                forget(uuid);
            }
        }
        generatedFrom.keySet().retainAll(keep);
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
