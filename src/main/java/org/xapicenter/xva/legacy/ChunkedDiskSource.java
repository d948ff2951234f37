package org.xapicenter.xva.legacy;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaException.Problem;

/**
 * A legacy disk read from its gzip chunks, inflating one chunk at a time. Reading forward is cheap (the
 * open chunk just goes on); reading backwards reopens the chunk and inflates up to the offset again, which
 * a front-to-back writer never does. Each chunk must inflate to exactly its length: a short or long chunk,
 * or damaged gzip data, is a {@link Problem#BAD_LEGACY} naming the chunk file.
 */
final class ChunkedDiskSource implements DiskSource, Closeable {
    private static final int INFLATE_BUFFER = 256 * 1024;

    private final String folder;
    private final List<Path> chunks;
    private final long size;
    private final long chunkSize;

    private InputStream current;
    private int currentIndex = -1;
    /** Inflated bytes of the current chunk already read. */
    private long position;

    ChunkedDiskSource(String folder, List<Path> chunks, long size, long chunkSize) {
        this.folder = folder;
        this.chunks = List.copyOf(chunks);
        this.size = size;
        this.chunkSize = chunkSize;
    }

    @Override
    public synchronized void read(long offset, byte[] buffer, int length) throws IOException {
        if (offset < 0 || length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        int done = 0;
        while (done < length) {
            long at = offset + done;
            if (at >= size) {
                Arrays.fill(buffer, done, length, (byte) 0);
                return;
            }
            int index = (int) (at / chunkSize);
            long inChunk = at - index * chunkSize;
            seek(index, inChunk);
            long chunkLength = LegacyChunks.length(index, size, chunkSize);
            int want = (int) Math.min(length - done, chunkLength - inChunk);
            int got = readFully(buffer, done, want);
            if (got < want) {
                throw bad(index, "ends after " + (position + got) + " bytes once uncompressed; it must hold "
                        + chunkLength, null);
            }
            position += got;
            done += got;
            if (position == chunkLength) {
                finishChunk(index);
            }
        }
    }

    /** Positions the stream at {@code inChunk} of chunk {@code index}, reopening it only to go backwards. */
    private void seek(int index, long inChunk) throws IOException {
        if (index != currentIndex || inChunk < position || current == null) {
            closeCurrent();
            current = open(index);
            currentIndex = index;
            position = 0;
        }
        long skip = inChunk - position;
        if (skip > 0) {
            try {
                current.skipNBytes(skip);
            } catch (EOFException e) {
                throw bad(index, "ends before byte " + inChunk + " once uncompressed", e);
            } catch (ZipException e) {
                throw bad(index, "is damaged: " + e.getMessage(), e);
            }
            position = inChunk;
        }
    }

    private int readFully(byte[] buffer, int off, int len) throws IOException {
        try {
            return current.readNBytes(buffer, off, len);
        } catch (EOFException e) {
            throw bad(currentIndex, "ends in the middle of its compressed data", e);
        } catch (ZipException e) {
            throw bad(currentIndex, "is damaged: " + e.getMessage(), e);
        }
    }

    /** The chunk must end where its length says: more data means the disk is not what ova.xml describes. */
    private void finishChunk(int index) throws IOException {
        int extra;
        try {
            extra = current.read();
        } catch (EOFException e) {
            throw bad(index, "ends in the middle of its compressed data", e);
        } catch (ZipException e) {
            throw bad(index, "is damaged: " + e.getMessage(), e);
        }
        if (extra >= 0) {
            throw bad(index, "holds more than " + LegacyChunks.length(index, size, chunkSize)
                    + " bytes once uncompressed", null);
        }
        closeCurrent();
    }

    private InputStream open(int index) throws IOException {
        InputStream file = Files.newInputStream(chunks.get(index));
        try {
            return new GZIPInputStream(new BufferedInputStream(file, INFLATE_BUFFER), INFLATE_BUFFER);
        } catch (IOException e) {
            file.close();
            throw bad(index, "is not a readable gzip file: " + e.getMessage(), e);
        }
    }

    private XvaException bad(int index, String what, Throwable cause) {
        String where = folder + "/" + chunks.get(index).getFileName();
        return new XvaException(Problem.BAD_LEGACY, where, where + " " + what, cause);
    }

    private void closeCurrent() throws IOException {
        InputStream c = current;
        current = null;
        currentIndex = -1;
        position = 0;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeCurrent();
    }
}
