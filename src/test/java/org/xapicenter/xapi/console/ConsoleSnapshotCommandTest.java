package org.xapicenter.xapi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.rfb.Encoding;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.SnapshotPng;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/** console-snapshot's command line and its failures, without needing a frame. */
class ConsoleSnapshotCommandTest {
    private static Simulator sim;
    @TempDir
    Path dir;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private int run(String... args) {
        return ConsoleSnapshotCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private Path passwordFile() throws Exception {
        return Files.writeString(dir.resolve("pw"), SimulatorOptions.DEFAULT_PASSWORD + "\n");
    }

    @Test
    void parsesBothFormsAndTheirOptions() throws Exception {
        Path out = dir.resolve("a.png");
        ConsoleSnapshotCommand.Options rfb = ConsoleSnapshotCommand.parse(new String[] {"--rfb", "127.0.0.1:5901",
                "--encoding", "zrle", "--password-file", "vncpw", "--timeout", "7", out.toString()});
        assertThat(rfb.rfb().getHostString()).isEqualTo("127.0.0.1");
        assertThat(rfb.rfb().getPort()).isEqualTo(5901);
        assertThat(rfb.vncPasswordFile()).isEqualTo(Path.of("vncpw"));
        assertThat(rfb.encoding()).isEqualTo(Encoding.ZRLE);
        assertThat(rfb.jpegQuality()).isEqualTo(-1);
        assertThat(rfb.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(rfb.login()).isNull();

        ConsoleSnapshotCommand.Options server = ConsoleSnapshotCommand.parse(new String[] {"--server",
                "https://10.0.0.1", "--user", "root", "--password-file", "pw", "--json-rpc", "--vm", "web 1",
                "--encoding", "Tight", "--jpeg-quality", "6", out.toString()});
        assertThat(server.rfb()).isNull();
        assertThat(server.login().server().toString()).isEqualTo("https://10.0.0.1");
        assertThat(server.login().protocol()).isEqualTo(Protocol.JSON_RPC);
        assertThat(server.vm()).isEqualTo("web 1");
        assertThat(server.encoding()).isEqualTo(Encoding.TIGHT);
        assertThat(server.jpegQuality()).isEqualTo(6);
        assertThat(server.timeout()).isEqualTo(ConsoleSnapshotCommand.DEFAULT_TIMEOUT);

        assertThat(ConsoleSnapshotCommand.parse(new String[] {"--rfb", "[::1]:5900", out.toString()}).rfb().getHostString())
                .isEqualTo("::1");
    }

    @Test
    void usageErrorsSayWhatIsWrongAndExit2() {
        String out = dir.resolve("a.png").toString();
        String[][] bad = {
            {out},
            {"--rfb", "127.0.0.1", out},
            {"--rfb", "127.0.0.1:70000", out},
            {"--rfb", "127.0.0.1:5900"},
            {"--rfb", "127.0.0.1:5900", out, "b.png"},
            {"--rfb", "127.0.0.1:5900", "--encoding", "jpeg2000", out},
            {"--rfb", "127.0.0.1:5900", "--jpeg-quality", "10", out},
            {"--rfb", "127.0.0.1:5900", "--timeout", "0", out},
            {"--rfb", "127.0.0.1:5900", "--vm", "x", out},
            {"--rfb", "127.0.0.1:5900", "--server", "http://h", out},
            {"--server", "http://h", "--user", "u", "--password-file", "p", out},
            {"--server", "http://h", "--user", "u", "--password-file", "p", "--vm", "a", "--host", "b", out},
            {"--server", "http://h", "--user", "u", "--vm", "a", out},
            {"--rfb", "127.0.0.1:5900", dir.resolve("no-such-dir").resolve("a.png").toString()},
            {"--rfb", "127.0.0.1:5900", "--frobnicate", "1", out},
        };
        for (String[] args : bad) {
            errBytes.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(ConsoleSnapshotCommand.USAGE);
            assertThat(err()).startsWith("console-snapshot: ").contains("usage: console-snapshot");
        }
    }

    @Test
    void aVncServerNobodyRunsIsOneSentenceAndExit1AndNoFile() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("none.png");
        assertThat(run("--rfb", "127.0.0.1:" + port, "--timeout", "5", out.toString())).isEqualTo(ConsoleSnapshotCommand.FAILED);
        assertThat(err().strip()).startsWith("console-snapshot: cannot reach the VNC server 127.0.0.1:" + port)
                .doesNotContain("\n").doesNotContain("Exception").endsWith(".");
        assertThat(out).doesNotExist();
    }

    @Test
    void aServerThatNeverSpeaksEndsWithinTheTimeoutAsOneSentence() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (java.net.Socket s = silent.accept()) {
                    s.getInputStream().read(); // holds the connection open without a word until the client leaves
                } catch (java.io.IOException e) {
                    // the client gave up: expected
                }
            });
            acceptor.start();
            Path out = dir.resolve("silent.png");
            assertThat(run("--rfb", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "1", out.toString()))
                    .isEqualTo(ConsoleSnapshotCommand.FAILED);
            assertThat(err().strip()).startsWith("console-snapshot: ").doesNotContain("\n").endsWith(".");
            assertThat(out).doesNotExist();
            acceptor.join(30_000);
        }
    }

    @Test
    void throughTheServerAHaltedVmOrAnUnknownNameIsOneSentence() throws Exception {
        Path out = dir.resolve("x.png");
        String halted = null;
        try (XapiSession session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            for (XapiRecord r : session.getAllRecords("VM").values()) {
                if (r instanceof Vm vm && vm.isGuest() && vm.powerState() == PowerState.HALTED) {
                    halted = vm.uuid();
                    break;
                }
            }
        }
        assertThat(halted).isNotNull();
        String[] login = {"--server", sim.httpUrl().toString(), "--user", SimulatorOptions.DEFAULT_USER,
                "--password-file", passwordFile().toString()};
        assertThat(run(concat(login, "--vm", halted, out.toString()))).isEqualTo(ConsoleSnapshotCommand.FAILED);
        assertThat(err().strip()).startsWith("console-snapshot: The VM ").contains("is halted").doesNotContain("\n");

        errBytes.reset();
        assertThat(run(concat(login, "--vm", "no VM has this name", out.toString()))).isEqualTo(ConsoleSnapshotCommand.FAILED);
        assertThat(err().strip()).isEqualTo("console-snapshot: no VM is named or has the UUID \"no VM has this name\".");
        assertThat(out).doesNotExist();
    }

    @Test
    void thePngIsWrittenWholeUnderTheFinalNameAndReplacesAnOldOne() throws Exception {
        Path out = dir.resolve("shot.png");
        Files.writeString(out, "an older picture");
        int[] argb = new int[3 * 2];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | (i * 0x203040);
        }
        SnapshotPng.write(new Framebuffer.Snapshot(3, 2, argb), out);
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(3);
        assertThat(img.getHeight()).isEqualTo(2);
        for (int i = 0; i < argb.length; i++) {
            assertThat(img.getRGB(i % 3, i / 3)).isEqualTo(argb[i]);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shot.png");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
