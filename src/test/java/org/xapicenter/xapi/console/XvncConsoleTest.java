package org.xapicenter.xapi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.rfb.Encoding;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbClient;
import org.xapicenter.rfb.RfbOptions;
import org.xapicenter.rfb.XvncServer;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.console.ConsoleSnapshotCommand.Frame;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Our RFB client against a server we did not write: TigerVNC's Xvnc with real X clients. For each
 * lossless encoding the framebuffer must equal, pixel for pixel, the X server's own picture of its
 * screen ({@code xwd -root}); with Tight's JPEG allowed it must stay close.
 *
 * <p>Skipped only when Xvnc is not installed ({@code .ci/run} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XvncConsoleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 5;
    private static final double JPEG_TOLERANCE = 4.0;
    /** Per 16x16 tile: JPEG blurs edges a little, a misplaced or garbled tile is far worse. */
    private static final double JPEG_BLOCK_TOLERANCE = 40.0;

    private Path dir;
    private XvncServer xvnc;
    private XDesktop desktop;

    @BeforeAll
    void startXvncWithClients(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        assumeTrue(XvncServer.isInstalled(), "TigerVNC's Xvnc is not installed");
        xvnc = XvncServer.start("640x480");
        desktop = XDesktop.start(xvnc);
        desktop.waitUntilDrawn();
        parkPointer();
    }

    /**
     * Moves the X pointer to the top-left corner, where a new viewer's idea of it starts: TigerVNC
     * paints its pointer into a viewer's frame once a second has passed with the pointer elsewhere
     * than that viewer put it, which the console-snapshot command (it never moves a guest's pointer)
     * could otherwise meet under load.
     */
    private void parkPointer() throws Exception {
        ConsoleSnapshotCommand.firstFrame(xvnc.connect(), RfbOptions.defaults(), TIMEOUT, XvncConsoleTest::claimPointer);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (desktop != null) {
            desktop.close();
        }
        if (xvnc != null) {
            xvnc.close();
        }
    }

    /** One capture by our client between two identical X captures, so a clock tick cannot fool the comparison. */
    private interface Capture {
        Frame take() throws Exception;
    }

    private record Compared(Framebuffer.Snapshot screen, Frame frame) {
    }

    private Compared captureStable(Capture capture) throws Exception {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Framebuffer.Snapshot before = xvnc.captureRoot();
            Frame frame = capture.take();
            Framebuffer.Snapshot after = xvnc.captureRoot();
            if (Arrays.equals(before.argb(), after.argb())) {
                return new Compared(before, frame);
            }
        }
        throw new AssertionError("the X screen kept changing during " + ATTEMPTS + " captures");
    }

    private Frame direct(Encoding encoding, int jpegQuality) throws Exception {
        Socket socket = xvnc.connect();
        RfbOptions options = RfbOptions.defaults().withForcedEncoding(encoding).withJpegQuality(jpegQuality);
        return ConsoleSnapshotCommand.firstFrame(socket, options, TIMEOUT, XvncConsoleTest::claimPointer);
    }

    /** Puts the pointer where {@link #parkPointer} left it, so TigerVNC never paints it into our frame. */
    private static void claimPointer(RfbClient client) {
        client.pointer(0, 0, 0);
    }

    private static void assertSamePixels(Compared c) {
        var s = c.frame().snapshot();
        assertThat(PixelDiff.difference(c.screen().width(), c.screen().height(), c.screen().argb(),
                s.width(), s.height(), s.argb())).as("difference from xwd").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"RAW", "HEXTILE", "ZRLE", "TIGHT"})
    void losslessFramesEqualTheXServersScreenPixelForPixel(Encoding encoding) throws Exception {
        Compared c = captureStable(() -> direct(encoding, -1));
        assertThat(c.frame().encoding()).as("the encoding the server used").isEqualTo(encoding);
        assertSamePixels(c);
    }

    @Test
    void tightWithJpegStaysCloseToTheScreenButIsLossy() throws Exception {
        Compared c = captureStable(() -> direct(Encoding.TIGHT, 6));
        var s = c.frame().snapshot();
        assertThat(s.width()).isEqualTo(c.screen().width());
        assertThat(s.height()).isEqualTo(c.screen().height());
        double mad = PixelDiff.meanAbsoluteDifference(c.screen().argb(), s.argb());
        // Lossy somewhere (so JPEG really was used on the smooth image), close everywhere.
        assertThat(PixelDiff.difference(c.screen().width(), c.screen().height(), c.screen().argb(),
                s.width(), s.height(), s.argb())).as("JPEG changed some pixels").isNotNull();
        assertThat(mad).as("mean absolute difference per channel").isLessThan(JPEG_TOLERANCE);
        assertThat(PixelDiff.worstBlockDifference(s.width(), s.height(), c.screen().argb(), s.argb(), 16))
                .as("worst mean absolute difference of a 16x16 tile").isLessThan(JPEG_BLOCK_TOLERANCE);
    }

    @Test
    void theConsoleSnapshotCommandWritesThePngTheXServerShows() throws Exception {
        Path png = dir.resolve("xvnc.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Compared c = captureStable(() -> {
            int code = ConsoleSnapshotCommand.run(new String[] {"--rfb", "127.0.0.1:" + xvnc.port(), "--encoding", "zrle",
                    png.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            return new Frame(readPng(png), null);
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + png).contains("640x480, ZRLE");
        assertSamePixels(c);
    }

    @Test
    void throughTheSimulatorsConsoleProxyOverTlsTheCommandStillMatchesPixelForPixel() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(-1).httpsPort(0)
                .externalVnc("127.0.0.1", xvnc.port()).build())) {
            Path pem = dir.resolve("sim.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(sim.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            Path password = Files.writeString(dir.resolve("pw"), SimulatorOptions.DEFAULT_PASSWORD + "\n");
            String vm = runningGuestUuid(sim);
            Path png = dir.resolve("through-console.png");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Compared c = captureStable(() -> {
                int code = ConsoleSnapshotCommand.run(new String[] {"--server", sim.httpsUrl().toString(),
                        "--user", SimulatorOptions.DEFAULT_USER, "--password-file", password.toString(),
                        "--trust-cert", pem.toString(), "--json-rpc", "--vm", vm, "--encoding", "tight", png.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
                assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
                return new Frame(readPng(png), null);
            });
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("640x480, Tight");
            assertSamePixels(c);
        }
    }

    @Test
    void throughTheSimulatorsConsoleProxyTheTunnelCarriesZrleAndAHostConsoleToo() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0)
                .externalVnc("127.0.0.1", xvnc.port()).build());
             XapiSession session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC),
                     SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            String vmRef = (String) session.call("VM.get_by_uuid", runningGuestUuid(sim));
            Compared vm = captureStable(() -> ConsoleSnapshotCommand.firstFrame(Consoles.openVm(session, vmRef),
                    RfbOptions.defaults().withForcedEncoding(Encoding.ZRLE), TIMEOUT, XvncConsoleTest::claimPointer));
            assertThat(vm.frame().encoding()).isEqualTo(Encoding.ZRLE);
            assertSamePixels(vm);
            String hostRef = session.getAllRecords("host").keySet().iterator().next();
            Compared host = captureStable(() -> ConsoleSnapshotCommand.firstFrame(Consoles.openHost(session, hostRef),
                    RfbOptions.defaults().withForcedEncoding(Encoding.HEXTILE), TIMEOUT, XvncConsoleTest::claimPointer));
            assertSamePixels(host);
        }
    }

    private static String runningGuestUuid(Simulator sim) throws Exception {
        try (XapiSession session = XapiSession.login(ConnectionSettings.of(
                sim.httpUrl() != null ? sim.httpUrl() : sim.httpsUrl(), Protocol.XML_RPC)
                .withSslContext(sim.httpUrl() != null ? null : ConsoleTunnelTest.trusting(sim.certificate())),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            for (XapiRecord r : session.getAllRecords("VM").values()) {
                if (r instanceof Vm v && v.isGuest() && v.powerState() == PowerState.RUNNING) {
                    return v.uuid();
                }
            }
        }
        throw new AssertionError("the demo pool has no running guest");
    }

    private static Framebuffer.Snapshot readPng(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        return new Framebuffer.Snapshot(img.getWidth(), img.getHeight(),
                img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
    }

    @Test
    void withVncAuthenticationThePasswordFileOpensTheScreenAndAWrongOneIsOneSentence() throws Exception {
        try (XvncServer locked = XvncServer.startWithPassword("320x200", "s3cret-pw")) {
            locked.runAndWait("xsetroot", "-solid", "#1a7f3c");
            Path good = Files.writeString(dir.resolve("vnc-good"), "s3cret-pw\n");
            Path bad = Files.writeString(dir.resolve("vnc-bad"), "guess\n");
            Path png = dir.resolve("locked.png");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ConsoleSnapshotCommand.run(new String[] {"--rfb", "127.0.0.1:" + locked.port(),
                    "--password-file", good.toString(), png.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            Framebuffer.Snapshot screen = locked.captureRoot();
            Framebuffer.Snapshot shot = readPng(png);
            assertThat(PixelDiff.difference(screen.width(), screen.height(), screen.argb(), shot.width(), shot.height(),
                    shot.argb())).isNull();
            assertThat(shot.argb()[0] & 0xFFFFFF).isEqualTo(0x1a7f3c);

            err.reset();
            Path none = dir.resolve("refused.png");
            code = ConsoleSnapshotCommand.run(new String[] {"--rfb", "127.0.0.1:" + locked.port(),
                    "--password-file", bad.toString(), none.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(ConsoleSnapshotCommand.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("console-snapshot: ")
                    .doesNotContain("\n").doesNotContain("guess");
            assertThat(none).doesNotExist();
        }
    }
}
