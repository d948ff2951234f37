package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.ErrorTexts;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xapi.transfer.TransferFixtures.Disk;
import org.xapicenter.xapi.transfer.TransferStatusTest.AnsweringRelay;
import org.xapicenter.xva.Compression;

/**
 * The review's robustness items: a session ref never leaves in a redirect's error, a task no handler
 * took is ended by us, bodies that stop moving fail after the idle timeout, and an unverified compressed
 * export must end where a whole one ends.
 */
class TransferRobustnessTest {
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

    private static XapiSession login(AnsweringRelay relay) throws Exception {
        return XapiSession.login(ConnectionSettings.of(URI.create("http://127.0.0.1:" + relay.port() + "/"),
                Protocol.JSON_RPC), SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    /** Every transfer task the client created has ended (or is gone): none is left pending on the host. */
    private static void noTransferTaskPending(XapiSession session) throws Exception {
        for (XapiRecord r : session.getAllRecords("task").values()) {
            Task t = (Task) r;
            if (t.nameLabel().startsWith("Export of") || t.nameLabel().startsWith("Import of")) {
                assertThat(t.status().finished()).as("task %s (%s)", t.nameLabel(), t.status()).isTrue();
            }
        }
    }

    @Test
    void aRedirectsSessionAndPasswordNeverReachTheError() throws Exception {
        String location = "http://root:secret@127.0.0.1:1/export?session_id=OpaqueRef:c0ffee&ref=OpaqueRef:vm#x";
        try (AnsweringRelay relay = new AnsweringRelay(sim.httpUrl().getPort(),
                "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\n\r\n");
             XapiSession session = login(relay)) {
            XvaExport export = new XvaExport(session, "OpaqueRef:whatever", dir.resolve("o.xva"), ExportOptions.defaults());
            assertThatThrownBy(() -> export.run(TransferListener.NONE)).isInstanceOfSatisfying(XapiException.class, e -> {
                assertThat(e.code()).isEqualTo("XAPICENTER_TRANSFER_BAD_REDIRECT");
                String all = e.params() + " " + ErrorTexts.get().describe(e) + " " + e.getMessage();
                assertThat(all).doesNotContain("c0ffee").doesNotContain("secret").doesNotContain("root@")
                        .doesNotContain("session_id").contains("127.0.0.1:" + relay.port() + "/export");
            });
            noTransferTaskPending(session);
        }
        assertThat(TransferChannel.shown("https://u:p@[::1]:443/import?session_id=OpaqueRef:1")).isEqualTo("https://[::1]:443/import");
        assertThat(TransferChannel.shown("/export;session_id=OpaqueRef:42/x")).doesNotContain("42");
    }

    @Test
    void aRefusedTransferLeavesNoTaskPending() throws Exception {
        try (AnsweringRelay relay = new AnsweringRelay(sim.httpUrl().getPort(), "HTTP/1.1 403 Forbidden\r\n\r\n");
             XapiSession session = login(relay)) {
            XvaExport export = new XvaExport(session, "OpaqueRef:whatever", dir.resolve("o.xva"), ExportOptions.defaults());
            assertThatThrownBy(() -> export.run(TransferListener.NONE)).isInstanceOf(XapiException.class);
            Path xva = TransferFixtures.writeXva(dir.resolve("in.xva"), "refused", Compression.NONE,
                    List.of(new Disk("Ref:1", 2L * TransferFixtures.MIB, 0, 1)));
            XvaImport imp = new XvaImport(session, xva, ImportOptions.defaults());
            assertThatThrownBy(() -> imp.run(TransferListener.NONE)).isInstanceOf(XapiException.class);
            noTransferTaskPending(session);
        }
    }

    @Test
    void anExportWhoseHostFallsSilentFailsAsStalledAndLeavesNoFile() throws Exception {
        try (AnsweringRelay relay = new AnsweringRelay(sim.httpUrl().getPort(), "HTTP/1.1 200 OK\r\n\r\nsome bytes", true);
             XapiSession session = login(relay)) {
            XvaExport export = new XvaExport(session, "OpaqueRef:whatever", dir.resolve("o.xva"), ExportOptions.defaults())
                    .bodyIdleTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> export.run(TransferListener.NONE)).isInstanceOfSatisfying(XapiException.class, e -> {
                assertThat(e.code()).isEqualTo("XAPICENTER_TRANSFER_STALLED");
                assertThat(ErrorTexts.get().describe(e)).contains("stopped moving").contains("127.0.0.1");
            });
            assertThat(TransferFixtures.files(dir)).isEmpty();
            noTransferTaskPending(session);
        }
    }

    @Test
    void anImportToAHostThatStopsReadingFailsAsStalled() throws Exception {
        // far more than loopback's socket buffers hold, so the writer must block
        long[] data = LongStream.range(0, 48).toArray();
        Path xva = TransferFixtures.writeXva(dir.resolve("big.xva"), "unread", Compression.NONE,
                List.of(new Disk("Ref:1", 48L * TransferFixtures.MIB, data)));
        try (AnsweringRelay relay = new AnsweringRelay(sim.httpUrl().getPort(), "", true);
             XapiSession session = login(relay)) {
            XvaImport imp = new XvaImport(session, xva, ImportOptions.defaults()).bodyIdleTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> imp.run(TransferListener.NONE)).isInstanceOfSatisfying(XapiException.class,
                    e -> assertThat(e.code()).isEqualTo("XAPICENTER_TRANSFER_STALLED"));
            noTransferTaskPending(session);
        }
    }

    @Test
    void anImportThatSucceededReturnsItsVmEvenWhenTheStartFails() throws Exception {
        Path xva = TransferFixtures.writeXva(dir.resolve("s.xva"), "imported, not started", Compression.NONE,
                List.of(new Disk("Ref:1", 2L * TransferFixtures.MIB, 0, 1)));
        try (AnsweringRelay relay = AnsweringRelay.breakingVmStart(sim.httpUrl().getPort());
             XapiSession session = login(relay)) {
            XvaImport imp = new XvaImport(session, xva, new ImportOptions(null, false, true));
            List<String> vms = imp.run(TransferListener.NONE);
            assertThat(vms).hasSize(1);
            assertThat(session.call("VM.get_name_label", vms.get(0))).isEqualTo("imported, not started");
            assertThat(imp.startError()).isInstanceOfSatisfying(XapiException.class,
                    e -> assertThat(e.code()).isEqualTo("MESSAGE_METHOD_UNKNOWN"));
            noTransferTaskPending(session);
        }
    }

    @Test
    void aCompressedExportMustEndWhereAWholeOneEnds() throws Exception {
        List<Disk> disks = List.of(new Disk("Ref:1", 3L * TransferFixtures.MIB + 512, 0, 2, 3));
        for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
            byte[] whole = Files.readAllBytes(TransferFixtures.writeXva(dir.resolve("w." + c), "w", c, disks));
            assertThat(XvaExport.compressedTarProblem(new ByteArrayInputStream(whole), c)).as(c.name()).isNull();
            for (int cut : new int[] {whole.length / 2, whole.length - 9, whole.length - 1}) {
                InputStream part = new ByteArrayInputStream(Arrays.copyOf(whole, cut));
                assertThat(XvaExport.compressedTarProblem(part, c)).as(c + " cut at " + cut).isNotNull();
            }
        }
        // a whole gzip stream around a tar without its end: the compression is fine, the archive is not
        byte[] tarCut = Arrays.copyOf(Files.readAllBytes(
                TransferFixtures.writeXva(dir.resolve("p.xva"), "p", Compression.NONE, disks)), 4096);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(tarCut);
        }
        assertThat(XvaExport.compressedTarProblem(new ByteArrayInputStream(gz.toByteArray()), Compression.GZIP))
                .contains("does not end like a whole tar");
    }
}
