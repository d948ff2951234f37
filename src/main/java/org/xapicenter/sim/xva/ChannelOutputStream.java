package org.xapicenter.sim.xva;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * Bytes written on a worker thread go out on a Netty channel in 64 KiB buffers, with back-pressure: when
 * the channel's outbound buffer is over its high-water mark the writer waits for its last write to reach
 * the socket, so a slow reader never makes us hold more than a few buffers. {@code stop} (a cancel) is
 * checked while waiting, so that a client that stops reading cannot pin the thread forever.
 */
final class ChannelOutputStream extends OutputStream {
    private static final int BUFFER = 64 * 1024;

    private final Channel channel;
    private final BooleanSupplier stop;
    private ByteBuf buffer;
    private long written;

    ChannelOutputStream(Channel channel, BooleanSupplier stop) {
        this.channel = channel;
        this.stop = stop;
    }

    /** Bytes handed to the channel so far. */
    long written() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (buffer == null) {
                buffer = channel.alloc().buffer(BUFFER, BUFFER);
            }
            int n = Math.min(len, buffer.writableBytes());
            buffer.writeBytes(b, off, n);
            off += n;
            len -= n;
            if (!buffer.isWritable()) {
                send();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        send();
    }

    private void send() throws IOException {
        if (buffer == null || !buffer.isReadable()) {
            return;
        }
        if (!channel.isActive()) {
            buffer.release();
            buffer = null;
            throw new IOException("the client closed the connection");
        }
        ByteBuf out = buffer;
        buffer = null;
        written += out.readableBytes();
        ChannelFuture f = channel.writeAndFlush(out);
        while (!channel.isWritable() && !f.isDone()) {
            if (stop.getAsBoolean()) {
                return;
            }
            try {
                f.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while sending");
            }
        }
        if (f.isDone() && !f.isSuccess()) {
            throw new IOException("cannot send: " + f.cause().getMessage(), f.cause());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send();
        } finally {
            if (buffer != null) {
                buffer.release();
                buffer = null;
            }
        }
    }
}
