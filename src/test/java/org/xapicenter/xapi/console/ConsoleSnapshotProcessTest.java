package org.xapicenter.xapi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.Main;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/** {@code console-snapshot} as a user runs it: a separate JVM on Main, against the simulator's built-in console. */
class ConsoleSnapshotProcessTest {

    private static Process java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true",
                "-DXAPICENTER_LOG_DIR=" + System.getProperty("java.io.tmpdir"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void writesTheFirstFrameOfARunningVmAndExits0AndAHaltedOneIsOneSentenceAndExit1(@TempDir Path dir) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).build())) {
            String running = null;
            String halted = null;
            try (XapiSession s = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
                for (XapiRecord r : s.getAllRecords("VM").values()) {
                    if (r instanceof Vm vm && vm.isGuest()) {
                        if (vm.powerState() == PowerState.RUNNING && running == null) {
                            running = vm.nameLabel();
                        } else if (vm.powerState() == PowerState.HALTED && halted == null) {
                            halted = vm.uuid();
                        }
                    }
                }
            }
            Path pw = Files.writeString(dir.resolve("pw"), SimulatorOptions.DEFAULT_PASSWORD + "\n");
            Path png = dir.resolve("console.png");
            Process ok = java("console-snapshot", "--server", sim.httpUrl().toString(), "--user", "root",
                    "--password-file", pw.toString(), "--vm", running, png.toString());
            String okText = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ok.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(ok.exitValue()).as(okText).isZero();
            assertThat(okText).contains("wrote " + png);
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isPositive();
            assertThat(img.getHeight()).isPositive();

            Process bad = java("console-snapshot", "--server", sim.httpUrl().toString(), "--user", "root",
                    "--password-file", pw.toString(), "--vm", halted, dir.resolve("halted.png").toString());
            String badText = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bad.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(bad.exitValue()).isEqualTo(1);
            assertThat(badText.strip()).startsWith("console-snapshot: The VM ").contains("halted")
                    .doesNotContain("\n").doesNotContain("Exception");
            assertThat(dir.resolve("halted.png")).doesNotExist();
        }
    }
}
