package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xapi.record.Vm;

/**
 * A terminal's interrupt (SIGTERM here; Ctrl-C's SIGINT runs the same shutdown hooks) during
 * {@code export}: the process ends once it has cleaned up, leaving neither the part file nor a pending
 * task. The simulator paces the export so that it is still running when the signal comes.
 */
class TransferInterruptTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedExportEndsWithoutItsPartFileOrAPendingTask() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).transferRate(256 * 1024).build());
             XapiSession session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                     SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            Vm vm = TransferFixtures.haltedGuestWithDisks(session);
            String uuid = (String) session.call("VM.get_uuid", vm.ref());
            Path pw = Files.writeString(dir.resolve("pw"), SimulatorOptions.DEFAULT_PASSWORD + "\n");
            Path out = dir.resolve("out.xva");
            Path part = XvaExport.partFile(out);
            Path log = dir.resolve("export.log");
            Process p = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                    "-DXAPICENTER_LOG_DIR=" + System.getProperty("java.io.tmpdir"), "org.xapicenter.Main",
                    "export", "--server", sim.httpUrl().toString(), "--user", SimulatorOptions.DEFAULT_USER,
                    "--password-file", pw.toString(), "--vm", uuid, out.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!(Files.exists(part) && Files.size(part) > 0) && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(Files.exists(part)).as("the export is under way: %s",
                        Files.readString(log, StandardCharsets.UTF_8)).isTrue();
                p.destroy(); // SIGTERM: the shutdown hooks run, as on Ctrl-C
                assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the process ended").isTrue();
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            assertThat(TransferFixtures.files(dir)).as(Files.readString(log, StandardCharsets.UTF_8))
                    .doesNotContain("out.xva.part", "out.xva");
            for (XapiRecord r : session.getAllRecords("task").values()) {
                Task t = (Task) r;
                if (t.nameLabel().startsWith("Export of")) {
                    assertThat(t.status().finished()).as("task %s", t.nameLabel()).isTrue();
                }
            }
        }
    }
}
