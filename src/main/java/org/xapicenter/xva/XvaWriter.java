package org.xapicenter.xva;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an XVA as xapi does: ova.xml first, then each disk in 1 MiB blocks {@code Ref:N/%08d}, all-zero
 * blocks skipped except the first and the last, each block followed by its checksum member.
 * {@link #close} ends the tar (and the compression frame) and closes {@code out}.
 */
public final class XvaWriter implements Closeable {
    public static final int BLOCK_SIZE = 1024 * 1024;

    public XvaWriter(OutputStream out, Compression compression, ChecksumKind checksums) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }

    public void writeMetadata(XvaMetadata metadata) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }

    /** Writes disk {@code id} ({@code Ref:N}) of {@code size} bytes read from {@code source}; disks in Ref:N string order. */
    public void writeDisk(String id, long size, DiskSource source) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }
}
