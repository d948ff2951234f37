package org.xapicenter.xva;

import java.io.IOException;

/**
 * Receives the disks an {@link XvaReader} rebuilds. Offsets only grow within a disk; the ranges between
 * writes (skipped all-zero blocks) and after the last write up to the disk's size are zeros the sink must
 * supply itself if it wants them (a sparse file needs nothing).
 */
public interface DiskSink {
    /** A sink that keeps nothing (verification only). */
    DiskSink DISCARD = new DiskSink() {
    };

    default void begin(XvaDisk disk) throws IOException {
    }

    /** {@code length} bytes of {@code data} belong at {@code offset} of the current disk. */
    default void write(long offset, byte[] data, int length) throws IOException {
    }

    /** The current disk is complete; {@code size} is its virtual size. */
    default void end(XvaDisk disk, long size) throws IOException {
    }

    /** A sink that hands everything to each of {@code sinks} in turn (e.g. a file and a digest). */
    static DiskSink all(DiskSink... sinks) {
        DiskSink[] copy = sinks.clone();
        return new DiskSink() {
            @Override
            public void begin(XvaDisk disk) throws IOException {
                for (DiskSink s : copy) {
                    s.begin(disk);
                }
            }

            @Override
            public void write(long offset, byte[] data, int length) throws IOException {
                for (DiskSink s : copy) {
                    s.write(offset, data, length);
                }
            }

            @Override
            public void end(XvaDisk disk, long size) throws IOException {
                for (DiskSink s : copy) {
                    s.end(disk, size);
                }
            }
        };
    }
}
