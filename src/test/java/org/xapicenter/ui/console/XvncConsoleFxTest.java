package org.xapicenter.ui.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.rfb.XvncServer;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/**
 * The Console tab against a real VNC server we did not write: TigerVNC's Xvnc behind the simulator's
 * {@code CONNECT /console} (its external-VNC proxy), an xterm on it that writes the line it reads to
 * a file. Keys typed by the robot in the window must arrive in the xterm as the characters typed.
 */
@ExtendWith(ApplicationExtension.class)
class XvncConsoleFxTest {
    private WindowFixture fx;
    private XvncServer xvnc;
    private Simulator simulator;
    private Process xterm;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
        if (simulator != null) {
            simulator.close();
        }
        if (xterm != null) {
            xterm.destroyForcibly();
            xterm.waitFor(10, TimeUnit.SECONDS);
        }
        if (xvnc != null) {
            xvnc.close();
        }
    }

    private boolean xtermMapped() throws Exception {
        Process p = new ProcessBuilder("xwininfo", "-root", "-children", "-display", xvnc.displayName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String tree = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return tree.contains("\"XTerm\")");
    }

    @Test
    void keysTypedInTheWindowReachAnXtermOnXvnc(FxRobot robot, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(XvncServer.isInstalled() && Files.isExecutable(Path.of("/usr/bin/xterm")),
                "Xvnc and xterm are installed by .ci/run");
        xvnc = XvncServer.start("640x480");
        Path out = dir.resolve("typed.txt");
        // No window manager: the keyboard follows the pointer, so the xterm covers the whole screen.
        xterm = xvnc.runClient("xterm", "-geometry", "120x40+0+0", "-e", "sh", "-c",
                "IFS= read -r line; printf '%s' \"$line\" > '" + out + "'; sleep 60");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!xtermMapped()) {
            assertThat(System.nanoTime()).as("xterm appears").isLessThan(deadline);
            Thread.sleep(100);
        }
        simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .externalVnc("127.0.0.1", xvnc.port()).build());
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        waitUntil("the demo pool is shown", () -> fx.findItem("web-01") != null);
        WaitForAsyncUtils.asyncFx(() -> {
            fx.window.navigation().select(fx.findItem("web-01"));
            fx.window.showConsole();
        }).get();
        waitUntil("the console is connected at Xvnc's size", () -> ConsoleFxTest.text(robot, "#console-status")
                .startsWith("Connected · ") && ConsoleFxTest.text(robot, "#console-status").endsWith(" · 640x480"));

        robot.clickOn("#console-image");
        robot.type(KeyCode.E, KeyCode.C, KeyCode.H, KeyCode.O, KeyCode.SPACE);
        robot.press(KeyCode.SHIFT).type(KeyCode.H, KeyCode.DIGIT1).release(KeyCode.SHIFT);
        robot.type(KeyCode.DIGIT4, KeyCode.MINUS, KeyCode.X, KeyCode.ENTER);

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(out) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(out).as("the xterm read a line").exists();
        waitUntil("the line is written", () -> {
            try {
                return Files.readString(out).equals("echo H!4-x");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
