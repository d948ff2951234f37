package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;

/** The proxy's two connections live and die together, whichever side ends first. */
class VncProxyTeardownTest {

    @Test
    void eitherSideClosingClosesTheOther() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                     .externalVnc("127.0.0.1", upstream.getLocalPort()).loginFailureDelay(Duration.ofMillis(10)).build())) {
            upstream.setSoTimeout(20_000);
            String session = ConsoleHttp.login(sim);
            String path = null;
            for (String c : sim.store().refs("console")) {
                if ("rfb".equals(sim.store().getString(c, "protocol"))
                        && "Running".equals(sim.store().getString(sim.store().getString(c, "VM"), "power_state"))) {
                    path = ConsoleHttp.pathOf(sim.store().getString(c, "location"));
                    break;
                }
            }

            // The server goes away: the viewer's connection ends after the bytes already sent.
            try (Socket viewer = ConsoleHttp.plain(sim.httpUrl())) {
                assertThat(ConsoleHttp.connect(viewer, path, session)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
                try (Socket server = upstream.accept()) {
                    server.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                    viewer.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(new String(server.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                            .isEqualTo("RFB 003.008\n");
                }
                InputStream in = viewer.getInputStream();
                assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
                assertThat(in.read()).isEqualTo(-1);
            }

            // The viewer goes away: the server's connection ends.
            Socket viewer = ConsoleHttp.plain(sim.httpUrl());
            assertThat(ConsoleHttp.connect(viewer, path, session)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
            try (Socket server = upstream.accept()) {
                server.setSoTimeout(20_000);
                viewer.close();
                assertThat(server.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void anUnreachableServerClosesTheViewer() throws Exception {
        int dead;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = probe.getLocalPort();
        }
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .externalVnc("127.0.0.1", dead).loginFailureDelay(Duration.ofMillis(10)).build())) {
            String session = ConsoleHttp.login(sim);
            String c = sim.store().refs("console").stream()
                    .filter(x -> "rfb".equals(sim.store().getString(x, "protocol")))
                    .filter(x -> "Running".equals(sim.store().getString(sim.store().getString(x, "VM"), "power_state")))
                    .findFirst().orElseThrow();
            try (Socket viewer = ConsoleHttp.plain(sim.httpUrl())) {
                // As xapi, the 200 goes out before the VNC server is reached; then the connection ends.
                assertThat(ConsoleHttp.connect(viewer, ConsoleHttp.pathOf(sim.store().getString(c, "location")), session))
                        .isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
                assertThat(viewer.getInputStream().read()).isEqualTo(-1);
            }
        }
    }
}
