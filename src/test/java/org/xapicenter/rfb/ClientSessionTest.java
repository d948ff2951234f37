package org.xapicenter.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The session after the handshake, against a scripted server on a real socket. */
class ClientSessionTest {

    @Test
    void keepsTwoRequestsOutstandingBeforeAnyReply() throws Exception {
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            FakeRfbServer.Setup setup = peer.handshake(64, 32);
            assertThat(setup.firstRequest().incremental()).isFalse();
            // No reply sent yet: a client with one request in flight would send nothing more, and this
            // read would time out and fail the script.
            assertThat(peer.readUpdateRequest()).isEqualTo(new FakeRfbServer.UpdateRequest(true, 0, 0, 64, 32));
        })) {
            try (RfbClient ignored = RfbClient.connect(server.connect(), RfbOptions.defaults(), new RecordingListener())) {
                server.awaitScript();
            }
        }
    }

    @Test
    void aCopyOfPixelsNeverReceivedDoesNotCompleteTheFrame() throws Exception {
        RecordingListener listener = new RecordingListener();
        CountDownLatch checked = new CountDownLatch(1);
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(4, 2);
            // Update 1: the right half copied from the left half before the left half was ever sent,
            // then the left half. Every pixel has been "touched", but the right half is black, not screen.
            peer.updateHeader(2);
            peer.rectHeader(2, 0, 2, 2, Encoding.COPY_RECT.code());
            peer.out.writeShort(0);
            peer.out.writeShort(0);
            peer.rectHeader(0, 0, 2, 2, Encoding.RAW.code());
            for (int i = 0; i < 4; i++) {
                peer.pixel(0x111111);
            }
            peer.out.flush();
            assertThat(checked.await(30, TimeUnit.SECONDS)).isTrue();
            // Update 2: a copy from the now-received left half completes it.
            peer.updateHeader(1);
            peer.rectHeader(2, 0, 2, 2, Encoding.COPY_RECT.code());
            peer.out.writeShort(0);
            peer.out.writeShort(0);
            peer.out.flush();
            peer.drainUntilClosed();
        })) {
            try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener)) {
                RecordingListener.await(() -> listener.updates.get() == 1, "the first update");
                assertThat(client.hasCompleteFrame()).isFalse();
                checked.countDown();
                assertThat(client.awaitCompleteFrame(java.time.Duration.ofSeconds(30))).isTrue();
                assertThat(client.framebuffer().pixel(3, 1)).isEqualTo(0xFF111111);
            }
            server.awaitScript();
        }
    }

    @Test
    void asksForTheNextUpdateBeforeDecodingThisOne() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(64, 32);
            // Update 1: the header alone. Its rectangles follow only once request 2 has arrived, so a
            // client that asked again only after decoding would stall here and the script would time out.
            peer.updateHeader(2);
            peer.out.flush();
            assertThat(peer.readUpdateRequest()).isEqualTo(new FakeRfbServer.UpdateRequest(true, 0, 0, 64, 32));
            peer.rectHeader(0, 0, 2, 2, Encoding.RAW.code());
            for (int rgb : new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0x123456}) {
                peer.pixel(rgb);
            }
            peer.rectHeader(10, 5, 2, 2, Encoding.COPY_RECT.code());
            peer.out.writeShort(0);
            peer.out.writeShort(0);
            peer.out.flush();
            // Update 2, same rule: request 3 must come before its rectangle is sent.
            peer.updateHeader(1);
            peer.out.flush();
            assertThat(peer.readUpdateRequest().incremental()).isTrue();
            peer.rectHeader(63, 31, 1, 1, Encoding.RAW.code());
            peer.pixel(0xABCDEF);
            peer.out.flush();
            peer.drainUntilClosed();
        })) {
            try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener)) {
                RecordingListener.await(() -> listener.updates.get() == 2, "two complete updates");
                Framebuffer fb = client.framebuffer();
                assertThat(fb.pixel(0, 0)).isEqualTo(0xFFFF0000);
                assertThat(fb.pixel(1, 0)).isEqualTo(0xFF00FF00);
                assertThat(fb.pixel(0, 1)).isEqualTo(0xFF0000FF);
                assertThat(fb.pixel(1, 1)).isEqualTo(0xFF123456);
                assertThat(fb.pixel(10, 5)).isEqualTo(0xFFFF0000);
                assertThat(fb.pixel(11, 6)).isEqualTo(0xFF123456);
                assertThat(fb.pixel(63, 31)).isEqualTo(0xFFABCDEF);
                assertThat(fb.pixel(2, 2)).isEqualTo(0xFF000000);
                assertThat(client.lastEncoding()).isEqualTo(Encoding.RAW);
            }
            server.awaitScript();
        }
        assertThat(listener.awaitClosed()).isNull();
        assertThat(listener.closings).hasSize(1);
    }

    @Test
    void updatesNeverWaitForTheConsumerAndTheirDamageAccumulates() throws Exception {
        RecordingListener listener = new RecordingListener(); // never drains the framebuffer
        int updates = 200;
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(16, 16);
            for (int i = 0; i < updates; i++) {
                peer.updateHeader(1);
                peer.out.flush();
                assertThat(peer.readUpdateRequest().incremental()).isTrue();
                peer.rectHeader(i % 16, i / 16, 1, 1, Encoding.RAW.code());
                peer.pixel(i);
                peer.out.flush();
            }
            peer.drainUntilClosed();
        })) {
            try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener)) {
                RecordingListener.await(() -> listener.updates.get() == updates, "every update");
                Framebuffer fb = client.framebuffer();
                assertThat(fb.pixel(7, 12)).isEqualTo(0xFF000000 | (12 * 16 + 7));
                java.nio.IntBuffer target = java.nio.IntBuffer.allocate(16 * 16);
                // Damage since connecting: the whole screen (the new framebuffer is all damaged).
                assertThat(fb.drainTo(target, 16, 16)).isEqualTo(new Rect(0, 0, 16, 16));
                assertThat(target.get(12 * 16 + 7)).isEqualTo(0xFF000000 | (12 * 16 + 7));
                assertThat(fb.isDamaged()).isFalse();
            }
            server.awaitScript();
        }
    }

    @Test
    void sendsKeysPointerCtrlAltDelAndClipboard() throws Exception {
        CountDownLatch plainKeyRead = new CountDownLatch(1);
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(100, 80);
            assertThat(peer.readTypeSkippingRequests()).isEqualTo(5);
            assertThat(peer.in.readUnsignedByte()).as("button mask").isEqualTo(0xFF);
            assertThat(peer.in.readUnsignedShort()).as("x clamped").isEqualTo(0);
            assertThat(peer.in.readUnsignedShort()).as("y clamped").isEqualTo(79);
            expectKeyEvent(peer, 0x61, true);
            // Now the server says it understands QEMU extended key events.
            peer.updateHeader(1);
            peer.rectHeader(0, 0, 100, 80, Encoding.PSEUDO_QEMU_EXTENDED_KEY);
            peer.out.flush();
            plainKeyRead.countDown();
            expectQemuKey(peer, 0x61, 0x1e, true);
            expectKeyEvent(peer, 0x61, false); // no scancode known: the keysym alone
            expectQemuKey(peer, 0xffe3, 0x1d, true);
            expectQemuKey(peer, 0xffe9, 0x38, true);
            expectQemuKey(peer, 0xffff, 0xd3, true);
            expectQemuKey(peer, 0xffff, 0xd3, false);
            expectQemuKey(peer, 0xffe9, 0x38, false);
            expectQemuKey(peer, 0xffe3, 0x1d, false);
            assertThat(peer.readTypeSkippingRequests()).isEqualTo(6);
            peer.in.readFully(new byte[3]);
            int length = peer.in.readInt();
            byte[] text = new byte[length];
            peer.in.readFully(text);
            assertThat(new String(text, StandardCharsets.ISO_8859_1)).isEqualTo("héllo ? ?!");
            peer.drainUntilClosed();
        })) {
            try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), new RecordingListener())) {
                assertThat(client.extendedKeyEvents()).isFalse();
                client.pointer(-5, 1000, 0x1FF);
                client.key(0x61, 0x1e, true);
                assertThat(plainKeyRead.await(30, TimeUnit.SECONDS)).isTrue();
                RecordingListener.await(client::extendedKeyEvents, "extended key events offered");
                client.key(0x61, 0x1e, true);
                client.key(0x61, 0, false);
                client.ctrlAltDel();
                client.clipboard("héllo € \uD83D\uDE00!");
            }
            server.awaitScript();
        }
    }

    @Test
    void handlesBellClipboardColourMapCursorResizeAndLastRect() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(32, 32);
            peer.out.writeByte(2); // Bell
            peer.out.writeByte(1); // SetColourMapEntries, read past
            peer.out.writeByte(0);
            peer.out.writeShort(0);
            peer.out.writeShort(2);
            peer.out.write(new byte[12]);
            peer.out.writeByte(3); // ServerCutText
            peer.out.write(new byte[3]);
            byte[] text = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
            peer.out.writeInt(text.length);
            peer.out.write(text);
            // One update: a cursor, a resize, a pixel in the new size, then LastRect ends it early.
            peer.updateHeader(0xFFFF);
            peer.rectHeader(1, 0, 2, 1, Encoding.PSEUDO_CURSOR);
            peer.pixel(0xFF0000);
            peer.pixel(0x00FF00);
            peer.out.writeByte(0x80); // only the first pixel belongs to the pointer
            peer.rectHeader(0, 0, 48, 40, Encoding.PSEUDO_DESKTOP_SIZE);
            peer.rectHeader(47, 39, 1, 1, Encoding.RAW.code());
            peer.pixel(0x0000FF);
            peer.rectHeader(0, 0, 0, 0, Encoding.PSEUDO_LAST_RECT);
            peer.out.flush();
            // After the resize the client asks for the whole new screen.
            FakeRfbServer.UpdateRequest request;
            do {
                request = peer.readUpdateRequest();
            } while (request.incremental());
            assertThat(request).isEqualTo(new FakeRfbServer.UpdateRequest(false, 0, 0, 48, 40));
            peer.drainUntilClosed();
        })) {
            try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener)) {
                RecordingListener.await(() -> listener.updates.get() == 1, "the update");
                assertThat(listener.bells.get()).isEqualTo(1);
                assertThat(listener.clipboard).containsExactly("Grüße");
                assertThat(listener.cursors).hasSize(1);
                CursorShape cursor = listener.cursors.get(0);
                assertThat(cursor.width()).isEqualTo(2);
                assertThat(cursor.hotX()).isEqualTo(1);
                assertThat(cursor.argb()).containsExactly(0xFFFF0000, 0);
                assertThat(listener.resizes).containsExactly("48x40");
                assertThat(client.serverInfo().width()).isEqualTo(48);
                assertThat(client.framebuffer().pixel(47, 39)).isEqualTo(0xFF0000FF);
            }
            server.awaitScript();
        }
    }

    @Test
    void theServerClosingIsReportedOnceAndCloseIsIdempotent() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> peer.handshake(16, 16))) {
            RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener);
            server.awaitScript();
            RfbException error = listener.awaitClosed();
            assertThat(error).hasMessage("the server closed the connection");
            client.close();
            client.close();
            client.key(0x61, 0, true); // ignored after the end
            assertThat(client.isClosed()).isTrue();
            assertThat(listener.closings).hasSize(1);
        }
    }

    @Test
    void closingOurselvesReportsNullOnce() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(16, 16);
            peer.drainUntilClosed();
        })) {
            RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener);
            client.close();
            client.close();
            assertThat(listener.awaitClosed()).isNull();
            server.awaitScript();
            assertThat(listener.closings).hasSize(1);
        }
    }

    @Test
    void aResetConnectionIsReportedOnceWhileInputIsBeingSent() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(16, 16);
            peer.readTypeSkippingRequests(); // the first key event
            peer.socket.setSoLinger(true, 0); // close with a reset, so reads and writes both fail
        })) {
            RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener);
            Thread typist = new Thread(() -> {
                while (!client.isClosed()) {
                    client.key(0x61, 0, true);
                    client.pointer(1, 1, 0);
                }
            });
            typist.start();
            RfbException error = listener.awaitClosed();
            typist.join(30_000);
            assertThat(typist.isAlive()).isFalse();
            assertThat(error).isNotNull();
            assertThat(error.getMessage()).startsWith("the ");
            client.close();
            server.awaitScript();
            assertThat(listener.closings).hasSize(1);
        }
    }

    @Test
    void aSizeAnnouncementOfTheSameSizeKeepsTheScreen() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(peer -> {
            peer.handshake(8, 8);
            peer.updateHeader(2);
            peer.rectHeader(0, 0, 8, 8, Encoding.RRE.code());
            peer.out.writeInt(0);
            peer.pixel(0x445566);
            peer.rectHeader(0, 0, 8, 8, Encoding.PSEUDO_EXTENDED_DESKTOP_SIZE);
            peer.out.write(new byte[] {1, 0, 0, 0});
            peer.out.write(new byte[16]);
            peer.out.flush();
            peer.drainUntilClosed();
        })) {
            try (RfbClient client = RfbClient.connect(server.connect(), RfbOptions.defaults(), listener)) {
                RecordingListener.await(() -> listener.updates.get() == 1, "the update");
                assertThat(client.framebuffer().pixel(7, 7)).isEqualTo(0xFF445566);
                assertThat(client.hasCompleteFrame()).isTrue();
                assertThat(listener.resizes).isEmpty();
            }
            server.awaitScript();
        }
    }

    private static void expectKeyEvent(FakeRfbServer.Peer peer, int keysym, boolean down) throws Exception {
        assertThat(peer.readTypeSkippingRequests()).isEqualTo(4);
        assertThat(peer.in.readUnsignedByte()).isEqualTo(down ? 1 : 0);
        peer.in.readUnsignedShort();
        assertThat(peer.in.readInt()).isEqualTo(keysym);
    }

    private static void expectQemuKey(FakeRfbServer.Peer peer, int keysym, int qnum, boolean down) throws Exception {
        assertThat(peer.readTypeSkippingRequests()).isEqualTo(255);
        assertThat(peer.in.readUnsignedByte()).as("submessage").isEqualTo(0);
        assertThat(peer.in.readUnsignedShort()).as("down").isEqualTo(down ? 1 : 0);
        assertThat(peer.in.readInt()).as("keysym").isEqualTo(keysym);
        assertThat(peer.in.readInt()).as("keycode").isEqualTo(qnum);
    }
}
