package org.xapicenter.xva;

import java.io.IOException;

/** The raw content of a disk for an {@link XvaWriter}, read by offset. */
@FunctionalInterface
public interface DiskSource {
    /** Fills {@code buffer[0..length)} with the disk's bytes at {@code offset} (zeros beyond what exists). */
    void read(long offset, byte[] buffer, int length) throws IOException;

    /**
     * True if the source knows, without reading, that {@code [offset, offset + length)} holds only zeros
     * (a sparse generator, a hole). The writer then skips the read; false means "read and see".
     */
    default boolean knownZero(long offset, int length) throws IOException {
        return false;
    }
}
