package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A viewer we did not write (TightVNC's {@code vncsnapshot}, Debian package vncsnapshot) against the
 * built-in server: it must complete the handshake, take a whole frame and write what the console
 * shows. Its output is a JPEG, so the comparison allows JPEG's error; the text must still be there.
 */
class ThirdPartyViewerTest {
    private static final String VNCSNAPSHOT = "/usr/bin/vncsnapshot";
    private ScheduledThreadPoolExecutor timer;
    private ServerSocket listener;
    private VmConsole console;
    private Thread acceptor;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(new File(VNCSNAPSHOT).canExecute(), "vncsnapshot is not installed");
        timer = new ScheduledThreadPoolExecutor(1);
        console = new VmConsole("OpaqueRef:vm", 3, new GuestProfile("db-01", "db-01", "Debian GNU/Linux 12 (bookworm)",
                "6.1.0-25-amd64", false, false, 4096, 4, Instant.now().minusSeconds(600)), timer);
        console.boot(600_000);
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = listener.accept();
                    Thread t = new Thread(new RfbServerSession(console, s.getInputStream(), s.getOutputStream(), s,
                            () -> true)::run, "third-party-session");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (SocketException closed) {
                // The test is over.
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "third-party-acceptor");
        acceptor.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (listener != null) {
            listener.close();
            acceptor.join(10_000);
            console.close();
            timer.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "hextile", "copyrect hextile raw"})
    void vncsnapshotTakesTheConsoleWithEachEncoding(String encodings, @TempDir Path dir) throws Exception {
        Path jpeg = dir.resolve("console.jpg");
        Process p = new ProcessBuilder(List.of(VNCSNAPSHOT, "-quiet", "-allowblank", "-nojpeg", "-encodings", encodings,
                "-quality", "100", "127.0.0.1::" + listener.getLocalPort(), jpeg.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("vncsnapshot.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("vncsnapshot finishes").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("vncsnapshot.log"))).isZero();
        BufferedImage img = ImageIO.read(jpeg.toFile());
        assertThat(img.getWidth()).isEqualTo(ConsoleScreen.WIDTH);
        assertThat(img.getHeight()).isEqualTo(ConsoleScreen.HEIGHT);
        int[] want = console.screen().pixels();
        long error = 0;
        int lit = 0;
        int litSeen = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int got = img.getRGB(x, y);
                int w = want[y * ConsoleScreen.WIDTH + x];
                for (int shift = 0; shift <= 16; shift += 8) {
                    error += Math.abs(((got >> shift) & 0xFF) - ((w >> shift) & 0xFF));
                }
                if ((w & 0xFFFFFF) != 0) {
                    lit++;
                    if ((got & 0xFFFFFF) != 0 && luma(got) > 40) {
                        litSeen++;
                    }
                }
            }
        }
        double meanError = error / (3.0 * img.getWidth() * img.getHeight());
        assertThat(meanError).as("mean error per channel").isLessThan(6.0);
        assertThat(lit).isGreaterThan(1000);
        assertThat(litSeen).as("text pixels that came out lit").isGreaterThan(lit * 8 / 10);
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xFF) * 3 + ((rgb >> 8) & 0xFF) * 6 + (rgb & 0xFF)) / 10;
    }
}
