package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.ui.xva.XvaFxSupport;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/**
 * Closing the application while XVA transfers run (the path JavaFX takes when the last window closes):
 * the transfers are cancelled and cleaned up before the process may exit.
 */
@ExtendWith(ApplicationExtension.class)
class XapiCenterAppStopFxTest {
    private static final long MIB = 1024 * 1024;
    private Simulator simulator;
    private XapiCenterApp app;
    private boolean stopped;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        // 128 KiB/s: a transfer of a few MiB lasts many seconds, so it surely runs when the app closes.
        simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(Duration.ofMillis(500)).transferRate(128 * 1024).build());
        XvaFxSupport.resizeDisks(simulator, "dev-sandbox", 8 * MIB);
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        UiLauncher.setOptions(new StartupOptions(List.of(demo), false));
        app = new XapiCenterApp();
        app.start(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (!stopped) {
            WaitForAsyncUtils.asyncFx(app::stop).get();
        }
        UiLauncher.setOptions(StartupOptions.empty());
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(null)).get();
        simulator.close();
    }

    @Test
    void closingTheAppMidExportLeavesNoPartFile(FxRobot robot) throws Exception {
        MainWindow window = app.window();
        waitUntil("the demo pool is in the tree", () -> find(window, "dev-sandbox") != null);
        WaitForAsyncUtils.asyncFx(() -> window.navigation().select(find(window, "dev-sandbox"))).get();
        var wizard = WaitForAsyncUtils.asyncFx(() -> window.xva().openExportWizard()).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        WindowFixture.waitForNode(robot, "#export-file");
        Path target = dir.resolve("closing.xva");
        robot.interact(() -> robot.lookup("#export-file").queryAs(TextField.class).setText(target.toString()));
        robot.interact(() -> robot.lookup("#export-finish").queryButton().fire());
        waitUntil("bytes are moving", () -> window.events().entries().stream().anyMatch(e ->
                e.title().startsWith("Exporting") && e.detail().startsWith("Downloading")
                        && !e.detail().startsWith("Downloading 0 B")));
        assertThat(files()).containsExactly("closing.xva.part");

        WaitForAsyncUtils.asyncFx(app::stop).get();
        stopped = true;

        // stop() returned: the cleanup is done, not merely under way.
        assertThat(files()).isEmpty();
        assertThat(window.xva().jobs().running()).isZero();
    }

    @Test
    void closingTheAppMidImportLeavesNoVm(FxRobot robot) throws Exception {
        MainWindow window = app.window();
        // Connected, not only listed: the Import wizard offers connected pools only.
        waitUntil("the demo pool is connected", () -> find(window, "Demo pool") != null
                && find(window, "Demo pool").getValue().connection().state() == org.xapicenter.cache.ConnectionState.CONNECTED);
        int vmsBefore = simulator.store().refs("VM").size();
        var wizard = WaitForAsyncUtils.asyncFx(() -> window.xva().openImportWizard(XvaFxSupport.vector())).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        waitUntil("the file is read", () -> wizard.preview() != null);
        waitUntil("Import is enabled", () -> !robot.lookup("#import-finish").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#import-finish").queryButton().fire());
        waitUntil("the server is reading the upload", () -> window.events().entries().stream().anyMatch(e ->
                e.title().startsWith("Importing") && XvaFxSupport.serverReading(simulator, e)));

        WaitForAsyncUtils.asyncFx(app::stop).get();
        stopped = true;

        assertThat(window.xva().jobs().running()).isZero();
        assertThat(window.events().entries()).filteredOn(e -> e.title().startsWith("Importing"))
                .noneMatch(e -> e.status() == EventEntry.Status.SUCCEEDED);
        // The host removes what the cancelled import had created.
        waitUntil("no VM was left", () -> simulator.store().refs("VM").size() == vmsBefore);
    }

    private List<String> files() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static TreeItem<NavNode> find(MainWindow window, String name) {
        return find(window.navigation().tree().getRoot(), name);
    }

    private static TreeItem<NavNode> find(TreeItem<NavNode> item, String name) {
        if (item == null) {
            return null;
        }
        if (item.getValue() != null && item.getValue().name().equals(name)) {
            return item;
        }
        for (TreeItem<NavNode> c : item.getChildren()) {
            TreeItem<NavNode> f = find(c, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
