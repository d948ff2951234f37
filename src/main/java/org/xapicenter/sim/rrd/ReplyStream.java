package org.xapicenter.sim.rrd;

import java.io.IOException;
import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

import org.xapicenter.sim.http.BackPressure;

/**
 * A reply body written on a worker thread and sent through the channel's HTTP codec in 64 KiB pieces,
 * with back-pressure: while the channel is over its high-water mark the writer waits for its last piece
 * to reach the socket, so a big reply never sits whole in memory. A client that stops reading for
 * {@link #STALL} without closing is dropped (the connection is closed), so it cannot pin a worker.
 */
final class ReplyStream extends OutputStream {
    static final java.time.Duration STALL = java.time.Duration.ofSeconds(60);
    private static final int PIECE = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private ByteBuf buffer;

    /** Sends {@code head} (a response without content) at once; the body follows through this stream. */
    ReplyStream(ChannelHandlerContext ctx, HttpResponse head) {
        this.ctx = ctx;
        ctx.writeAndFlush(head);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (buffer == null) {
                buffer = ctx.alloc().buffer(PIECE, PIECE);
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

    private void send() throws IOException {
        if (buffer == null) {
            return;
        }
        ByteBuf out = buffer;
        buffer = null;
        if (!ctx.channel().isActive()) {
            out.release();
            throw new IOException("the client closed the connection");
        }
        BackPressure.await(ctx.channel(), ctx.writeAndFlush(new DefaultHttpContent(out)), false, () -> false, STALL);
    }

    /** Sends the rest and the end of the reply, then closes the connection (xapi closes after these). */
    void finish() throws IOException {
        send();
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }

    /** Gives up on a reply whose head is already sent: only closing the connection tells the client. */
    void abort() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        ctx.channel().close();
    }

    @Override
    public void flush() {
        // Pieces go out when full: a flush per Writer.flush would send many small ones.
    }

    /** Counts what would be written: the first pass of a reply that must announce its length. */
    static final class Counter extends OutputStream {
        private long count;

        long count() {
            return count;
        }

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
