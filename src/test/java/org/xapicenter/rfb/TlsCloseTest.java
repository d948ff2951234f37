package org.xapicenter.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.xapicenter.sim.http.SelfSignedCertificate;

/** Closing a TLS session whose writes are stuck on a server that stopped reading. */
class TlsCloseTest {

    @Test
    void closeEndsTheSessionEvenWhileAWriteIsStuck() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("host", cert.privateKey(), "pw".toCharArray(), new java.security.cert.Certificate[] {cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "pw".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("host", cert.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        CountDownLatch testOver = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener();
        try (FakeRfbServer server = new FakeRfbServer(serverTls.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress()), peer -> {
            peer.handshake(16, 16);
            // Read nothing more: the client's writes pile up until they block.
            testOver.await(60, TimeUnit.SECONDS);
        })) {
            SSLSocket socket = (SSLSocket) clientTls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port());
            socket.startHandshake();
            RfbClient client = RfbClient.connect(socket, RfbOptions.defaults(), listener);
            String megabyte = "x".repeat(1024 * 1024);
            AtomicInteger sent = new AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 256 && !client.isClosed(); i++) {
                    sent.incrementAndGet();
                    client.clipboard(megabyte);
                }
            }, "stuck-writer");
            writer.setDaemon(true);
            writer.start();
            // Megabytes in flight and nobody reading: the writer soon blocks inside a TLS record write.
            RecordingListener.await(() -> sent.get() >= 3, "the writer to be sending");
            client.close();
            assertThat(client.isClosed()).isTrue();
            // The reader thread saw the transport closed and reported; the stuck write failed and ended.
            assertThat(listener.awaitClosed()).isNull();
            writer.join(30_000);
            assertThat(writer.isAlive()).as("the stuck writer was released").isFalse();
        } finally {
            testOver.countDown();
        }
    }
}
