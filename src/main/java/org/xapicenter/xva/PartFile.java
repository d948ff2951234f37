package org.xapicenter.xva;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under {@code <name>.part} and given its final name only once complete, so that nobody
 * (a user, a backup, a second import) ever sees half a file under that name. The one place that rule is
 * implemented: export, legacy conversion and disk extraction all write through it.
 *
 * <p>Use: {@link #create}, write through {@link #channel()} or {@link #outputStream()}, then {@link #commit}
 * (flush to disk, then rename in one step); {@link #close} deletes the part file unless committed, so a
 * try-with-resources block cleans up after any failure or cancel.
 */
public final class PartFile implements Closeable {
    private final Path target;
    private final Path part;
    private FileChannel channel;
    private boolean committed;

    private PartFile(Path target, Path part, FileChannel channel) {
        this.target = target;
        this.part = part;
        this.channel = channel;
    }

    /** The part file name used for {@code target}: {@code <name>.part} in the same folder. */
    public static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** Creates (replacing any leftover of an earlier attempt) the empty part file of {@code target}. */
    public static PartFile create(Path target) throws IOException {
        Path part = partOf(target);
        Files.deleteIfExists(part); // a leftover of a crashed run: CREATE_NEW below then refuses a planted link
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.SPARSE);
        return new PartFile(target, part, channel);
    }

    /** The final name. */
    public Path target() {
        return target;
    }

    /** The name the bytes have until {@link #commit}. */
    public Path path() {
        return part;
    }

    /** The open part file, for positional (sparse) writes. */
    public FileChannel channel() throws IOException {
        if (channel == null) {
            throw new IOException(part + " is no longer open for writing.");
        }
        return channel;
    }

    /**
     * A stream appending at the channel's position. Closing it only flushes: the file stays open until
     * {@link #finish}, {@link #commit} or {@link #close}, so a wrapping buffered or compressing stream may be
     * closed first to end its output.
     */
    public OutputStream outputStream() throws IOException {
        FileChannel ch = channel();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        };
    }

    /** Sets the length, extending with a hole (trailing zeros of a sparse disk cost no space). */
    public void setLength(long length) throws IOException {
        channel();
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    /**
     * Flushes the bytes to the device and closes the file; no more writes. Lets a caller holding several
     * part files (one per disk) keep only one open at a time. {@link #commit} does it if not done yet.
     */
    public void finish() throws IOException {
        if (channel != null) {
            try (FileChannel ch = channel) {
                ch.force(true);
            } finally {
                channel = null;
            }
        }
    }

    /**
     * Gives the complete file its final name, replacing what was there: {@link #finish} (so a crash after
     * the rename cannot leave a named file with missing bytes), then an atomic rename where the file system
     * has one.
     */
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        finish();
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        syncFolder();
    }

    /** Closes and deletes the part file (nothing under the final name is touched). No-op once committed. */
    public void abort() throws IOException {
        if (committed) {
            return;
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            channel = null;
            Files.deleteIfExists(part);
        }
    }

    /** True once {@link #commit} has succeeded. */
    public boolean committed() {
        return committed;
    }

    /** {@link #abort} unless committed. */
    @Override
    public void close() throws IOException {
        abort();
    }

    /** Makes the rename itself durable; some systems cannot open a folder, which only costs durability. */
    private void syncFolder() {
        Path folder = target.toAbsolutePath().getParent();
        if (folder == null) {
            return;
        }
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            // not possible here (Windows, some network file systems): the file itself is already synced
        }
    }
}
