package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.transfer.TransferFixtures.Disk;
import org.xapicenter.xva.Compression;

/**
 * Memory stays flat whatever the VM's size: the export and import commands, each in a child JVM with a
 * 128 MiB heap, move a VM with 8 GiB of disks (sparse: a few MiB of data, the rest skipped zero blocks).
 */
class TransferMemoryTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;

    private static Process java(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true",
                "-DXAPICENTER_LOG_DIR=" + System.getProperty("java.io.tmpdir"),
                "org.xapicenter.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String finish(Process p, Path log) throws Exception {
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            // a hung child must not outlive the test (and keep its ports and files)
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(false).as("the child JVM finished within 5 minutes:%n%s",
                    Files.readString(log, StandardCharsets.UTF_8)).isTrue();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aSeveralGibVmGoesOutAndBackInWithA128MibHeap() throws Exception {
        Disk big = new Disk("Ref:10", 6 * GIB + 4096, 0, 1, 3000, 6144);
        Disk second = new Disk("Ref:11", 2 * GIB, 0, 1000, 2047);
        Path source = TransferFixtures.writeXva(dir.resolve("big.xva"), "big sparse vm", Compression.NONE,
                List.of(big, second));
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).build());
             XapiSession session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                     SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            String vm = new XvaImport(session, source, ImportOptions.defaults()).run(TransferListener.NONE).get(0);
            String uuid = (String) session.call("VM.get_uuid", vm);
            Path pw = Files.writeString(dir.resolve("pw"), SimulatorOptions.DEFAULT_PASSWORD + "\n");
            String[] login = {"--server", sim.httpUrl().toString(), "--user", SimulatorOptions.DEFAULT_USER,
                    "--password-file", pw.toString()};

            Path exported = dir.resolve("exported.xva");
            Path exportLog = dir.resolve("export.log");
            String out = finish(java(exportLog, concat(new String[] {"export"}, login,
                    new String[] {"--vm", uuid, exported.toString()})), exportLog);
            // verified block by block by the child; the round-trip tests compare disk bytes, at a smaller size
            assertThat(out).contains("verified").contains(big.size() + " bytes");
            assertThat(out).contains(second.size() + " bytes");
            assertThat(Files.size(exported)).isLessThan(32L * 1024 * 1024);

            Path importLog = dir.resolve("import.log");
            String imported = finish(java(importLog, concat(new String[] {"import"}, login,
                    new String[] {exported.toString()})), importLog);
            String newUuid = imported.lines().filter(l -> l.matches("[0-9a-f-]{36}")).findFirst().orElseThrow();
            String newVm = (String) session.call("VM.get_by_uuid", newUuid);
            List<Long> sizes = new ArrayList<>();
            for (Object vbd : (List<?>) session.call("VM.get_VBDs", newVm)) {
                String vdi = (String) session.call("VBD.get_VDI", vbd);
                sizes.add(Long.parseLong(String.valueOf(session.call("VDI.get_virtual_size", vdi))));
            }
            assertThat(sizes).containsExactlyInAnyOrder(big.size(), second.size());
        }
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(String[]::new);
    }
}
