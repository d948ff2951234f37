package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.xapicenter.xva.XvaException;

/** Imports into the simulator and exports back over real sockets: round trips, the XO vector, cancel. */
class XvaImportTest {
    private static final int MIB = TransferFixtures.MIB;

    private static Simulator sim;
    private static XapiSession session;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).build());
        session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() {
        session.close();
        sim.close();
    }

    @Test
    void aVmWithSeveralSparseDisksAndShortBlocksComesBackByteForByte() throws Exception {
        // Ref:10 sorts before Ref:2: disks travel in the string order of their ids
        List<Disk> disks = List.of(
                new Disk("Ref:10", 3L * MIB + 12_345, 0, 2, 3),
                new Disk("Ref:2", 8L * MIB, 5),
                new Disk("Ref:3", MIB + 1, 0, 1));
        Path xva = TransferFixtures.writeXva(dir.resolve("several.xva"), "round trip", Compression.NONE, disks);

        List<TransferProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        XvaImport importer = new XvaImport(session, xva, ImportOptions.defaults());
        List<String> vms = importer.run(seen::add);
        assertThat(vms).hasSize(1);
        assertThat(session.call("VM.get_name_label", vms.get(0))).isEqualTo("round trip");
        assertThat(seen).extracting(TransferProgress::phase).contains(TransferProgress.Phase.TRANSFERRING,
                TransferProgress.Phase.DONE);
        assertThat(importer.metadata().disks()).hasSize(3);

        Path back = dir.resolve("back.xva");
        ExportResult result = new XvaExport(session, vms.get(0), back, ExportOptions.defaults()).run(TransferListener.NONE);
        assertThat(result.verification().disks()).hasSize(3);

        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < disks.size(); i++) {
            expected.put("round trip disk " + i, disks.get(i).sha256());
        }
        Map<String, String> got = TransferFixtures.diskDigests(back);
        assertThat(got.values()).containsExactlyInAnyOrderElementsOf(expected.values());
    }

    @Test
    void theXenOrchestraVectorImportedThenExportedKeepsItsDiskBytes() throws Exception {
        Path vector = TransferFixtures.vectors().resolve("xo-written-5MiB.xva");
        String sha = Files.readString(TransferFixtures.vectors().resolve("xo-written-5MiB.disk.sha256"))
                .trim().split("\\s+")[0];
        List<String> vms = new XvaImport(session, vector, ImportOptions.defaults()).run(TransferListener.NONE);
        Path back = dir.resolve("xo-back.xva");
        new XvaExport(session, vms.get(0), back, ExportOptions.defaults()).run(TransferListener.NONE);
        assertThat(TransferFixtures.diskDigests(back).values()).containsExactly(sha);
    }

    @Test
    void aGzipFileIsSentAsItIsAndStartsWhenAsked() throws Exception {
        Path xva = TransferFixtures.writeXva(dir.resolve("small.xva.gz"), "gzipped", Compression.GZIP,
                List.of(new Disk("Ref:5", 2L * MIB, 0, 1)));
        List<String> vms = new XvaImport(session, xva, new ImportOptions(null, false, true)).run(TransferListener.NONE);
        assertThat(session.call("VM.get_name_label", vms.get(0))).isEqualTo("gzipped");
        assertThat(session.call("VM.get_power_state", vms.get(0))).isEqualTo("Running");
    }

    @Test
    void aFileThatIsNotAnXvaFailsBeforeAnyTaskIsMade() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.xva"), "these are not the bytes you are looking for\n",
                StandardCharsets.UTF_8);
        int tasksBefore = ((List<?>) session.call("task.get_all")).size();
        XvaImport importer = new XvaImport(session, text, ImportOptions.defaults());
        assertThatThrownBy(() -> importer.run(TransferListener.NONE)).isInstanceOf(XvaException.class);
        assertThat(importer.taskRef()).isNull();
        assertThat(((List<?>) session.call("task.get_all")).size()).isEqualTo(tasksBefore);
    }

    @Test
    void aCancelledImportLeavesNoVmAndNoDiskBehind() throws Exception {
        long[] blocks = new long[48];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = i;
        }
        Path xva = TransferFixtures.writeXva(dir.resolve("big.xva"), "to be cancelled", Compression.NONE,
                List.of(new Disk("Ref:7", 48L * MIB, blocks)));
        int vmsBefore = ((List<?>) session.call("VM.get_all")).size();
        int vdisBefore = ((List<?>) session.call("VDI.get_all")).size();

        XvaImport importer = new XvaImport(session, xva, ImportOptions.defaults());
        assertThatThrownBy(() -> importer.run(p -> {
            if (p.phase() == TransferProgress.Phase.TRANSFERRING) {
                importer.cancel();
            }
        })).isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("TASK_CANCELLED"));

        // A cancel that lands before the host's import handler took the task over is ended by the client at
        // once; the handler then meets the cancel at its next step and removes what it made, a moment later.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (((List<?>) session.call("VM.get_all")).size() != vmsBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(((List<?>) session.call("VM.get_all")).size()).isEqualTo(vmsBefore);
        assertThat(((List<?>) session.call("VDI.get_all")).size()).isEqualTo(vdisBefore);
        assertThat((List<?>) session.call("VM.get_by_name_label", "to be cancelled")).isEmpty();
    }

    @Test
    void aDamagedBlockFailsTheImportWithTheHostsErrorUnlessForced() throws Exception {
        Path xva = TransferFixtures.writeXva(dir.resolve("damaged.xva"), "damaged", Compression.NONE,
                List.of(new Disk("Ref:6", 8L * MIB, 0, 1, 2, 3, 4, 5, 6, 7)));
        byte[] bytes = Files.readAllBytes(xva);
        int header = indexOf(bytes, "Ref:6/00000005".getBytes(StandardCharsets.US_ASCII));
        assertThat(header).isPositive();
        bytes[header + 512 + 1000] ^= 0x40; // a byte of the block's data, after its 512-byte tar header
        Files.write(xva, bytes);
        int vmsBefore = ((List<?>) session.call("VM.get_all")).size();

        assertThatThrownBy(() -> new XvaImport(session, xva, ImportOptions.defaults()).run(TransferListener.NONE))
                .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).startsWith("IMPORT_ERROR"));
        assertThat(((List<?>) session.call("VM.get_all")).size()).isEqualTo(vmsBefore);

        List<String> forced = new XvaImport(session, xva, new ImportOptions(null, true, false)).run(TransferListener.NONE);
        assertThat(session.call("VM.get_name_label", forced.get(0))).isEqualTo("damaged");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void anUnknownSrIsTheHostsError() throws Exception {
        Path xva = TransferFixtures.writeXva(dir.resolve("nowhere.xva"), "nowhere", Compression.NONE,
                List.of(new Disk("Ref:5", MIB, 0)));
        assertThatThrownBy(() -> new XvaImport(session, xva, new ImportOptions("OpaqueRef:no-such-sr", false, false))
                .run(TransferListener.NONE)).isInstanceOf(XapiException.class);
        assertThat((List<?>) session.call("VM.get_by_name_label", "nowhere")).isEmpty();
    }
}
