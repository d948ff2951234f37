package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.xapicenter.rfb.Keys;

/** The built-in RFB server over a real socket, checked by a viewer written from the RFC. */
class RfbServerSessionTest {
    private ScheduledThreadPoolExecutor timer;
    private ServerSocket listener;
    private VmConsole console;
    private final List<Thread> sessions = new ArrayList<>();
    private final List<TestViewer> viewers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        timer = new ScheduledThreadPoolExecutor(1);
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        GuestProfile guest = new GuestProfile("web server 01", "web-server-01", "Debian GNU/Linux 12 (bookworm)",
                "6.1.0-25-amd64", false, false, 2048, 2, Instant.now().minusSeconds(3600));
        console = new VmConsole("OpaqueRef:vm", 7, guest, timer);
        console.boot(Long.MAX_VALUE / 4);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (TestViewer v : viewers) {
            v.close();
        }
        console.close();
        for (Thread t : sessions) {
            t.join(10_000);
            assertThat(t.isAlive()).as("session thread ends with its connection").isFalse();
        }
        listener.close();
        timer.shutdownNow();
    }

    private TestViewer connect() throws IOException {
        return connect(RfbServerSession.HANDSHAKE_TIMEOUT);
    }

    private TestViewer connect(Duration handshakeTimeout) throws IOException {
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket server = listener.accept();
        RfbServerSession session = new RfbServerSession(console, server.getInputStream(), server.getOutputStream(),
                server, () -> true, handshakeTimeout);
        Thread t = new Thread(session::run, "test-session");
        t.start();
        sessions.add(t);
        TestViewer v = TestViewer.of(client);
        viewers.add(v);
        return v;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** The screen's pixels as the viewer's pixel values. */
    private int[] expected(IntUnaryOperator pack) {
        int[] px = console.screen().pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] = pack.applyAsInt(px[i]);
        }
        return px;
    }

    private static int rgb888(int argb) {
        return argb & 0xFFFFFF;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 7, 8})
    void handshakeOfEachVersionEndsInServerInitWithTheVmName(int minor) throws Exception {
        TestViewer v = connect();
        v.handshake(minor);
        assertThat(v.name).isEqualTo("web server 01");
        assertThat(v.width).isEqualTo(720);
        assertThat(v.height).isEqualTo(400);
        v.setEncodings(0);
        v.request(false);
        v.readUpdate();
        assertThat(v.frame).isEqualTo(expected(RfbServerSessionTest::rgb888));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 16})
    void eachEncodingDeliversTheScreenAndThenOnlyWhatTyping_changes(int encoding) throws Exception {
        TestViewer v = connect();
        v.handshake(8);
        assertThat(console.screen().text()).contains("web-server-01 login:");
        v.setEncodings(encoding, 1);
        v.request(false);
        v.readUpdate();
        assertThat(v.lastEncodings).containsExactly(encoding);
        assertThat(v.frame).isEqualTo(expected(RfbServerSessionTest::rgb888));

        for (char c : "guest".toCharArray()) {
            v.key(c, true);
            v.key(c, false);
        }
        waitFor("the echo", () -> console.screen().text().contains("login: guest"));
        // Incremental requests until the viewer's copy matches the screen: each answer changes something.
        int[] want = expected(RfbServerSessionTest::rgb888);
        while (!java.util.Arrays.equals(v.frame, want)) {
            v.request(true);
            v.readUpdate();
            assertThat(v.lastEncodings).isNotEmpty().allMatch(e -> e == encoding);
            want = expected(RfbServerSessionTest::rgb888);
        }
        assertThat(v.frame).isEqualTo(expected(RfbServerSessionTest::rgb888));
    }

    @Test
    void anIncrementalRequestWaitsForAChange() throws Exception {
        TestViewer v = connect();
        v.handshake(8);
        v.setEncodings(16);
        v.request(false);
        v.readUpdate();
        v.request(true);
        // Nothing changes, so nothing may come; then a key makes the answer due.
        v.out.flush();
        assertThat(v.in.available()).isZero();
        v.key('x', true);
        v.readUpdate();
        waitFor("the echo", () -> console.screen().text().contains("login: x"));
        while (!java.util.Arrays.equals(v.frame, expected(RfbServerSessionTest::rgb888))) {
            v.request(true);
            v.readUpdate();
        }
    }

    @Test
    void loginAsRootAndAScrollingShellUseCopyRect() throws Exception {
        TestViewer v = connect();
        v.handshake(8);
        v.setEncodings(5, 1);
        v.request(false);
        v.readUpdate();
        v.cutText("root\nsecret\n");
        waitFor("the shell prompt", () -> console.screen().text().contains("root@web-server-01:~#"));
        assertThat(console.screen().text()).contains("Password:").doesNotContain("secret");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            many.append("uname -a\n");
        }
        many.append("frobnicate\n");
        v.cutText(many.toString());
        waitFor("the last command", () -> console.screen().text().contains("-bash: frobnicate: command not found"));
        assertThat(console.screen().text()).contains("Linux web-server-01 6.1.0-25-amd64");
        boolean sawCopy = false;
        int[] want = expected(RfbServerSessionTest::rgb888);
        while (!java.util.Arrays.equals(v.frame, want)) {
            v.request(true);
            v.readUpdate();
            sawCopy |= v.lastEncodings.contains(1);
            want = expected(RfbServerSessionTest::rgb888);
        }
        assertThat(sawCopy).as("scrolling is sent as CopyRect").isTrue();
    }

    @Test
    void qemuExtendedKeysAreAnnouncedAndTypeByPosition() throws Exception {
        TestViewer v = connect();
        v.handshake(8);
        v.setEncodings(16, 1, -258);
        v.request(false);
        v.readUpdate();
        assertThat(v.lastEncodings).contains(-258, 16);
        // "Root" typed by key positions: Shift + R, then o o t, Return.
        v.qemuKey(Keys.SHIFT_L, Keys.SCAN_SHIFT_L, true);
        v.qemuKey('R', 0x13, true);
        v.qemuKey('R', 0x13, false);
        v.qemuKey(Keys.SHIFT_L, Keys.SCAN_SHIFT_L, false);
        for (int code : new int[] {0x18, 0x18, 0x14}) {
            v.qemuKey(0, code, true);
            v.qemuKey(0, code, false);
        }
        v.qemuKey(Keys.RETURN, Keys.SCAN_RETURN, true);
        v.qemuKey(Keys.RETURN, Keys.SCAN_RETURN, false);
        waitFor("the password prompt", () -> console.screen().text().contains("login: Root\nPassword:"));
        int[] want = expected(RfbServerSessionTest::rgb888);
        while (!java.util.Arrays.equals(v.frame, want)) {
            v.request(true);
            v.readUpdate();
            want = expected(RfbServerSessionTest::rgb888);
        }
        // Return as a password ends the attempt: "Login incorrect" for anyone but root.
        v.qemuKey(Keys.RETURN, Keys.SCAN_RETURN, true);
        waitFor("the refusal", () -> console.screen().text().contains("Login incorrect\nweb-server-01 login:"));
    }

    @Test
    void sixteenBitBigEndianAndEightBitTrueColourAreServedInTheirOwnFormat() throws Exception {
        TestViewer v = connect();
        v.handshake(8);
        v.setPixelFormat(16, 16, true, true, 31, 63, 31, 11, 5, 0);
        v.setEncodings(16);
        v.request(false);
        v.readUpdate();
        assertThat(v.frame).isEqualTo(expected(c -> pack(c, 31, 63, 31, 11, 5, 0)));

        v.setPixelFormat(8, 8, false, true, 3, 7, 7, 6, 3, 0);
        v.setEncodings(5);
        v.request(false);
        v.readUpdate();
        assertThat(v.frame).isEqualTo(expected(c -> pack(c, 3, 7, 7, 6, 3, 0)));

        v.setPixelFormat(32, 24, true, true, 255, 255, 255, 0, 8, 16);
        v.setEncodings(16);
        v.request(false);
        v.readUpdate();
        assertThat(v.frame).isEqualTo(expected(c -> pack(c, 255, 255, 255, 0, 8, 16)));
    }

    @Test
    void aColourMapViewerGetsThePaletteAndIndices() throws Exception {
        TestViewer v = connect();
        v.handshake(8);
        v.setPixelFormat(8, 8, false, false, 0, 0, 0, 0, 0, 0);
        v.setEncodings(0);
        v.request(false);
        v.readUpdate();
        assertThat(v.colourMap).isNotNull();
        int[] want = console.screen().pixels();
        for (int i = 0; i < want.length; i++) {
            int c = v.colourMap[v.frame[i]];
            // A 3-3-2 palette is within a step of each colour.
            assertThat(Math.abs(((c >> 16) & 0xFF) - ((want[i] >> 16) & 0xFF))).isLessThanOrEqualTo(37);
            assertThat(Math.abs((c & 0xFF) - (want[i] & 0xFF))).isLessThanOrEqualTo(86);
        }
    }

    private static int pack(int argb, int rMax, int gMax, int bMax, int rShift, int gShift, int bShift) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return Math.round(r * rMax / 255f) << rShift | Math.round(g * gMax / 255f) << gShift
                | Math.round(b * bMax / 255f) << bShift;
    }

    @Test
    void hostileMessagesEndTheConnection() throws Exception {
        TestViewer huge = connect();
        huge.handshake(8);
        huge.out.writeByte(6);
        huge.out.write(new byte[3]);
        huge.out.writeInt(0x7FFFFFFF);
        huge.out.flush();
        assertThat(huge.closedByServer()).isTrue();

        TestViewer many = connect();
        many.handshake(8);
        many.out.writeByte(2);
        many.out.writeByte(0);
        many.out.writeShort(60000);
        many.out.flush();
        assertThat(many.closedByServer()).isTrue();

        TestViewer unknown = connect();
        unknown.handshake(8);
        unknown.out.writeByte(77);
        unknown.out.flush();
        assertThat(unknown.closedByServer()).isTrue();

        TestViewer badFormat = connect();
        badFormat.handshake(8);
        badFormat.setPixelFormat(24, 24, false, true, 255, 255, 255, 16, 8, 0);
        badFormat.out.flush();
        assertThat(badFormat.closedByServer()).isTrue();
        waitFor("sessions to leave the console", () -> console.viewerCount() == 0);
    }

    @Test
    void aViewerThatNeverAnswersTheVersionIsDropped() throws Exception {
        TestViewer silent = connect(Duration.ofMillis(300));
        byte[] version = silent.in.readNBytes(12);
        assertThat(new String(version, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
        assertThat(silent.closedByServer()).isTrue();
    }

    @Test
    void twoViewersShareOneConsoleAndAClosedConsoleDropsThem() throws Exception {
        TestViewer a = connect();
        TestViewer b = connect();
        a.handshake(8);
        b.handshake(3);
        a.setEncodings(16);
        b.setEncodings(5);
        a.key('z', true);
        waitFor("the echo", () -> console.screen().text().contains("login: z"));
        a.request(false);
        b.request(false);
        a.readUpdate();
        b.readUpdate();
        assertThat(a.frame).isEqualTo(b.frame).isEqualTo(expected(RfbServerSessionTest::rgb888));
        waitFor("both viewers registered", () -> console.viewerCount() == 2);
        console.close();
        assertThat(a.closedByServer()).isTrue();
        assertThat(b.closedByServer()).isTrue();
    }
}
