package org.xapicenter.sim.xva;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * A request body as an InputStream for a worker thread: the event loop {@link #offer}s Netty's chunks,
 * the worker reads them. When more than {@link #HIGH_WATER} bytes wait, the channel stops reading from
 * the socket (autoRead off) until the worker has caught up below {@link #LOW_WATER}, so the memory an
 * upload takes stays flat whatever its size and however slow the import.
 */
final class BodyPipe extends InputStream {
    static final int HIGH_WATER = 1024 * 1024;
    static final int LOW_WATER = 256 * 1024;
    /** A client that sends nothing for this long while the body is incomplete has gone: never wait forever. */
    static final long STALL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    private final Channel channel;
    /** A cancel: the reader must not wait for bytes a stalled client may never send. */
    private final java.util.function.BooleanSupplier stop;
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long queued;
    private long consumed;
    private boolean ended;
    private boolean closed;

    BodyPipe(Channel channel, java.util.function.BooleanSupplier stop) {
        this.channel = channel;
        this.stop = stop;
    }

    /** A chunk of the body (the pipe takes ownership); on the event loop. */
    synchronized void offer(ByteBuf chunk) {
        if (closed || ended) {
            chunk.release();
            return;
        }
        if (!chunk.isReadable()) {
            chunk.release();
            return;
        }
        chunks.add(chunk);
        queued += chunk.readableBytes();
        if (queued > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    /** The body is complete, or the connection is gone: the reader sees the end after what is queued. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** Body bytes the reader has taken so far. */
    synchronized long consumed() {
        return consumed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long stalledSince = System.nanoTime();
        while (chunks.isEmpty()) {
            if (closed) {
                throw new IOException("the import was stopped");
            }
            if (ended) {
                return -1;
            }
            if (stop.getAsBoolean()) {
                throw new IOException("the import was cancelled");
            }
            if (System.nanoTime() - stalledSince > STALL_NANOS) {
                channel.close();
                throw new IOException("the upload stalled: no data for " + STALL_NANOS / 1_000_000_000 + " s");
            }
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading the upload");
            }
        }
        ByteBuf head = chunks.peek();
        int n = Math.min(len, head.readableBytes());
        head.readBytes(b, off, n);
        if (!head.isReadable()) {
            chunks.poll().release();
        }
        queued -= n;
        consumed += n;
        if (queued < LOW_WATER && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
        return n;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (ByteBuf c : chunks) {
            c.release();
        }
        chunks.clear();
        queued = 0;
        notifyAll();
    }
}
