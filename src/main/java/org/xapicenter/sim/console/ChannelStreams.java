package org.xapicenter.sim.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * A Netty channel seen as blocking streams, for a protocol written as a thread per connection (the
 * built-in RFB server). Reads stop at {@link #HIGH_WATER} buffered bytes (auto-read off) until the
 * reader catches up; a write waits until the bytes are on their way, so a slow viewer slows its own
 * thread and nothing else. Install {@link #handler()} last in the pipeline.
 */
final class ChannelStreams {
    static final int HIGH_WATER = 256 * 1024;

    private final Channel channel;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int buffered;
    private int offset;
    private boolean ended;

    ChannelStreams(Channel channel) {
        this.channel = channel;
    }

    ChannelInboundHandlerAdapter handler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    if (msg instanceof ByteBuf buf && buf.isReadable()) {
                        byte[] bytes = new byte[buf.readableBytes()];
                        buf.readBytes(bytes);
                        arrived(bytes);
                    }
                    // Anything else (the HTTP codec's empty end of the CONNECT request) carries nothing.
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                end();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        };
    }

    private synchronized void arrived(byte[] bytes) {
        chunks.addLast(bytes);
        buffered += bytes.length;
        if (buffered >= HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (ChannelStreams.this) {
                while (chunks.isEmpty() && !ended) {
                    try {
                        ChannelStreams.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while reading the viewer");
                    }
                }
                if (chunks.isEmpty()) {
                    return -1;
                }
                byte[] head = chunks.peekFirst();
                int n = Math.min(len, head.length - offset);
                System.arraycopy(head, offset, b, off, n);
                offset += n;
                if (offset == head.length) {
                    chunks.pollFirst();
                    offset = 0;
                }
                buffered -= n;
                if (buffered < HIGH_WATER / 2 && !channel.config().isAutoRead()) {
                    channel.config().setAutoRead(true);
                }
                return n;
            }
        }
    };

    final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            ChannelFuture f = channel.writeAndFlush(Unpooled.copiedBuffer(b, off, len));
            f.awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new IOException("the viewer's connection closed", f.cause());
            }
        }

        @Override
        public void close() {
            channel.close();
        }
    };
}
