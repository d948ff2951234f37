package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The upload pipe stops the socket reads while the importer is behind, and resumes them as it catches up. */
class BodyPipeTest {
    @Test
    void readsStopAboveTheHighWaterMarkAndResumeBelowTheLowOne() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        BodyPipe pipe = new BodyPipe(channel, () -> false);
        byte[] chunk = new byte[64 * 1024];
        int offered = 0;
        while (channel.config().isAutoRead()) {
            chunk[0] = (byte) offered;
            pipe.offer(Unpooled.copiedBuffer(chunk));
            offered++;
            assertThat(offered).as("chunks before autoRead goes off").isLessThan(100);
        }
        assertThat((long) offered * chunk.length).isGreaterThan(BodyPipe.HIGH_WATER);
        byte[] into = new byte[chunk.length];
        int read = 0;
        while (!channel.config().isAutoRead()) {
            assertThat(pipe.readNBytes(into, 0, into.length)).isEqualTo(into.length);
            assertThat(into[0]).isEqualTo((byte) read);
            read++;
        }
        assertThat((long) (offered - read) * chunk.length).isLessThan(BodyPipe.LOW_WATER);
        pipe.end();
        while (pipe.readNBytes(into, 0, into.length) > 0) {
            read++;
        }
        assertThat(read).isEqualTo(offered);
        assertThat(pipe.read()).isEqualTo(-1);
        assertThat(pipe.consumed()).isEqualTo((long) offered * chunk.length);
    }

    @Test
    void aCancelEndsTheWaitForBytesThatNeverCome() {
        EmbeddedChannel channel = new EmbeddedChannel();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        BodyPipe pipe = new BodyPipe(channel, cancelled::get);
        new Thread(() -> cancelled.set(true)).start();
        org.assertj.core.api.Assertions.assertThatThrownBy(pipe::read).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("cancelled");
    }
}
