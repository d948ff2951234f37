package org.xapicenter.xapi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.RpcTransport;
import org.xapicenter.xapi.cli.CallCommand;
import org.xapicenter.xapi.wire.JsonRpcMessages;
import org.xapicenter.xapi.wire.XmlRpcMessages;

/**
 * HTTPS with a self-signed certificate (trusted only when supplied), per-call reply timeouts and
 * HTTP-level errors, for both transports.
 */
class TlsAndTimeoutTest {
    @TempDir
    Path dir;

    private HttpsServer tls;
    private HttpServer plain;
    private X509Certificate certificate;
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        X500Name name = new X500Name("CN=xapi-test-host");
        Instant now = Instant.now();
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("host", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(kmf.getKeyManagers(), null, null);

        tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(serverCtx));
        tls.createContext("/", this::answerXml);
        tls.createContext("/jsonrpc", this::answerJson);
        tls.setExecutor(executor);
        tls.start();

        plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plain.createContext("/", ex -> {
            drain(ex);
            if (waitForRelease()) {
                reply(ex, "text/xml", XmlRpcMessages.success("late"));
            }
        });
        plain.createContext("/jsonrpc", ex -> {
            drain(ex);
            byte[] body = "<html>gateway down</html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(502, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        plain.setExecutor(executor);
        plain.start();
    }

    private boolean waitForRelease() {
        try {
            return release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
    }

    private void answerXml(HttpExchange ex) throws IOException {
        XmlRpcMessages.MethodCall call;
        try (InputStream in = ex.getRequestBody()) {
            call = XmlRpcMessages.parseMethodCall(in, 1 << 20);
        }
        reply(ex, "text/xml", XmlRpcMessages.success("tls:" + call.methodName()));
    }

    private void answerJson(HttpExchange ex) throws IOException {
        JsonRpcMessages.Request r;
        try (InputStream in = ex.getRequestBody()) {
            r = JsonRpcMessages.parseRequest(in, 1 << 20);
        }
        reply(ex, "application/json", JsonRpcMessages.success(r, r.method().startsWith("session.") ? "OpaqueRef:s" : "tls:" + r.method()));
    }

    private static void reply(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @AfterEach
    void stop() {
        release.countDown();
        tls.stop(0);
        plain.stop(0);
        executor.shutdownNow();
    }

    private URI tlsUri() {
        return URI.create("https://127.0.0.1:" + tls.getAddress().getPort());
    }

    private SSLContext trusting() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("pinned", certificate);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void httpsWorksWithTheSuppliedTrustAndFailsWithoutIt(Protocol protocol) throws Exception {
        RpcTransport trusted = Transports.open(ConnectionSettings.of(tlsUri(), protocol).withSslContext(trusting()));
        assertThat(trusted.call("VM.get_all", List.of("OpaqueRef:s"))).isEqualTo("tls:VM.get_all");

        RpcTransport untrusted = Transports.open(ConnectionSettings.of(tlsUri(), protocol));
        assertThatThrownBy(() -> untrusted.call("VM.get_all", List.of("OpaqueRef:s")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void callCommandTrustsExactlyTheGivenCertificate() throws Exception {
        Path pem = dir.resolve("host.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "secret\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CallCommand.run(new String[] {"--server", tlsUri().toString(), "--user", "root",
            "--password-file", pw.toString(), "--json-rpc", "--trust-cert", pem.toString(), "host.get_all"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("tls:host.get_all");

        err.reset();
        code = CallCommand.run(new String[] {"--server", tlsUri().toString(), "--user", "root",
            "--password-file", pw.toString(), "--json-rpc", "host.get_all"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(CallCommand.IO_ERROR);
    }

    @Test
    void aReplyLaterThanTheCallsTimeoutIsAnIOException() {
        RpcTransport t = Transports.open(ConnectionSettings.of(
                URI.create("http://127.0.0.1:" + plain.getAddress().getPort()), Protocol.XML_RPC));
        // The server holds the reply until the test ends; only the per-call timeout can end the call.
        assertThatThrownBy(() -> t.call("event.from", List.of("OpaqueRef:s"), 300))
                .isInstanceOf(IOException.class)
                // the socket's read timeout and the call's overall deadline are both 300 ms: either may end it
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("timed out", "did not send its whole reply"));
    }

    @Test
    void anHttpErrorIsAnIOExceptionNamingTheStatus() {
        RpcTransport t = Transports.open(ConnectionSettings.of(
                URI.create("http://127.0.0.1:" + plain.getAddress().getPort()), Protocol.JSON_RPC));
        assertThatThrownBy(() -> t.call("VM.get_all", List.of("OpaqueRef:s")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 502");
    }
}
