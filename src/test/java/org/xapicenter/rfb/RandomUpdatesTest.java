package org.xapicenter.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Garbage inside well-formed update headers, for every encoding we advertise: whatever the bytes, the
 * session ends in exactly one clear {@link RfbException}, never in a crash of our own code (which the
 * reader would report as "could not process") and never in a hang.
 */
class RandomUpdatesTest {
    private static final int[] ENCODINGS = {
            Encoding.RAW.code(), Encoding.COPY_RECT.code(), Encoding.RRE.code(), Encoding.HEXTILE.code(),
            Encoding.ZRLE.code(), Encoding.TIGHT.code(), Encoding.PSEUDO_CURSOR, Encoding.PSEUDO_DESKTOP_SIZE,
            Encoding.PSEUDO_EXTENDED_DESKTOP_SIZE, Encoding.PSEUDO_LAST_RECT, Encoding.PSEUDO_QEMU_EXTENDED_KEY};

    @Test
    void randomRectanglesEndInOneClearError() throws Exception {
        Random random = new Random(20261122);
        for (int round = 0; round < 100; round++) {
            long seed = random.nextLong();
            RecordingListener listener = new RecordingListener();
            try (FakeRfbServer server = new FakeRfbServer(peer -> {
                Random r = new Random(seed);
                peer.handshake(64, 48);
                peer.updateHeader(1 + r.nextInt(4));
                for (int rect = 0; rect < 4; rect++) {
                    boolean small = r.nextInt(4) > 0;
                    peer.rectHeader(r.nextInt(small ? 64 : 65536), r.nextInt(small ? 48 : 65536),
                            r.nextInt(small ? 65 : 65536), r.nextInt(small ? 49 : 65536),
                            ENCODINGS[r.nextInt(ENCODINGS.length)]);
                    byte[] payload = new byte[r.nextInt(4096)];
                    r.nextBytes(payload);
                    peer.out.write(payload);
                }
                peer.out.flush();
                peer.socket.shutdownOutput();
                peer.drainUntilClosed();
            })) {
                try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener)) {
                    RfbException error = listener.awaitClosed();
                    assertThat(error).as("round %d (seed %d)", round, seed).isNotNull();
                    assertThat(error.getMessage()).as("round %d (seed %d)", round, seed)
                            .startsWith("the ")
                            .doesNotStartWith("the client could not process");
                    assertThat(client.isClosed()).isTrue();
                }
                server.awaitScript();
                assertThat(listener.closings).hasSize(1);
            }
        }
    }
}
