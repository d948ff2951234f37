package org.xapicenter.xva;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams an XVA once, front to back: ova.xml first ({@link #open} fails if it is not), then each disk's
 * blocks, rebuilt into a {@link DiskSink} with the running-offset rule and checked against their
 * checksums as they pass. Holds at most a block or two in memory, whatever the disks' size.
 */
public final class XvaReader implements Closeable {
    /** The largest block we accept (xapi writes 1 MiB; a little slack for other writers). */
    public static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;

    private XvaReader() {
    }

    /** Sniffs the compression, reads up to and including ova.xml. The reader owns {@code in}. */
    public static XvaReader open(InputStream in) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }

    public Compression compression() {
        throw new UnsupportedOperationException("xva-core");
    }

    public XvaMetadata metadata() {
        throw new UnsupportedOperationException("xva-core");
    }

    /**
     * Reads every disk to the end of the archive into {@code sink}.
     *
     * @param verifyChecksums false to accept blocks whose checksum does not match (xapi's {@code force=true});
     *     missing checksums, order and sizes are checked all the same
     */
    public XvaSummary readDisks(DiskSink sink, boolean verifyChecksums) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }
}
