package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xva.Compression;

/** Exports from the simulator's demo pool over real sockets: TLS with the pinned certificate, cancel, broken connections. */
class XvaExportTest {
    private static Simulator sim;
    private static XapiSession session;
    private static XapiSession tlsSession;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(0).build());
        session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        tlsSession = XapiSession.login(ConnectionSettings.of(sim.httpsUrl(), Protocol.XML_RPC)
                        .withSslContext(TransferFixtures.trusting(sim.certificate())),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() {
        tlsSession.close();
        session.close();
        sim.close();
    }

    @Test
    void aHaltedDemoVmExportsOverTlsWithThePinnedCertificateAndVerifies() throws Exception {
        Vm vm = TransferFixtures.haltedGuestWithDisks(tlsSession);
        Path target = dir.resolve("demo.xva");
        List<TransferProgress> seen = new CopyOnWriteArrayList<>();
        XvaExport export = new XvaExport(tlsSession, vm.ref(), target, ExportOptions.defaults());
        ExportResult result = export.run(seen::add);

        assertThat(result.file()).isEqualTo(target.toAbsolutePath());
        assertThat(result.bytes()).isEqualTo(Files.size(target)).isGreaterThan(1024);
        assertThat(result.verification()).isNotNull();
        assertThat(result.verification().verified()).isTrue();
        assertThat(result.verification().disks()).isNotEmpty();
        assertThat(result.verification().metadata().vm().string("name_label")).isEqualTo(vm.nameLabel());
        assertThat(TransferFixtures.files(dir)).containsExactly("demo.xva");
        assertThat(seen).extracting(TransferProgress::phase).contains(TransferProgress.Phase.STARTING,
                TransferProgress.Phase.TRANSFERRING, TransferProgress.Phase.VERIFYING, TransferProgress.Phase.DONE);
        assertThat(seen.get(seen.size() - 1).phase()).isEqualTo(TransferProgress.Phase.DONE);
        assertTaskGone(export.taskRef());
    }

    @Test
    void anImportOverTlsComesBackOverTlsWithItsBytes() throws Exception {
        TransferFixtures.Disk disk = new TransferFixtures.Disk("Ref:1", 2L * TransferFixtures.MIB + 100, 0, 2);
        Path source = TransferFixtures.writeXva(dir.resolve("tls.xva"), "over tls", Compression.NONE, List.of(disk));
        String vm = new XvaImport(tlsSession, source, ImportOptions.defaults()).run(TransferListener.NONE).get(0);
        Path back = dir.resolve("tls-back.xva");
        new XvaExport(tlsSession, vm, back, ExportOptions.defaults()).run(TransferListener.NONE);
        assertThat(TransferFixtures.diskDigests(back).values()).containsExactly(disk.sha256());
    }

    @Test
    void aCompressedExportWithoutVerificationIsWhatTheHostSent() throws Exception {
        TransferFixtures.Disk disk = new TransferFixtures.Disk("Ref:1", 3L * TransferFixtures.MIB + 5, 0, 2, 3);
        Path source = TransferFixtures.writeXva(dir.resolve("source.xva"), "to compress", Compression.NONE, List.of(disk));
        String vm = new XvaImport(session, source, ImportOptions.defaults()).run(TransferListener.NONE).get(0);
        Files.delete(source);
        Path target = dir.resolve("small.xva.zst");
        ExportResult result = new XvaExport(session, vm, target, new ExportOptions(Compression.ZSTD, false))
                .run(TransferListener.NONE);
        assertThat(result.verification()).isNull();
        try (InputStream in = Files.newInputStream(target)) {
            byte[] magic = in.readNBytes(4);
            assertThat(Compression.sniff(magic, 4)).isEqualTo(Compression.ZSTD);
        }
        assertThat(TransferFixtures.diskDigests(target).values()).containsExactly(disk.sha256());
        assertThat(TransferFixtures.files(dir)).containsExactly("small.xva.zst");
    }

    @Test
    void aRunningVmIsRefusedWithTheHostsErrorAndLeavesNoFile() throws Exception {
        String running = null;
        for (var r : session.getAllRecords("VM").values()) {
            if (r instanceof Vm vm && vm.isGuest() && vm.powerState() == org.xapicenter.xapi.record.PowerState.RUNNING) {
                running = vm.ref();
                break;
            }
        }
        assertThat(running).isNotNull();
        Path target = dir.resolve("running.xva");
        XvaExport export = new XvaExport(session, running, target, ExportOptions.defaults());
        assertThatThrownBy(() -> export.run(TransferListener.NONE))
                .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE"));
        assertThat(TransferFixtures.files(dir)).isEmpty();
        assertTaskGone(export.taskRef());
    }

    @Test
    void aCancelMidwayLeavesNeitherTheFileNorThePartFile() throws Exception {
        Vm vm = TransferFixtures.haltedGuestWithDisks(session);
        Path target = dir.resolve("cancelled.xva");
        XvaExport export = new XvaExport(session, vm.ref(), target, ExportOptions.defaults());
        AtomicBoolean sawPart = new AtomicBoolean();
        assertThatThrownBy(() -> export.run(p -> {
            if (p.phase() == TransferProgress.Phase.TRANSFERRING) {
                sawPart.set(Files.exists(XvaExport.partFile(target)));
                export.cancel();
            }
        })).isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("TASK_CANCELLED"));
        assertThat(sawPart).isTrue();
        assertThat(TransferFixtures.files(dir)).isEmpty();
    }

    @Test
    void aConnectionDroppedByTheServerSideLeavesNeitherTheFileNorThePartFile() throws Exception {
        Vm vm = TransferFixtures.haltedGuestWithDisks(session);
        URI api = sim.httpUrl();
        try (CuttingRelay relay = new CuttingRelay(api.getPort(), 200_000)) {
            try (XapiSession viaRelay = XapiSession.login(
                    ConnectionSettings.of(URI.create("http://127.0.0.1:" + relay.port() + "/"), Protocol.JSON_RPC),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
                Path target = dir.resolve("dropped.xva");
                XvaExport export = new XvaExport(viaRelay, vm.ref(), target, ExportOptions.defaults());
                assertThatThrownBy(() -> export.run(TransferListener.NONE))
                        .isInstanceOfAny(IOException.class, XapiException.class);
                assertThat(relay.cut()).isTrue();
            }
        }
        assertThat(TransferFixtures.files(dir)).isEmpty();
    }

    @Test
    void onlyAWholeTarPassesTheCheapEndCheck() throws Exception {
        TransferFixtures.Disk disk = new TransferFixtures.Disk("Ref:1", TransferFixtures.MIB, 0);
        Path whole = TransferFixtures.writeXva(dir.resolve("whole.xva"), "whole", Compression.NONE, List.of(disk));
        long size = Files.size(whole);
        assertThat(XvaExport.endsLikeATar(whole, size)).isTrue();
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.xva"), java.util.Arrays.copyOf(bytes, bytes.length - 1024));
        assertThat(XvaExport.endsLikeATar(cut, Files.size(cut))).isFalse();
        Path odd = Files.write(dir.resolve("odd.xva"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThat(XvaExport.endsLikeATar(odd, Files.size(odd))).isFalse();
    }

    @Test
    void anUnknownVmIsTheHostsError() throws Exception {
        Path target = dir.resolve("nothing.xva");
        XvaExport export = new XvaExport(session, "OpaqueRef:no-such-vm", target, ExportOptions.defaults());
        assertThatThrownBy(() -> export.run(TransferListener.NONE)).isInstanceOf(XapiException.class);
        assertThat(TransferFixtures.files(dir)).isEmpty();
    }

    private static void assertTaskGone(String taskRef) throws Exception {
        assertThat(taskRef).isNotNull();
        @SuppressWarnings("unchecked")
        List<Object> tasks = (List<Object>) session.call("task.get_all");
        assertThat(tasks).doesNotContain(taskRef);
    }

    /**
     * A TCP relay to the simulator that cuts every /export connection after {@code limit} bytes of reply,
     * as a network or a host that goes away would; API calls pass untouched.
     */
    static final class CuttingRelay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final long limit;
        private final AtomicBoolean cut = new AtomicBoolean();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        CuttingRelay(int target, long limit) throws IOException {
            this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            this.target = target;
            this.limit = limit;
            Thread t = new Thread(this::accept, "relay");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        boolean cut() {
            return cut.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket("127.0.0.1", target);
                    sockets.add(client);
                    sockets.add(upstream);
                    // the first bytes say what the request is: only an export gets cut
                    byte[] head = new byte[7];
                    int n = client.getInputStream().readNBytes(head, 0, head.length);
                    upstream.getOutputStream().write(head, 0, n);
                    boolean export = new String(head, 0, n, StandardCharsets.ISO_8859_1).startsWith("GET /ex");
                    pump(client.getInputStream(), upstream.getOutputStream(), Long.MAX_VALUE, client, upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), export ? limit : Long.MAX_VALUE,
                            client, upstream);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(InputStream in, OutputStream out, long max, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[64 * 1024];
                long moved = 0;
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        int len = (int) Math.min(n, max - moved);
                        out.write(buf, 0, len);
                        moved += len;
                        if (moved >= max) {
                            cut.set(true);
                            break;
                        }
                    }
                } catch (IOException e) {
                    // one side closed
                }
                close(a);
                close(b);
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
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
            for (Socket s : new ArrayList<>(sockets)) {
                close(s);
            }
        }
    }
}
