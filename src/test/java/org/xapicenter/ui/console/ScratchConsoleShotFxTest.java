package org.xapicenter.ui.console;

import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.testing.Snapshots;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

@ExtendWith(ApplicationExtension.class)
class ScratchConsoleShotFxTest {
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @Test
    void shot(FxRobot robot) throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1).build())) {
            ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
            WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
            waitUntil("shown", () -> fx.findItem("web-01") != null);
            WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("web-01"))).get();
            WaitForAsyncUtils.asyncFx(fx.window::showConsole).get();
            waitUntil("status", () -> ConsoleFxTest.text(robot, "#console-status").startsWith(System.getProperty("scratch.wait", "Conn")));
            Thread.sleep(Long.getLong("scratch.sleep", 500));
            Snapshots.write(fx.scene, Path.of("target/scratch-console.png"));
            System.out.println("STATUS: " + ConsoleFxTest.text(robot, "#console-status"));
            WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(true)).get();
            Snapshots.write(fx.scene, Path.of("target/scratch-console-dark.png"));
            WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
        } finally {
            fx.close();
        }
    }
}
