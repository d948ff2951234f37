package org.xapicenter.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client against TigerVNC's Xvnc, a server we did not write: the first frame equals the X
 * server's own screen, later changes arrive through incremental updates, and VNC authentication works.
 * (The thorough per-encoding pixel suite lives with the console tunnel's tests.)
 */
class XvncClientTest {

    @BeforeAll
    static void needsXvnc() {
        Assumptions.assumeTrue(XvncServer.isInstalled(), "TigerVNC Xvnc and xwd are not installed");
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"RAW", "HEXTILE", "ZRLE", "TIGHT"})
    void theFirstFrameAndLaterChangesEqualTheXServersScreen(Encoding encoding) throws Exception {
        // -retro paints the classic root weave, a pattern in which any misplaced pixel shows.
        try (XvncServer xvnc = XvncServer.start("800x600", "-retro")) {
            RecordingListener listener = new RecordingListener();
            RfbOptions options = RfbOptions.defaults().withForcedEncoding(encoding);
            try (RfbClient client = RfbClient.connect(xvnc.connect(), options, listener)) {
                assertThat(client.serverInfo().protocolVersion()).isEqualTo("3.8");
                assertThat(client.serverInfo().width()).isEqualTo(800);
                assertThat(client.awaitCompleteFrame(Duration.ofSeconds(30))).as("a complete first frame").isTrue();
                // Xvnc draws the pointer into the framebuffer while it sits where this client did not put it
                // (the screen's centre at start); xwd never shows it. So the first frame may differ from xwd
                // there and nowhere else.
                assertSameScreenOutside(client.framebuffer().snapshot(), xvnc.captureRoot(), new Rect(400 - 32, 300 - 32, 64, 64));
                assertThat(client.lastEncoding()).isEqualTo(encoding);

                // Once our pointer event has moved it, the server stops drawing it: the frame then equals xwd exactly.
                client.pointer(0, 0, 0);
                Framebuffer.Snapshot root = xvnc.captureRoot();
                RecordingListener.await(() -> Arrays.equals(client.framebuffer().snapshot().argb(), root.argb()),
                        "the frame without the server-drawn pointer");

                xvnc.runAndWait("xsetroot", "-solid", "#3366cc");
                Framebuffer.Snapshot expected = xvnc.captureRoot();
                assertThat(expected.argb()[0]).isEqualTo(0xFF3366CC);
                RecordingListener.await(() -> Arrays.equals(client.framebuffer().snapshot().argb(), expected.argb()),
                        "the new background through incremental updates");
                assertThat(client.extendedKeyEvents()).as("TigerVNC offers QEMU extended key events").isTrue();
            }
            assertThat(listener.awaitClosed()).isNull();
        }
    }

    @Test
    void followsAResizeOfTheXScreen() throws Exception {
        try (XvncServer xvnc = XvncServer.start("800x600", "-retro")) {
            RecordingListener listener = new RecordingListener();
            try (RfbClient client = RfbClient.connect(xvnc.connect(), RfbOptions.defaults(), listener)) {
                assertThat(client.awaitCompleteFrame(Duration.ofSeconds(30))).isTrue();
                client.pointer(0, 0, 0);
                xvnc.runAndWait("xrandr", "-s", "640x480");
                RecordingListener.await(() -> listener.resizes.contains("640x480"), "the resize");
                assertThat(client.framebuffer().width()).isEqualTo(640);
                assertThat(client.serverInfo().height()).isEqualTo(480);
                assertThat(client.awaitCompleteFrame(Duration.ofSeconds(30))).as("a complete frame after the resize").isTrue();
                Framebuffer.Snapshot root = xvnc.captureRoot();
                assertThat(root.width()).isEqualTo(640);
                RecordingListener.await(() -> Arrays.equals(client.framebuffer().snapshot().argb(), root.argb()),
                        "the resized screen equal to xwd's");
            }
        }
    }

    @Test
    void vncAuthenticationWithTheRightAndAWrongPassword() throws Exception {
        try (XvncServer xvnc = XvncServer.startWithPassword("320x200", "s3cr3t!x")) {
            RecordingListener listener = new RecordingListener();
            RfbOptions good = RfbOptions.defaults().withPassword("s3cr3t!x".toCharArray());
            try (RfbClient client = RfbClient.connect(xvnc.connect(), good, listener)) {
                assertThat(client.serverInfo().security()).isEqualTo("VNC");
                RecordingListener.await(() -> listener.updates.get() >= 1, "the first frame");
            }
            RfbOptions bad = RfbOptions.defaults().withPassword("wrong".toCharArray());
            assertThatThrownBy(() -> RfbClient.connect(xvnc.connect(), bad, new RecordingListener()))
                    .isInstanceOf(RfbException.class)
                    .hasMessageStartingWith("the console refused the password");
        }
    }

    private static void assertSameScreenOutside(Framebuffer.Snapshot actual, Framebuffer.Snapshot expected, Rect except) {
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        int differing = 0;
        int first = -1;
        for (int i = 0; i < expected.argb().length; i++) {
            int x = i % expected.width();
            int y = i / expected.width();
            boolean excepted = x >= except.x() && x < except.x() + except.width() && y >= except.y()
                    && y < except.y() + except.height();
            if (!excepted && actual.argb()[i] != expected.argb()[i]) {
                differing++;
                first = first < 0 ? i : first;
            }
        }
        int at = Math.max(first, 0);
        assertThat(differing).as("pixels differing from xwd, the first at %d,%d: ours %08x, the X server's %08x",
                at % expected.width(), at / expected.width(), actual.argb()[at], expected.argb()[at]).isZero();
    }
}
