package org.xapicenter.ui.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.ServerLogin;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/**
 * The Console tab end to end: the real window and client, the simulator's demo pool with its
 * built-in consoles behind {@code CONNECT /console}, and the robot's keyboard and mouse.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleFxTest {
    private Simulator simulator;
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1).build());
    }

    @AfterEach
    void tearDown() {
        fx.close();
        simulator.close();
    }

    private void connect() throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        waitUntil("the demo pool is shown", () -> fx.findItem("web-01") != null && fx.findItem("dev-sandbox") != null);
    }

    private void openConsoleOf(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem(name))).get();
        WaitForAsyncUtils.asyncFx(fx.window::showConsole).get();
        WindowFixture.waitForNode(robot, "#console-view");
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Label l ? l.getText() : "").orElse("");
    }

    @Test
    void aHaltedVmShowsThatItIsNotRunning(FxRobot robot) throws Exception {
        connect();
        openConsoleOf(robot, "dev-sandbox");
        waitUntil("the empty state says why", () -> robot.lookup("#console-empty").tryQuery().isPresent()
                && robot.from(robot.lookup("#console-empty").<Node>query()).lookup(".empty-title").tryQuery()
                        .map(n -> ((Label) n).getText().equals("The VM is not running")).orElse(false));
        assertThat(text(robot, "#console-status")).isEmpty();
        assertThat(robot.lookup("#console-ctrl-alt-del").queryButton().isDisabled()).isTrue();
    }
}
