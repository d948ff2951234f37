package org.xapicenter.xva;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a JVM with a small heap by {@link XvaMemoryTest}: writes an archive of a fully written (not sparse)
 * disk through a pipe into the reader, so any buffering beyond a block or two would run out of memory.
 */
public final class SmallHeapProbe {
    private SmallHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        Compression compression = Compression.valueOf(args[1]);
        // Every block non-zero and different, cheap to make.
        DiskSource source = (offset, buffer, length) -> Arrays.fill(buffer, 0, length, (byte) (offset / 4096 | 1));
        XvaMetadata metadata = XvaTestData.metadata(List.of(new XvaTestData.Disk("Ref:1", size, null)));
        PipedInputStream in = new PipedInputStream(256 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (XvaWriter w = new XvaWriter(out, compression, ChecksumKind.XXHASH)) {
                w.writeMetadata(metadata);
                w.writeDisk("Ref:1", size, source);
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        writer.start();
        Sha256DiskSink sha = new Sha256DiskSink();
        XvaSummary s = XvaVerifier.verify(in, sha);
        writer.join();
        System.out.println("blocks=" + s.disks().get(0).blocks() + " verified=" + s.disks().get(0).checksumsVerified()
                + " tarBytes=" + s.tarBytes() + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
