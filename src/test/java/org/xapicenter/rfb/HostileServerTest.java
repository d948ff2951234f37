package org.xapicenter.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile or broken server: every case must end in one {@code closed(RfbException)} with a clear
 * sentence, before anything is allocated for the bogus size, and nothing else may escape.
 */
class HostileServerTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a rectangle outside the screen", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(60, 60, 10, 10, Encoding.RAW.code());
                    peer.out.write(new byte[400]);
                }, "the server sent a rectangle 10x10+60+60 outside its 64x64 screen"),
                Arguments.of("a 65535x65535 DesktopSize", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(0, 0, 65535, 65535, Encoding.PSEUDO_DESKTOP_SIZE);
                }, "the server announced an impossible screen size 65535x65535"),
                Arguments.of("a 65535x65535 ExtendedDesktopSize", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(0, 0, 65535, 65535, Encoding.PSEUDO_EXTENDED_DESKTOP_SIZE);
                    peer.out.write(new byte[] {1, 0, 0, 0});
                    peer.out.write(new byte[16]);
                }, "the server announced an impossible screen size 65535x65535"),
                Arguments.of("4 GiB of clipboard text", (FakeRfbServer.Script) peer -> {
                    peer.out.write(new byte[] {3, 0, 0, 0});
                    peer.out.writeInt(-1);
                }, "the server sent clipboard text of 4294967295 bytes, more than the 1048576 we accept"),
                Arguments.of("a huge pointer image", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(0, 0, 60000, 60000, Encoding.PSEUDO_CURSOR);
                }, "the server sent a 60000x60000 pointer image, larger than the 256x256 we accept"),
                Arguments.of("a stream cut inside a rectangle", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(0, 0, 4, 4, Encoding.RAW.code());
                    peer.out.write(new byte[10]);
                    peer.out.flush();
                    peer.socket.shutdownOutput();
                }, "the server closed the connection in the middle of a message"),
                Arguments.of("an RRE rectangle claiming 2^31 subrectangles", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(0, 0, 64, 64, Encoding.RRE.code());
                    peer.out.writeInt(0x80000000);
                    peer.pixel(0);
                }, "the server sent an RRE rectangle of 64x64 with 2147483648 subrectangles, more than it has pixels"),
                Arguments.of("an encoding we did not ask for", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(0, 0, 1, 1, 99);
                }, "the server sent a rectangle in encoding 99, which we did not ask for"),
                Arguments.of("an unknown message", (FakeRfbServer.Script) peer -> {
                    peer.out.writeByte(77);
                }, "the server sent a message of unknown type 77"),
                Arguments.of("a CopyRect from outside the screen", (FakeRfbServer.Script) peer -> {
                    peer.updateHeader(1);
                    peer.rectHeader(0, 0, 8, 8, Encoding.COPY_RECT.code());
                    peer.out.writeShort(60);
                    peer.out.writeShort(0);
                }, "the server sent a rectangle 8x8+60+0 outside its 64x64 screen"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInOneClearError(String name, FakeRfbServer.Script script, String message) throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(64, 64);
            try {
                script.run(peer);
                peer.out.flush();
            } catch (java.net.SocketException clientHungUp) {
                return; // the client refused the data before we finished sending it: fine
            }
            peer.drainUntilClosed();
        })) {
            RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener);
            RfbException error = listener.awaitClosed();
            assertThat(error).isNotNull();
            assertThat(error.getMessage()).isEqualTo(message);
            assertThat(client.isClosed()).isTrue();
            server.awaitScript();
            assertThat(listener.closings).hasSize(1);
            assertThat(listener.updates.get()).isZero();
        }
    }

    @Test
    void withAForcedEncodingAnotherDecodableOneIsAProtocolError() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            FakeRfbServer.Setup setup = peer.handshake(64, 64);
            assertThat(setup.encodings()).contains(Encoding.RAW.code()).doesNotContain(Encoding.HEXTILE.code());
            // Raw is always allowed, whatever we forced; Hextile we can decode but did not ask for.
            peer.updateHeader(2);
            peer.rectHeader(0, 0, 1, 1, Encoding.RAW.code());
            peer.pixel(0x123456);
            peer.rectHeader(0, 0, 16, 16, Encoding.HEXTILE.code());
            peer.out.flush();
            try {
                peer.out.writeByte(0);
                peer.out.write(new byte[16 * 16 * 4]);
                peer.out.flush();
                peer.drainUntilClosed();
            } catch (java.net.SocketException hungUp) {
                // the client may hang up as soon as it has read the header: that is the point
            }
        })) {
            RfbClient client = RfbClient.connect(server.connect(),
                    RfbOptions.defaults().withForcedEncoding(Encoding.ZRLE), listener);
            RfbException error = listener.awaitClosed();
            assertThat(error).hasMessage("the server sent a Hextile rectangle, an encoding we did not ask for");
            assertThat(client.framebuffer().pixel(0, 0)).isEqualTo(0xFF123456);
            server.awaitScript();
        }
    }
}
