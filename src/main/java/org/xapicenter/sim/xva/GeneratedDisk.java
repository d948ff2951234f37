package org.xapicenter.sim.xva;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.xapicenter.xva.DiskSource;

/**
 * The content of a disk nobody wrote, made up from its VDI uuid so that every export of it is the same:
 * a boot sector (an MBR with one partition and its signature) in the first MiB, a few MiB of pseudo-random
 * "filesystem" data (just after the boot sector, in the middle and near the end), zeros everywhere else.
 * A demo disk of many GiB thus exports as a small file, and costs nothing to hold.
 */
final class GeneratedDisk implements DiskSource {
    static final int MIB = 1024 * 1024;
    /** How much of each non-zero MiB holds data; the rest of it stays zero, as a real half-used block. */
    private static final int USED_PER_BLOCK = 256 * 1024;

    private final long seed;
    private final long size;
    private final String uuid;
    /** Indexes of the MiB blocks that hold data. */
    private final TreeSet<Long> dataBlocks = new TreeSet<>();

    GeneratedDisk(String uuid, long size) {
        this.uuid = uuid;
        this.size = size;
        this.seed = uuid.hashCode() * 0x9E3779B97F4A7C15L;
        long blocks = (size + MIB - 1) / MIB;
        for (long b : new long[] {0, 1, 2, blocks / 2, blocks - 2}) {
            if (b >= 0 && b < blocks) {
                dataBlocks.add(b);
            }
        }
    }

    @Override
    public void read(long offset, byte[] buffer, int length) {
        Arrays.fill(buffer, 0, length, (byte) 0);
        long end = Math.min(offset + length, size);
        for (long at = offset; at < end; ) {
            long block = at / MIB;
            long blockEnd = Math.min((block + 1) * MIB, end);
            if (dataBlocks.contains(block)) {
                byte[] content = block(block);
                int from = (int) (at - block * MIB);
                System.arraycopy(content, from, buffer, (int) (at - offset), (int) (blockEnd - at));
            }
            at = blockEnd;
        }
    }

    /** Whether {@code [offset, offset + length)} misses every data block: the writer then skips the read. */
    @Override
    public boolean knownZero(long offset, int length) {
        if (length <= 0) {
            return true;
        }
        Long next = dataBlocks.ceiling(offset / MIB);
        return next == null || next > (offset + length - 1) / MIB;
    }

    /** The whole content of data block {@code index}. */
    private byte[] block(long index) {
        byte[] b = new byte[MIB];
        SplittableRandom random = new SplittableRandom(seed ^ (index * 0xBF58476D1CE4E5B9L));
        int start = 0;
        if (index == 0) {
            bootSector(b);
            start = 512;
        }
        for (int i = start; i < USED_PER_BLOCK; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        byte[] label = ("XAPI simulator disk " + uuid + " block " + index + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, b, index == 0 ? 512 : 0, label.length);
        return b;
    }

    /** An MBR: one Linux partition from sector 2048 to the end of the disk, and the 55 AA signature. */
    private void bootSector(byte[] b) {
        byte[] code = "XAPISIM boot sector: no operating system here.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(code, 0, b, 0, code.length);
        int p = 446;
        b[p + 4] = (byte) 0x83;
        long first = 2048;
        long sectors = Math.max(0, Math.min(size / 512 - first, 0xFFFFFFFFL));
        putLe32(b, p + 8, first);
        putLe32(b, p + 12, sectors);
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
    }

    private static void putLe32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
