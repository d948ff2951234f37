package org.xapicenter.sim.xva;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

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
    private final long stallNanos;
    private ByteBuf buffer;
    private long written;

    ChannelOutputStream(Channel channel, BooleanSupplier stop, Pacer pacer, java.time.Duration stall) {
        this.channel = channel;
        this.stop = stop;
        this.pacer = pacer;
        this.stallNanos = stall.toNanos();
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
        await(f, false);
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
        await(last, true);
        if (!last.isSuccess()) {
            throw new IOException("the last bytes were not sent");
        }
    }

    /**
     * Waits for {@code f}: until it is done if {@code all}, else only while the channel is over its
     * high-water mark. Returns early on a stop; a write that makes no progress for the stall timeout ends
     * the connection.
     */
    private void await(ChannelFuture f, boolean all) throws IOException {
        long since = System.nanoTime();
        long pending = channel.unsafe().outboundBuffer() == null ? 0 : channel.unsafe().outboundBuffer().totalPendingWriteBytes();
        while ((all || !channel.isWritable()) && !f.isDone()) {
            if (stop.getAsBoolean()) {
                return;
            }
            long now = channel.unsafe().outboundBuffer() == null ? 0 : channel.unsafe().outboundBuffer().totalPendingWriteBytes();
            if (now < pending) {
                // The client read something: the stall clock starts again.
                pending = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > stallNanos) {
                channel.close();
                throw new StalledException("the client stopped reading for "
                        + java.time.Duration.ofNanos(stallNanos).toSeconds() + " s");
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

    /** The client stopped reading without closing. */
    static final class StalledException extends IOException {
        private static final long serialVersionUID = 1L;

        StalledException(String message) {
            super(message);
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
