package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TreeItem;
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
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.PowerState;

/**
 * End to end: the real window, the real client (PoolConnection, event.from over a real socket)
 * and the embedded simulator's demo pool. Nothing in between is faked.
 */
@ExtendWith(ApplicationExtension.class)
class DemoPoolFxTest {
    private Simulator simulator;
    private WindowFixture fx;

    /** A fresh demo pool per test: each test changes it. */
    @BeforeEach
    void startSimulator() {
        // Operations last long enough to watch their progress, short enough for a test.
        startSimulator(Duration.ofMillis(2500));
    }

    private void startSimulator(Duration operationDuration) {
        if (simulator != null) {
            simulator.close();
        }
        simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(operationDuration).build());
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void closeWindow() {
        fx.close();
    }

    ServerLogin demoLogin(Protocol protocol) {
        return new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), protocol), SimulatorOptions.DEFAULT_USER,
                SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    private void connect(Protocol protocol) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demoLogin(protocol))).get();
        waitUntil("the demo pool is in the tree", () -> fx.findItem("Demo pool") != null);
    }

    @Test
    void theDemoPoolAppearsInTheTree(FxRobot robot) throws Exception {
        connect(Protocol.XML_RPC);
        waitUntil("hosts, VMs, SRs and networks are shown", () -> fx.findItem("xcp-ng-03") != null
                && fx.findItem("web-01") != null && fx.findItem("NFS storage") != null
                && fx.findItem("legacy-app") != null);
        WaitForAsyncUtils.asyncFx(() -> {
            TreeItem<NavNode> pool = fx.findItem("Demo pool");
            assertThat(fx.findItem("web-01").getParent().getValue().name()).startsWith("xcp-ng-");
            assertThat(fx.findItem("web-01").getValue().power()).isEqualTo(PowerState.RUNNING);
            assertThat(fx.findItem("dev-sandbox").getParent()).isSameAs(pool);
            assertThat(fx.findItem("build-runner").getValue().power()).isEqualTo(PowerState.SUSPENDED);
            assertThat(fx.findItem("Debian Bookworm 12")).as("templates hidden").isNull();
        }).get();
        robot.clickOn(WindowFixture.treeCell(robot, "web-01"));
        waitUntil("General shows the guest's OS", () -> robot.lookup("#prop-operating-system").tryQuery()
                .map(n -> ((javafx.scene.control.Label) n).getText().contains("Debian")).orElse(false));
    }

    @Test
    void startingAHaltedVmFromItsMenuShowsProgressAndEndsRunning(FxRobot robot) throws Exception {
        connect(Protocol.JSON_RPC);
        Node menu = WindowFixture.openContextMenu(robot, WindowFixture.treeCell(robot, "dev-sandbox"));
        robot.clickOn(robot.from(menu).lookup("Start").<Node>query());
        waitUntil("the start is in the Events panel", () -> !fx.window.events().entries().isEmpty()
                && fx.window.events().entries().get(0).title().equals("Starting VM 'dev-sandbox'"));
        EventEntry entry = fx.window.events().entries().get(0);
        waitUntil("a progress bar shows the running task", () -> entry.taskRef() != null
                && robot.lookup("#events-table .progress-bar").tryQuery().isPresent());
        ProgressBar bar = robot.lookup("#events-table .progress-bar").queryAs(ProgressBar.class);
        assertThat(bar.progressProperty().isBound()).isTrue();
        waitUntil("the task succeeded", () -> entry.status() == EventEntry.Status.SUCCEEDED);
        assertThat(bar.getProgress()).isEqualTo(1.0);
        waitUntil("dev-sandbox runs on a host", () -> {
            TreeItem<NavNode> vm = fx.findItem("dev-sandbox");
            return vm != null && vm.getValue().power() == PowerState.RUNNING
                    && vm.getParent().getValue().name().startsWith("xcp-ng-");
        });
    }

    @Test
    void cancellingAStartFromTheEventsPanelLeavesTheVmHalted(FxRobot robot) throws Exception {
        // The click must land while the start runs: on a busy machine a short one could succeed
        // first. Cancel ends this one early, so its length costs nothing.
        startSimulator(Duration.ofSeconds(30));
        connect(Protocol.XML_RPC);
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("win11-test"))).get();
        waitUntil("Start is offered", () -> !robot.lookup("#toolbar-start").queryButton().isDisabled());
        robot.clickOn("#toolbar-start");
        waitUntil("the start can be cancelled", () -> !fx.window.events().entries().isEmpty()
                && fx.window.events().entries().get(0).cancellableProperty().get());
        EventEntry entry = fx.window.events().entries().get(0);
        robot.clickOn(robot.lookup("#events-table .event-cancel").match(Node::isVisible).<Node>query());
        waitUntil("the task is cancelled", () -> entry.status() == EventEntry.Status.CANCELLED);
        assertThat(entry.detail()).isEqualTo("The operation was cancelled.");
        waitUntil("win11-test is still halted under the pool", () -> {
            TreeItem<NavNode> vm = fx.findItem("win11-test");
            return vm != null && vm.getValue().power() == PowerState.HALTED
                    && vm.getParent() == fx.findItem("Demo pool") && !vm.getValue().busy();
        });
    }

    @Test
    void aSelfSignedCertificateIsExplainedInWords(FxRobot robot) throws Exception {
        try (Simulator tls = Simulator.start(SimulatorOptions.builder().httpPort(-1).httpsPort(0).build())) {
            ServerLogin login = new ServerLogin(ConnectionSettings.of(tls.httpsUrl(), Protocol.XML_RPC),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
            WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(login)).get();
            waitUntil("the problem is explained", () -> robot.lookup("#prop-problem").tryQuery()
                    .map(n -> ((javafx.scene.control.Label) n).getText().startsWith("The server's certificate is not trusted"))
                    .orElse(false));
        }
    }

    @Test
    void aRenameByAnotherClientAppearsWithoutAnyUserAction(FxRobot robot) throws Exception {
        connect(Protocol.XML_RPC);
        waitUntil("legacy-app is listed", () -> fx.findItem("legacy-app") != null);
        try (XapiSession other = XapiSession.login(ConnectionSettings.of(simulator.httpUrl(), Protocol.JSON_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            Object refs = other.call("VM.get_by_name_label", "legacy-app");
            String ref = String.valueOf(refs instanceof List<?> l ? l.get(0) : ((Object[]) refs)[0]);
            other.call("VM.set_name_label", ref, "legacy-app-renamed");
        }
        waitUntil("the new name is in the tree", () -> fx.findItem("legacy-app-renamed") != null
                && fx.findItem("legacy-app") == null);
    }
}
