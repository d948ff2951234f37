package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;

/** {@code --vnc-proxy}: CONNECT /console reaches a real TigerVNC Xvnc, bytes untouched both ways. */
class VncProxyTest {
    private static final String XVNC = "/usr/bin/Xvnc";
    private static Process xvnc;
    private static int port;
    private static Simulator sim;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(new File(XVNC).canExecute(), "TigerVNC's Xvnc (tigervnc-standalone-server) is not installed");
        startXvnc();
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(0).externalVnc("127.0.0.1", port)
                .loginFailureDelay(Duration.ofMillis(10)).build());
        session = ConsoleHttp.login(sim);
    }

    /** Xvnc on a display and port nobody uses, security None, listening on loopback only. */
    private static void startXvnc() throws Exception {
        for (int display = 140; display < 200; display++) {
            if (new File("/tmp/.X" + display + "-lock").exists() || new File("/tmp/.X11-unix/X" + display).exists()) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            xvnc = new ProcessBuilder(List.of(XVNC, ":" + display, "-rfbport", Integer.toString(port),
                    "-interface", "127.0.0.1", "-SecurityTypes", "None", "-geometry", "640x480", "-depth", "24"))
                    .redirectErrorStream(true).redirectOutput(new File(System.getProperty("java.io.tmpdir"),
                            "xvnc-proxy-test.log")).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (xvnc.isAlive() && System.nanoTime() < deadline) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            xvnc.destroy();
            xvnc.waitFor();
        }
        throw new IllegalStateException("Xvnc would not start on any display from :140 to :199");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
        if (xvnc != null) {
            xvnc.destroy();
            xvnc.waitFor();
        }
    }

    private static String anyConsolePath() {
        for (String c : sim.store().refs("console")) {
            String vm = sim.store().getString(c, "VM");
            if ("rfb".equals(sim.store().getString(c, "protocol"))
                    && "Running".equals(sim.store().getString(vm, "power_state"))) {
                return ConsoleHttp.pathOf(sim.store().getString(c, "location"));
            }
        }
        throw new IllegalStateException("no running console");
    }

    @Test
    void connectOverHttpReachesXvncAndAFullFrameArrives() throws Exception {
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, anyConsolePath(), session)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            TestViewer v = TestViewer.of(s);
            v.handshake(8);
            assertThat(v.width).isEqualTo(640);
            assertThat(v.height).isEqualTo(480);
            v.setPixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);
            v.setEncodings(0);
            v.request(false);
            v.readUpdate();
            assertThat(v.lastEncodings).isNotEmpty().allMatch(e -> e == 0);
        }
    }

    @Test
    void connectOverHttpsStartsWithXvncsVersion() throws Exception {
        try (Socket s = ConsoleHttp.tls(sim.httpsUrl(), sim.certificate())) {
            assertThat(ConsoleHttp.connect(s, anyConsolePath() + "&session_id=" + session, null))
                    .isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
        }
    }

    @Test
    void theSessionIsStillChecked() throws Exception {
        try (Socket s = ConsoleHttp.plain(sim.httpUrl())) {
            assertThat(ConsoleHttp.connect(s, anyConsolePath(), "OpaqueRef:invalid")).startsWith("HTTP/1.1 401 ");
        }
    }
}
