package org.xapicenter.sim.xva;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import org.xapicenter.sim.http.BackPressure;

/**
 * Bytes written on a worker thread go out on a Netty channel in 64 KiB buffers, with back-pressure: when
 * the channel's outbound buffer is over its high-water mark the writer waits for its last write to reach
 * the socket, so a slow reader never makes us hold more than a few buffers. {@code stop} (a cancel) is
 * checked while waiting, and a client that stops reading without closing is given up on after the stall
 * timeout (the connection is closed), so that it cannot pin the thread forever. A {@link Pacer} may hold
 * the stream to a rate. {@link #drain()} waits until every byte has reached the socket, so that the caller
 * finishes the task and closes only then (a Netty close drops writes still queued).
 */
final class ChannelOutputStream extends OutputStream {
    private static final int BUFFER = 64 * 1024;

    private final Channel channel;
    private final BooleanSupplier stop;
    private final Pacer pacer;
    private final java.time.Duration stall;
    private ByteBuf buffer;
    private long written;

    ChannelOutputStream(Channel channel, BooleanSupplier stop, Pacer pacer, java.time.Duration stall) {
        this.channel = channel;
        this.stop = stop;
        this.pacer = pacer;
        this.stall = stall;
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
        try {
            pacer.take(out.readableBytes());
        } catch (IOException e) {
            out.release();
            throw e;
        }
        written += out.readableBytes();
        ChannelFuture f = channel.writeAndFlush(out);
        BackPressure.await(channel, f, false, stop, stall);
    }

    /**
     * Sends what is buffered and waits until all of it has been written to the socket; throws if the
     * client stops reading for the stall timeout (the connection is then closed) or the write fails.
     */
    void drain() throws IOException {
        send();
        if (!channel.isActive()) {
            throw new IOException("the client closed the connection");
        }
        ChannelFuture last = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        BackPressure.await(channel, last, true, stop, stall);
        if (!last.isSuccess()) {
            throw new IOException("the last bytes were not sent");
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
