package org.xapicenter.xva;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** A raw disk image file as a {@link DiskSource}: positional reads, zeros past its end. */
public final class FileDiskSource implements DiskSource, Closeable {
    private final FileChannel channel;

    public FileDiskSource(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @Override
    public void read(long offset, byte[] buffer, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, length);
        long at = offset;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        Arrays.fill(buffer, b.position(), length, (byte) 0);
    }

    @Override
    public boolean knownZero(long offset, int length) throws IOException {
        return offset >= channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
