package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.cli.ExportCommand;
import org.xapicenter.xapi.cli.ImportCommand;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.transfer.TransferFixtures.Disk;
import org.xapicenter.xva.Compression;

/** The export and import commands against the simulator: exit codes and what they print. */
class TransferCommandsTest {
    private static Simulator sim;
    private static XapiSession session;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).build());
        session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() {
        session.close();
        sim.close();
    }

    /** Exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
    }

    private Run run(boolean export, String... args) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), SimulatorOptions.DEFAULT_PASSWORD + "\n");
        List<String> all = new ArrayList<>(List.of("--server", sim.httpUrl().toString(), "--user",
                SimulatorOptions.DEFAULT_USER, "--password-file", pw.toString()));
        all.addAll(Arrays.asList(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            String[] a = all.toArray(String[]::new);
            int code = export ? ExportCommand.run(a, o, e) : ImportCommand.run(a, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void importThenExportByNameSucceedWithExitZero() throws Exception {
        Disk disk = new Disk("Ref:3", 3L * TransferFixtures.MIB, 0, 1);
        Path xva = TransferFixtures.writeXva(dir.resolve("cli.xva"), "cli vm", Compression.NONE, List.of(disk));
        String pool = (String) ((List<?>) session.call("pool.get_all")).get(0);
        String srUuid = (String) session.call("SR.get_uuid", session.call("pool.get_default_SR", pool));
        Run imported = run(false, "--sr", srUuid, xva.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        String uuid = imported.out().trim();
        assertThat(session.call("VM.get_name_label", session.call("VM.get_by_uuid", uuid))).isEqualTo("cli vm");

        Path out = dir.resolve("cli-back.xva");
        Run exported = run(true, "--vm", "cli vm", out.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("Exported to").contains("verified");
        assertThat(TransferFixtures.diskDigests(out).values()).containsExactly(disk.sha256());
    }

    @Test
    void exportByUuidWithoutVerificationSucceeds() throws Exception {
        Path source = TransferFixtures.writeXva(dir.resolve("source.xva"), "by uuid", Compression.NONE,
                List.of(new Disk("Ref:1", TransferFixtures.MIB, 0)));
        String vm = new XvaImport(session, source, ImportOptions.defaults()).run(TransferListener.NONE).get(0);
        String uuid = (String) session.call("VM.get_uuid", vm);
        Path out = dir.resolve("by-uuid.xva.gz");
        Run r = run(true, "--vm", uuid, "--no-verify", "--compress", "gzip", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("not verified");
        assertThat(TransferFixtures.diskDigests(out)).hasSize(1);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(run(true, "out.xva").code()).isEqualTo(2);
        assertThat(run(true, "--vm", "x").code()).isEqualTo(2);
        assertThat(run(true, "--vm", "x", "--compress", "lz4", "o.xva").code()).isEqualTo(2);
        assertThat(run(false).code()).isEqualTo(2);
        assertThat(run(false, "--bogus", "f.xva").code()).isEqualTo(2);
    }

    @Test
    void failuresExitOneWithOneSentenceAndNoStackTrace() throws Exception {
        Run noVm = run(true, "--vm", "no such vm anywhere", dir.resolve("x.xva").toString());
        assertThat(noVm.code()).isEqualTo(1);
        assertThat(noVm.err().trim()).startsWith("export: No VM is named").doesNotContain("\n").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("x.xva"))).isFalse();

        String running = null;
        for (var r : session.getAllRecords("VM").values()) {
            if (r instanceof Vm vm && vm.isGuest() && vm.powerState() == org.xapicenter.xapi.record.PowerState.RUNNING) {
                running = (String) session.call("VM.get_uuid", vm.ref());
                break;
            }
        }
        Run busy = run(true, "--vm", running, dir.resolve("y.xva").toString());
        assertThat(busy.code()).isEqualTo(1);
        // the window's sentence (one source of texts), the VM named as the user named it, no ref
        assertThat(busy.err()).contains("must be halted").contains(running).doesNotContain("Exception")
                .doesNotContain("OpaqueRef");

        Path text = Files.writeString(dir.resolve("text.xva"), "hello\n");
        Run notXva = run(false, text.toString());
        assertThat(notXva.code()).isEqualTo(1);
        assertThat(notXva.err().trim()).startsWith("import: ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(notXva.out()).isEmpty();

        Run noFolder = run(true, "--vm", running, dir.resolve("no-such-folder").resolve("z.xva").toString());
        assertThat(noFolder.code()).isEqualTo(1);
        assertThat(noFolder.err().trim()).isEqualTo("export: No such file or folder: " + dir.resolve("no-such-folder") + ".");

        Run missing = run(false, dir.resolve("missing.xva").toString());
        assertThat(missing.code()).isEqualTo(1);
    }
}
