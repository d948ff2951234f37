package org.xapicenter.sim.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * How a worker thread streaming a big reply (an XVA export, an RRD) waits for a slow reader: while the
 * channel is over its high-water mark it waits for its last write to reach the socket, so no more than a
 * few buffers are ever held. A client that reads nothing for the stall time without closing is given up
 * on (the connection is closed), so it cannot pin the worker forever.
 */
public final class BackPressure {
    private BackPressure() {
    }

    /**
     * Waits for {@code write}: until it is done when {@code untilDone}, else only while the channel is
     * over its high-water mark. Returns early when {@code stop} says so (a cancel).
     *
     * @throws StalledException the client made no progress for {@code stall}; the channel is closed
     * @throws IOException the write failed
     */
    public static void await(Channel channel, ChannelFuture write, boolean untilDone, BooleanSupplier stop,
            Duration stall) throws IOException {
        long stallNanos = stall.toNanos();
        long since = System.nanoTime();
        long pending = pendingBytes(channel);
        while ((untilDone || !channel.isWritable()) && !write.isDone()) {
            if (stop.getAsBoolean()) {
                return;
            }
            long now = pendingBytes(channel);
            if (now < pending) {
                // The client read something: the stall clock starts again.
                pending = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > stallNanos) {
                channel.close();
                throw new StalledException("the client stopped reading for " + stall.toSeconds() + " s");
            }
            try {
                write.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while sending");
            }
        }
        if (write.isDone() && !write.isSuccess()) {
            throw new IOException("cannot send: " + write.cause().getMessage(), write.cause());
        }
    }

    private static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer b = channel.unsafe().outboundBuffer();
        return b == null ? 0 : b.totalPendingWriteBytes();
    }

    /** The client stopped reading without closing. */
    public static final class StalledException extends IOException {
        private static final long serialVersionUID = 1L;

        StalledException(String message) {
            super(message);
        }
    }
}
