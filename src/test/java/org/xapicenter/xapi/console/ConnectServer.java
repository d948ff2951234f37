package org.xapicenter.xapi.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.xapicenter.sim.http.SelfSignedCertificate;

/**
 * A one-trick host for tunnel tests: reads a request header, records it, sends a canned reply (which
 * may carry the first RFB bytes in the same write) and then echoes whatever arrives.
 */
final class ConnectServer implements AutoCloseable {
    private final ServerSocket server;
    private final byte[] reply;
    private final Thread acceptor;
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    private ConnectServer(ServerSocket server, byte[] reply) {
        this.server = server;
        this.reply = reply;
        this.acceptor = new Thread(this::serve, "connect-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ConnectServer plain(String reply) throws IOException {
        return plain(reply.getBytes(StandardCharsets.ISO_8859_1));
    }

    static ConnectServer plain(byte[] reply) throws IOException {
        return new ConnectServer(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), reply);
    }

    static ConnectServer tls(SelfSignedCertificate cert, String reply) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("host", cert.privateKey(), "pw".toCharArray(), new java.security.cert.Certificate[] {cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return new ConnectServer(ctx.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress()),
                reply.getBytes(StandardCharsets.ISO_8859_1));
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> handle(s), "connect-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                header.write(b);
                byte[] h = header.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 1] == '\n' && h[n - 2] == '\r' && h[n - 3] == '\n' && h[n - 4] == '\r') {
                    break;
                }
            }
            requests.add(header.toString(StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            out.write(reply);
            out.flush();
            byte[] buf = new byte[4096];
            int r;
            while ((r = in.read(buf)) > 0) {
                out.write(buf, 0, r);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away (or failed its TLS handshake): nothing to report from here
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
