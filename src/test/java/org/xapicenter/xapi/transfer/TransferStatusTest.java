package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.transfer.TransferFixtures.Disk;
import org.xapicenter.xva.Compression;

/**
 * What the client makes of the replies a host may give a transfer: API calls go to the simulator through
 * a relay that answers /export and /import itself with a chosen reply.
 */
class TransferStatusTest {
    private static Simulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private void expect(String reply, String code, List<String> params) throws Exception {
        try (AnsweringRelay relay = new AnsweringRelay(sim.httpUrl().getPort(), reply);
             XapiSession session = XapiSession.login(ConnectionSettings.of(
                             URI.create("http://127.0.0.1:" + relay.port() + "/"), Protocol.JSON_RPC),
                     SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            Path target = dir.resolve("out.xva");
            XvaExport export = new XvaExport(session, "OpaqueRef:whatever", target, ExportOptions.defaults());
            assertThatThrownBy(() -> export.run(TransferListener.NONE))
                    .isInstanceOfSatisfying(XapiException.class, e -> {
                        assertThat(e.code()).isEqualTo(code);
                        assertThat(e.params()).hasSameSizeAs(params);
                        for (int i = 0; i < params.size(); i++) {
                            // a redirect's location names the relay's own port, unknown in advance
                            assertThat(e.params().get(i)).startsWith(params.get(i));
                        }
                    });
            assertThat(TransferFixtures.files(dir)).isEmpty();

            Path xva = TransferFixtures.writeXva(dir.resolve("in.xva"), "refused", Compression.NONE,
                    List.of(new Disk("Ref:1", 4L * TransferFixtures.MIB, 0, 1, 2, 3)));
            assertThatThrownBy(() -> new XvaImport(session, xva, ImportOptions.defaults()).run(TransferListener.NONE))
                    .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo(code));
            assertThat(relay.answered.get()).isGreaterThanOrEqualTo(2);
            java.nio.file.Files.delete(xva);
        }
    }

    @Test
    void forbiddenIsRefused() throws Exception {
        expect("HTTP/1.1 403 Forbidden\r\n\r\n", "XAPICENTER_TRANSFER_REFUSED", List.of("127.0.0.1", "403", "Forbidden"));
    }

    @Test
    void notFoundIsNotFound() throws Exception {
        expect("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n", "XAPICENTER_TRANSFER_NOT_FOUND",
                List.of("127.0.0.1", "404", "Not Found"));
    }

    @Test
    void serverErrorIsAnHttpError() throws Exception {
        expect("HTTP/1.1 500 Internal Error\r\n\r\n", "XAPICENTER_TRANSFER_HTTP_ERROR",
                List.of("127.0.0.1", "500", "Internal Error"));
    }

    @Test
    void unauthorizedAfterALoginThatChangesNothingIsUnauthorized() throws Exception {
        expect("HTTP/1.1 401 Unauthorized\r\n\r\n", "XAPICENTER_TRANSFER_UNAUTHORIZED",
                List.of("127.0.0.1", "401", "Unauthorized"));
    }

    @Test
    void endlessRedirectsStop() throws Exception {
        expect("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/export\r\n\r\n", "XAPICENTER_TRANSFER_BAD_REDIRECT",
                List.of("127.0.0.1", "http://127.0.0.1:"));
    }

    /**
     * Relays everything to the simulator but /export and /import requests, which it answers with
     * {@code reply} at once (before any body) and closes. A redirect to port 1 is rewritten to itself,
     * so that it loops.
     */
    static final class AnsweringRelay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final String reply;
        private final boolean stall;
        private boolean breakVmStart;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        final AtomicInteger answered = new AtomicInteger();

        AnsweringRelay(int target, String reply) throws IOException {
            this(target, reply, false);
        }

        /**
         * @param stall for /export: send {@code reply} (a header and a few bytes) then fall silent with the
         *              connection open; for /import: read nothing more and never answer
         */
        AnsweringRelay(int target, String reply, boolean stall) throws IOException {
            this.stall = stall;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.target = target;
            this.reply = reply.replace("127.0.0.1:1/", "127.0.0.1:" + server.getLocalPort() + "/");
            Thread t = new Thread(this::accept, "answering-relay");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /**
         * Relays everything, transfers included, but renames every {@code "VM.start"} call on its way to
         * the host (same length, so the request stays valid): the host answers MESSAGE_METHOD_UNKNOWN.
         */
        static AnsweringRelay breakingVmStart(int target) throws IOException {
            AnsweringRelay r = new AnsweringRelay(target, "", false);
            r.breakVmStart = true;
            return r;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    sockets.add(client);
                    byte[] head = client.getInputStream().readNBytes(7);
                    String start = new String(head, StandardCharsets.ISO_8859_1);
                    if (!breakVmStart && (start.startsWith("GET /ex") || start.startsWith("PUT /im"))) {
                        answered.incrementAndGet();
                        if (stall) {
                            if (start.startsWith("GET")) {
                                client.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                                client.getOutputStream().flush();
                            }
                            continue; // the socket stays open, unread and silent, until close()
                        }
                        client.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                        client.getOutputStream().flush();
                        client.shutdownOutput();
                        // drain what the client still sends, then let it go
                        Thread drain = new Thread(() -> {
                            try (Socket c = client) {
                                c.getInputStream().transferTo(OutputStream.nullOutputStream());
                            } catch (IOException e) {
                                // closed
                            }
                        });
                        drain.setDaemon(true);
                        drain.start();
                        continue;
                    }
                    Socket upstream = new Socket("127.0.0.1", target);
                    sockets.add(upstream);
                    upstream.getOutputStream().write(head);
                    pump(breakVmStart ? new RenamingInput(client.getInputStream()) : client.getInputStream(),
                            upstream.getOutputStream(), client, upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), client, upstream);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(InputStream in, OutputStream out, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                try {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                }
                close(a);
                close(b);
            });
            t.setDaemon(true);
            t.start();
        }

        /** Replaces "VM.start" by "VM.stXrt" in what it reads (calls are small: one read holds them whole). */
        private static final class RenamingInput extends java.io.FilterInputStream {
            private static final byte[] FROM = "\"VM.start\"".getBytes(StandardCharsets.ISO_8859_1);

            RenamingInput(InputStream in) {
                super(in);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                for (int i = off; i + FROM.length <= off + n; i++) {
                    if (java.util.Arrays.equals(b, i, i + FROM.length, FROM, 0, FROM.length)) {
                        b[i + 6] = 'X';
                    }
                }
                return n;
            }
        }

        private static void close(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                close(s);
            }
        }
    }
}
