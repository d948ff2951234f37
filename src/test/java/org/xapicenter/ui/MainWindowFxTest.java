package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.record.PowerState;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * The real window, fed by a real ObjectCache that the test changes from its own thread the way
 * the event loop does. (The end-to-end tests against the simulator live in DemoPoolFxTest.)
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private CacheLink addPool(FxRobot robot, CacheLink.Server server) {
        CacheLink link = new CacheLink("lab.example:443", server);
        WaitForAsyncUtils.asyncFx(() -> fx.connections.add(link));
        WaitForAsyncUtils.waitForFxEvents();
        CacheFeeder.fill(link.cache(), Pools.smallPool());
        waitUntil("the pool is in the tree", () -> fx.findItem("Lab pool") != null);
        WindowFixture.treeCell(robot, "db-01");
        return link;
    }

    @Test
    void withoutServersTheWindowInvitesToAddOne(FxRobot robot) {
        assertThat(robot.lookup("No servers yet").tryQuery()).isPresent();
        assertThat(robot.lookup("#add-first-server").queryAs(Button.class).isVisible()).isTrue();
    }

    @Test
    void thePoolAppearsSelectedWithHostsAndVms(FxRobot robot) {
        addPool(robot, (m, a) -> null);
        waitUntil("VMs are shown", () -> fx.findItem("web-01") != null && fx.findItem("db-01") != null);
        assertThat(fx.findItem("web-01").getParent().getValue().name()).isEqualTo("xcp-host-1");
        assertThat(fx.findItem("Debian Bookworm 12")).isNull();
        waitUntil("the pool is selected and shown", () -> robot.lookup("#general-title").tryQuery()
                .map(n -> ((Label) n).getText().equals("Lab pool")).orElse(false));
        assertThat(robot.lookup("#prop-coordinator").queryAs(Label.class).getText()).isEqualTo("xcp-host-1");
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().tree().getSelectionModel().clearSelection());
        WindowFixture.waitForNode(robot, "Nothing selected");
    }

    @Test
    void selectingAVmShowsItsGeneralTabAndEnablesWhatItAllows(FxRobot robot) {
        addPool(robot, (m, a) -> null);
        robot.clickOn(WindowFixture.treeCell(robot, "db-01"));
        waitUntil("General shows db-01", () -> "db-01".equals(robot.lookup("#general-title").queryAs(Label.class).getText()));
        assertThat(robot.lookup("#prop-power-state").queryAs(Label.class).getText()).isEqualTo("Halted");
        assertThat(robot.lookup("#toolbar-start").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#toolbar-shut-down").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn(WindowFixture.treeCell(robot, "web-01"));
        waitUntil("toolbar follows the selection", () -> robot.lookup("#toolbar-start").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#toolbar-shut-down").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void startFromTheContextMenuShowsProgressAndEndsRunningUnderItsHost(FxRobot robot) {
        String task = "OpaqueRef:task-start";
        CacheLink[] holder = new CacheLink[1];
        CacheLink link = addPool(robot, (method, args) -> {
            // what a server does: a task appears and advances; the VM moves when it is done
            if (!"Async.VM.start".equals(method)) {
                return null;
            }
            XapiRecord vm = holder[0].cache().get((String) args.get(0));
            CacheFeeder.put(holder[0].cache(), taskRecord(task, "pending", 0.4),
                    Pools.with(vm, "allowed_operations", List.of(), "current_operations", Map.of(task, "start")));
            return task;
        });
        holder[0] = link;
        javafx.scene.Node menu = WindowFixture.openContextMenu(robot, WindowFixture.treeCell(robot, "db-01"));
        // the toolbar has a "Start" too: click the one in the menu
        robot.clickOn(robot.from(menu).lookup("Start").<javafx.scene.Node>query());
        waitUntil("an Events entry with a progress bar", () -> {
            TableView<?> t = robot.lookup("#events-table").queryAs(TableView.class);
            return !t.getItems().isEmpty() && robot.lookup("#events-table .progress-bar").tryQuery().isPresent();
        });
        EventEntry entry = fx.window.events().entries().get(0);
        assertThat(entry.title()).isEqualTo("Starting VM 'db-01'");
        waitUntil("progress follows the task", () -> entry.progress() == 0.4);
        assertThat(robot.lookup("#events-table .progress-bar").queryAs(ProgressBar.class).getProgress()).isEqualTo(0.4);

        XapiRecord vm = link.cache().get(Pools.ref("vm-db-01"));
        CacheFeeder.put(link.cache(), taskRecord(task, "success", 1.0),
                Pools.with(vm, "power_state", "Running", "resident_on", Pools.ref("host-2"),
                        "allowed_operations", Pools.ops("Running"), "current_operations", Map.of()));
        waitUntil("db-01 runs on its host", () -> {
            TreeItem<NavNode> i = fx.findItem("db-01");
            return i != null && i.getValue().power() == PowerState.RUNNING
                    && i.getParent().getValue().name().equals("xcp-host-2");
        });
        waitUntil("the entry completed", () -> entry.status() == EventEntry.Status.SUCCEEDED);
        // still selected after moving, and the toolbar now offers shut down
        waitUntil("selection kept", () -> fx.window.navigation().selectionProperty().get() != null
                && fx.window.navigation().selectionProperty().get().name().equals("db-01"));
        assertThat(robot.lookup("#toolbar-shut-down").queryAs(Button.class).isDisabled()).isFalse();
        // the General header drops the busy badge with the operation and turns to the running colour
        waitUntil("header icon shows a running, idle VM", () -> robot.lookup(".general-icon .state-running").tryQuery().isPresent()
                && robot.lookup(".general-icon .tree-badge").tryQuery().isEmpty());
        assertThat(link.calls()).containsExactly("Async.VM.start");
    }

    @Test
    void aRefusedActionIsAFailedEventInWords(FxRobot robot) {
        addPool(robot, (m, a) -> {
            throw new XapiException("VM_BAD_POWER_STATE", List.of((String) a.get(0), "halted", "running"));
        });
        robot.clickOn(WindowFixture.treeCell(robot, "db-01"));
        robot.clickOn("#toolbar-start");
        waitUntil("the failure is listed", () -> !fx.window.events().entries().isEmpty()
                && fx.window.events().entries().get(0).status() == EventEntry.Status.FAILED);
        String text = "The VM \"db-01\" must be halted for this, but it is running.";
        assertThat(fx.window.events().entries().get(0).detail()).isEqualTo(text);
        assertThat(robot.lookup(text).tryQuery()).isPresent();
    }

    @Test
    void aRenameByAnotherClientShowsWithoutAnyClick(FxRobot robot) {
        CacheLink link = addPool(robot, (m, a) -> null);
        XapiRecord vm = link.cache().get(Pools.ref("vm-build-01"));
        CacheFeeder.put(link.cache(), Pools.with(vm, "name_label", "build-renamed"));
        waitUntil("the new name shows", () -> fx.findItem("build-renamed") != null && fx.findItem("build-01") == null);
    }

    @Test
    void theFilterBoxNarrowsTheTree(FxRobot robot) {
        addPool(robot, (m, a) -> null);
        robot.clickOn("#tree-filter").write("mail");
        waitUntil("only mail-01 is left", () -> fx.findItem("mail-01") != null && fx.findItem("db-01") == null
                && fx.findItem("web-01") == null);
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#tree-filter").queryAs(TextField.class).clear());
        waitUntil("everything is back", () -> fx.findItem("db-01") != null);
    }

    @Test
    void theSelectedServerFollowsItsConnectionState(FxRobot robot) {
        CacheLink link = new CacheLink("later.example:443", (m, a) -> null);
        link.setState(ConnectionState.CONNECTING, null);
        WaitForAsyncUtils.asyncFx(() -> fx.connections.add(link));
        robot.clickOn(WindowFixture.treeCell(robot, "later.example:443 — connecting…"));
        waitUntil("General says connecting", () -> robot.lookup("#prop-state").tryQuery()
                .map(n -> ((Label) n).getText().equals("Connecting…")).orElse(false));
        link.setState(ConnectionState.RECONNECTING, new java.io.IOException("gone", new java.net.SocketTimeoutException("Read timed out")));
        waitUntil("General says why it is reconnecting", () -> robot.lookup("#prop-problem").tryQuery()
                .map(n -> ((Label) n).getText().startsWith("The server did not answer in time")).orElse(false));
    }

    @Test
    void aFailedConnectionSaysWhyInWords(FxRobot robot) {
        CacheLink link = new CacheLink("nowhere.example:443", (m, a) -> null);
        WaitForAsyncUtils.asyncFx(() -> fx.connections.add(link));
        link.setState(ConnectionState.FAILED,
                new XapiException("SESSION_AUTHENTICATION_FAILED", List.of("root", "Authentication failure")));
        waitUntil("the server node says it failed", () -> {
            TreeItem<NavNode> i = fx.findItem("nowhere.example:443");
            return i != null && i.getValue().state() == ConnectionState.FAILED;
        });
        // the first server is selected by itself
        WindowFixture.treeCell(robot, "nowhere.example:443 — could not connect");
        waitUntil("the reason is shown", () -> robot.lookup("#prop-problem").tryQuery().isPresent());
        assertThat(robot.lookup("#prop-problem").queryAs(Label.class).getText())
                .isEqualTo("Log-in refused: the user name or password for \"root\" is wrong.");
    }

    @Test
    void disconnectingFromThePoolMenuEmptiesTheWindow(FxRobot robot) {
        addPool(robot, (m, a) -> null);
        javafx.scene.Node menu = WindowFixture.openContextMenu(robot, WindowFixture.treeCell(robot, "Lab pool"));
        robot.clickOn(robot.from(menu).lookup("Disconnect").<javafx.scene.Node>query());
        waitUntil("the pool is gone", () -> fx.findItem("Lab pool") == null && fx.connections.all().isEmpty());
        WindowFixture.waitForNode(robot, "No servers yet");
    }

    @Test
    void theDarkThemeCanBeSwitchedOn(FxRobot robot) {
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(true));
        waitUntil("dark theme applied", () -> javafx.application.Application.getUserAgentStylesheet().contains("dark"));
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false));
        waitUntil("light again", () -> javafx.application.Application.getUserAgentStylesheet().contains("light"));
    }

    private static XapiRecord taskRecord(String ref, String status, double progress) {
        return Pools.record("task", ref, "name_label", "Async.VM.start", "status", status, "progress", Double.toString(progress),
                "created", "20260101T10:00:00Z", "allowed_operations", "pending".equals(status) ? List.of("cancel") : List.of(),
                "subtask_of", XapiRecord.NULL_REF, "error_info", List.of());
    }
}
