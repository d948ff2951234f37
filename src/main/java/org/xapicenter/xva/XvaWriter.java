package org.xapicenter.xva;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes an XVA as xapi does: ova.xml first, then each disk in 1 MiB blocks {@code Ref:N/%08d}, all-zero
 * blocks skipped except the first and the last, each block followed by its checksum member.
 * {@link #close} ends the tar (and the compression frame) and closes {@code out}.
 *
 * <p>Tar headers are xapi's (pre-POSIX, mode 0400, owner 0, blocks dated 1970, ova.xml dated now), the
 * archive ends with two zero blocks. With {@link #keepAliveAfter} set, a long run of skipped zero blocks
 * is interrupted by a zero-length block, which, as in xapi, takes the next block number without moving
 * the disk offset (readers use the running offset, not the block number). One deliberate difference from
 * xapi: if the archive's first block is short (the first disk is under 1 MiB), later zero blocks are
 * written rather than skipped, because xapi's import would count each skipped block as that short length.
 */
public final class XvaWriter implements Closeable {
    public static final int BLOCK_SIZE = 1024 * 1024;

    private static final byte[] ZEROS = new byte[BLOCK_SIZE];

    private final OutputStream out;
    private final ChecksumKind checksums;
    private final byte[] buffer = new byte[BLOCK_SIZE];
    private long metadataTime = Instant.now().getEpochSecond();
    private Duration keepAlive;
    private long lastOutput = System.nanoTime();
    private boolean metadataWritten;
    private String lastDisk;
    private boolean failed;
    private boolean closed;
    private long tarBytes;
    private long firstBlockLength = -1;

    public XvaWriter(OutputStream out, Compression compression, ChecksumKind checksums) throws IOException {
        this.out = new BufferedOutputStream(compression.compress(out), 256 * 1024);
        this.checksums = checksums;
    }

    /** ova.xml's modification time in epoch seconds (default: when the writer was made), for reproducible files. */
    public XvaWriter metadataTime(long epochSeconds) {
        this.metadataTime = epochSeconds;
        return this;
    }

    /**
     * After {@code idle} without output, write a zero-length block (as xapi does after 5 s) so that firewalls
     * do not drop an export that is crossing a long run of zeros. Null (the default) never does.
     */
    public XvaWriter keepAliveAfter(Duration idle) {
        this.keepAlive = idle;
        return this;
    }

    public void writeMetadata(XvaMetadata metadata) throws IOException {
        if (metadataWritten) {
            throw new IllegalStateException("ova.xml is already written");
        }
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        metadata.write(xml);
        byte[] bytes = xml.toByteArray();
        guarded(() -> member("ova.xml", bytes, bytes.length, metadataTime));
        metadataWritten = true;
    }

    /** Writes disk {@code id} ({@code Ref:N}) of {@code size} bytes read from {@code source}; disks in Ref:N string order. */
    public void writeDisk(String id, long size, DiskSource source) throws IOException {
        if (!metadataWritten) {
            throw new IllegalStateException("ova.xml must come first");
        }
        if (lastDisk != null && id.compareTo(lastDisk) <= 0) {
            throw new IllegalArgumentException("disk " + id + " after " + lastDisk + ": disks go in Ref:N string order");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative disk size " + size);
        }
        lastDisk = id;
        guarded(() -> streamDisk(id, size, source));
    }

    private void streamDisk(String id, long size, DiskSource source) throws IOException {
        long offset = 0;
        int blockNumber = 0;
        boolean justKeptAlive = false;
        while (offset < size) {
            int length = (int) Math.min(BLOCK_SIZE, size - offset);
            boolean firstOrLast = blockNumber == 0 || length == size - offset;
            if (!firstOrLast && !justKeptAlive && keepAlive != null
                    && System.nanoTime() - lastOutput >= keepAlive.toNanos()) {
                // xapi's keep-alive: an empty block under this number; the same offset goes out as the next one.
                block(id, blockNumber, buffer, 0);
                blockNumber++;
                justKeptAlive = true;
                continue;
            }
            justKeptAlive = false;
            // xapi's import counts a skipped block as long as the archive's first block: after a short first
            // block (a first disk under 1 MiB) nothing may be skipped, or xapi would rebuild later disks wrong.
            boolean maySkip = !firstOrLast && firstBlockLength == BLOCK_SIZE;
            boolean zero = maySkip && source.knownZero(offset, length);
            if (!zero) {
                source.read(offset, buffer, length);
                zero = maySkip && Arrays.mismatch(buffer, 0, length, ZEROS, 0, length) < 0;
            }
            if (!zero) {
                block(id, blockNumber, buffer, length);
            }
            offset += BLOCK_SIZE;
            blockNumber++;
        }
    }

    private void block(String id, int number, byte[] data, int length) throws IOException {
        if (firstBlockLength < 0) {
            firstBlockLength = length;
        }
        String name = String.format("%s/%08d", id, number);
        member(name, data, length, 0);
        byte[] sum = BlockChecksum.of(checksums, data, length).getBytes(StandardCharsets.US_ASCII);
        member(name + checksums.suffix(), sum, sum.length, 0);
        lastOutput = System.nanoTime();
    }

    private void member(String name, byte[] data, int length, long mtime) throws IOException {
        out.write(TarHeader.of(name, length, mtime));
        out.write(data, 0, length);
        TarHeader.writePadding(out, length);
        tarBytes += TarHeader.BLOCK + length + TarHeader.padding(length);
    }

    /** The tar bytes written so far (before compression). */
    public long tarBytes() {
        return tarBytes;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream o = out) {
            // After a failure the archive stays without its end blocks, so no reader takes it for complete.
            if (!failed) {
                TarHeader.writeEnd(o);
                tarBytes += 2 * TarHeader.BLOCK;
            }
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private void guarded(Step step) throws IOException {
        if (failed || closed) {
            throw new IOException("the XVA writer is " + (closed ? "closed" : "broken by an earlier failure"));
        }
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }
}
