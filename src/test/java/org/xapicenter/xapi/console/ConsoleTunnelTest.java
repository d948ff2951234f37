package org.xapicenter.xapi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xapicenter.sim.http.SelfSignedCertificate;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.console.ConsoleException.Reason;
import org.xapicenter.xapi.record.Console;

/** The CONNECT tunnel against a small real host on 127.0.0.1, plain and TLS. */
class ConsoleTunnelTest {
    private static final String REF = "OpaqueRef:5e55-10n";
    private static final String RFB_HELLO = "RFB 003.008\n";

    private static ConnectionSettings http(int port) {
        return ConnectionSettings.of(URI.create("http://127.0.0.1:" + port + "/"), Protocol.JSON_RPC)
                .withReplyTimeout(Duration.ofSeconds(30));
    }

    private static Console console(String location) {
        return new Console("OpaqueRef:c1", Map.of("protocol", "rfb", "location", location, "VM", "OpaqueRef:vm"));
    }

    private static String readExactly(InputStream in, int n) throws Exception {
        return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    @Test
    void sendsConnectWithSessionInQueryAndCookieAndHandsOverTheSameSocket() throws Exception {
        // The first RFB bytes arrive in the same packet as the header: none may be lost to buffering.
        try (ConnectServer host = ConnectServer.plain("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\n" + RFB_HELLO);
             Socket s = ConsoleTunnel.open(http(host.port()), REF,
                     console("https://127.0.0.1/console?uuid=0b5e-11"))) {
            String request = host.requests.poll(30, TimeUnit.SECONDS);
            assertThat(request).isEqualTo("CONNECT /console?uuid=0b5e-11&session_id=" + REF + " HTTP/1.0\r\n"
                    + "Host: 127.0.0.1:" + host.port() + "\r\n"
                    + "Cookie: session_id=" + REF + "\r\n\r\n");
            assertThat(s.getSoTimeout()).isZero();
            assertThat(readExactly(s.getInputStream(), RFB_HELLO.length())).isEqualTo(RFB_HELLO);
            s.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readExactly(s.getInputStream(), 12)).isEqualTo("RFB 003.008\n");
        }
    }

    @Test
    void aLocationWithoutQueryGetsTheSessionAsItsOnlyParameterAndRefsCannotBreakTheHeader() throws Exception {
        try (ConnectServer host = ConnectServer.plain("HTTP/1.0 200 OK\r\n\r\n");
             Socket s = ConsoleTunnel.open(http(host.port()), "OpaqueRef:x\r\nEvil: 1 &a=b",
                     console("https://127.0.0.1/vnc"))) {
            String request = host.requests.poll(30, TimeUnit.SECONDS);
            assertThat(request).startsWith("CONNECT /vnc?session_id=OpaqueRef:x%0D%0AEvil:%201%20%26a%3Db HTTP/1.0\r\n")
                    .doesNotContain("\nEvil");
            assertThat(s.isConnected()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "'HTTP/1.1 401 Unauthorized', SESSION_INVALID",
        "'HTTP/1.1 403 Forbidden', FORBIDDEN",
        "'HTTP/1.1 404 Not Found', NOT_ON_THIS_HOST",
        "'HTTP/1.1 503 Service Unavailable', UNAVAILABLE",
        "'HTTP/1.1 500 Internal Error', HTTP_ERROR",
        "'HTTP/1.1 418 I am a teapot', HTTP_ERROR",
        "'HTTP/1.0 302 Found', HTTP_ERROR",
        "'SSH-2.0-OpenSSH_9.2', MALFORMED_REPLY",
        "'HTTP/1.1 20 OK', MALFORMED_REPLY",
    })
    void everyRefusalIsAReasonAndOneSentenceWithoutTheSession(String statusLine, Reason reason) throws Exception {
        try (ConnectServer host = ConnectServer.plain(statusLine + "\r\nContent-Length: 0\r\n\r\n")) {
            assertThatThrownBy(() -> ConsoleTunnel.open(http(host.port()), REF, console("https://127.0.0.1/console?uuid=u")))
                    .isInstanceOfSatisfying(ConsoleException.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.code()).isEqualTo("XAPICENTER_CONSOLE_" + reason.name());
                        assertThat(e.getMessage()).contains("127.0.0.1").endsWith(".").doesNotContain(REF)
                                .doesNotContain("\n");
                    });
        }
    }

    @Test
    void aHostThatStallsIsUnavailableAndOneThatRamblesIsMalformed() throws Exception {
        try (ConnectServer closes = ConnectServer.plain("HTTP/1.1 200 OK\r\n")) {
            // The reply stops mid-header and the host then waits for us: our reply timeout ends it.
            ConnectionSettings quick = http(closes.port()).withReplyTimeout(Duration.ofMillis(500));
            assertThatThrownBy(() -> ConsoleTunnel.open(quick, REF, console("https://127.0.0.1/console")))
                    .isInstanceOfSatisfying(ConsoleException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        }
        byte[] endless = ("HTTP/1.1 200 OK\r\nX-Filler: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (ConnectServer rambles = ConnectServer.plain(endless)) {
            assertThatThrownBy(() -> ConsoleTunnel.open(http(rambles.port()), REF, console("https://127.0.0.1/console")))
                    .isInstanceOfSatisfying(ConsoleException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_REPLY);
                        assertThat(e.getMessage()).contains("16 KiB");
                    });
        }
    }

    @Test
    void aConnectionClosedBeforeTheBlankLineIsMalformed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException e) {
                    // the test fails on the client side if this goes wrong
                }
            });
            t.start();
            assertThatThrownBy(() -> ConsoleTunnel.open(http(server.getLocalPort()), REF, console("https://127.0.0.1/console")))
                    .isInstanceOfSatisfying(ConsoleException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_REPLY);
                        assertThat(e.getMessage()).contains("closed the connection");
                    });
            t.join();
        }
    }

    @Test
    void aHostNobodyListensOnIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> ConsoleTunnel.open(http(port), REF, console("https://127.0.0.1/console?uuid=u")))
                .isInstanceOfSatisfying(ConsoleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.HOST_UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("Cannot reach the console's host 127.0.0.1 on port " + port);
                });
    }

    @Test
    void consolesThatAreNotRfbOrHaveNoHostAreRefusedBeforeConnecting() {
        Console text = new Console("OpaqueRef:c", Map.of("protocol", "vt100", "location", "https://127.0.0.1/console"));
        assertThatThrownBy(() -> ConsoleTunnel.open(http(1), REF, text))
                .isInstanceOfSatisfying(ConsoleException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_RFB_CONSOLE));
        for (String bad : List.of("", "not a url with spaces", "/console?uuid=x")) {
            assertThatThrownBy(() -> ConsoleTunnel.open(http(1), REF, console(bad)))
                    .isInstanceOfSatisfying(ConsoleException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LOCATION));
        }
    }

    @Test
    void tlsWithThePinnedCertificateWorksWhateverItsNameAndDefaultTrustRefusesIt() throws Exception {
        // A pinned certificate is trusted as such (like the API transport): its names need not match.
        SelfSignedCertificate cert = SelfSignedCertificate.generate(List.of("10.9.8.7"));
        try (ConnectServer host = ConnectServer.tls(cert, "HTTP/1.1 200 OK\r\n\r\n" + RFB_HELLO)) {
            URI https = URI.create("https://127.0.0.1:" + host.port() + "/");
            ConnectionSettings pinned = ConnectionSettings.of(https, Protocol.XML_RPC).withSslContext(trusting(cert.certificate()));
            try (Socket s = ConsoleTunnel.open(pinned, REF, console("https://127.0.0.1/console?uuid=t"))) {
                assertThat(s).isInstanceOf(javax.net.ssl.SSLSocket.class);
                assertThat(readExactly(s.getInputStream(), RFB_HELLO.length())).isEqualTo(RFB_HELLO);
                assertThat(host.requests.poll(30, TimeUnit.SECONDS)).contains("Host: 127.0.0.1:" + host.port() + "\r\n");
            }
            assertThatThrownBy(() -> ConsoleTunnel.open(ConnectionSettings.of(https, Protocol.XML_RPC), REF,
                    console("https://127.0.0.1/console?uuid=t")))
                    .isInstanceOfSatisfying(ConsoleException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.TLS_FAILED);
                        assertThat(e.getMessage()).contains("certificate");
                    });
        }
    }

    @Test
    void theApiConnectionsSchemeDecidesTlsNotTheLocation() throws Exception {
        // The location says https, the connection is plain http: a plain host must be reached in plain.
        try (ConnectServer host = ConnectServer.plain("HTTP/1.1 200 OK\r\n\r\n");
             Socket s = ConsoleTunnel.open(http(host.port()), REF, console("https://127.0.0.1/console?uuid=z"))) {
            assertThat(s).isNotInstanceOf(javax.net.ssl.SSLSocket.class);
        }
    }

    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("host", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
