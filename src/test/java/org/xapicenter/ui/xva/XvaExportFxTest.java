package org.xapicenter.ui.xva;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.sim.Simulator;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSink;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.XvaSummary;

/** The Export wizard on the simulator's demo pool: menu, wizard, Events entry, the file it leaves. */
@ExtendWith(ApplicationExtension.class)
class XvaExportFxTest {
    private static final long MIB = 1024 * 1024;
    private Simulator simulator;
    private WindowFixture fx;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    /** Slow enough that an export of a few MiB takes many seconds: Cancel surely lands while bytes move. */
    static final long SLOW = 128 * 1024;

    @BeforeEach
    void startSimulator(org.junit.jupiter.api.TestInfo test) {
        simulator = XvaFxSupport.simulator(test.getTestMethod().orElseThrow().getName().startsWith("cancelling") ? SLOW : 0);
    }

    @AfterEach
    void tearDown() {
        fx.close();
        simulator.close();
    }

    @Test
    void exportingAHaltedVmThroughTheWizardWritesAValidXva(FxRobot robot) throws Exception {
        XvaFxSupport.resizeDisks(simulator, "dev-sandbox", 5 * MIB + 4096);
        XvaFxSupport.connect(fx, simulator);
        Node menu = WindowFixture.openContextMenu(robot, WindowFixture.treeCell(robot, "dev-sandbox"));
        robot.clickOn(robot.from(menu).lookup("Export…").<Node>query());
        WindowFixture.waitForNode(robot, "#export-file");

        TextField file = robot.lookup("#export-file").queryAs(TextField.class);
        assertThat(file.getText()).endsWith("dev-sandbox.xva");
        // Choosing zstd renames the file to match.
        robot.clickOn("#export-compression-zstd");
        assertThat(file.getText()).endsWith("dev-sandbox.xva.zst");
        robot.clickOn("#export-compression-none");
        Path target = dir.resolve("dev-sandbox.xva");
        robot.interact(() -> file.setText(target.toString()));
        assertThat(robot.lookup("#export-verify").queryAs(javafx.scene.control.CheckBox.class).isSelected()).isTrue();
        robot.clickOn("#export-finish");

        EventEntry entry = XvaFxSupport.entry(fx, "Exporting VM 'dev-sandbox'");
        waitUntil("the export completed", () -> entry.status().finished());
        assertThat(entry.status()).as(entry.detail()).isEqualTo(EventEntry.Status.SUCCEEDED);
        assertThat(entry.detail()).startsWith("Saved dev-sandbox.xva (").contains("verified");
        assertThat(entry.progress()).isEqualTo(1.0);
        org.xapicenter.ui.testing.Snapshots.write(fx.scene, Path.of("target/screenshots/xva-export-events.png"));
        assertThat(XvaFxSupport.files(dir)).containsExactly("dev-sandbox.xva");
        try (XvaReader reader = XvaReader.open(new BufferedInputStream(Files.newInputStream(target)))) {
            assertThat(reader.compression()).isEqualTo(Compression.NONE);
            assertThat(reader.metadata().vm().string("name_label")).isEqualTo("dev-sandbox");
            XvaSummary summary = reader.readDisks(DiskSink.DISCARD, true);
            assertThat(summary.disks()).hasSize(1);
            assertThat(summary.disks().get(0).virtualSize()).isEqualTo(5 * MIB + 4096);
            assertThat(summary.disks().get(0).checksumsVerified()).isPositive();
        }
    }

    @Test
    void aRunningVmIsNotOfferedForExportAndTheMenuSaysWhy(FxRobot robot) throws Exception {
        XvaFxSupport.connect(fx, simulator);
        waitUntil("web-01 is listed", () -> fx.findItem("web-01") != null);
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("web-01"))).get();
        Node menu = WindowFixture.openContextMenu(robot, WindowFixture.treeCell(robot, "web-01"));
        MenuItem item = findItem(menu);
        waitUntil("Export is disabled and explained", () -> item.isDisable() && item.getText().contains("shut down"));
        robot.interact(() -> fx.window.navigation().select(fx.findItem("dev-sandbox")));
        waitUntil("Export is offered for a halted VM", () -> !item.isDisable() && item.getText().equals("Export…"));
    }

    private static MenuItem findItem(Node menu) {
        var popup = (javafx.scene.control.ContextMenu) menu.getScene().getWindow();
        return popup.getItems().stream().filter(i -> "menu-vm-export".equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void cancellingAnExportLeavesNoFileAndTheEntrySaysCancelled(FxRobot robot) throws Exception {
        // At least two 1 MiB blocks (the first and the last are always sent) at 128 KiB/s: 16 s or more,
        // so the export is surely running when Cancel is clicked, however loaded the machine.
        XvaFxSupport.resizeDisks(simulator, "dev-sandbox", 8 * MIB);
        XvaFxSupport.connect(fx, simulator);
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("dev-sandbox"))).get();
        ExportWizard wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openExportWizard()).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        WindowFixture.waitForNode(robot, "#export-file");
        robot.interact(() -> robot.lookup("#export-file").queryAs(TextField.class).setText(dir.resolve("big.xva").toString()));
        robot.clickOn("#export-finish");

        EventEntry entry = XvaFxSupport.entry(fx, "Exporting VM 'dev-sandbox'");
        try {
            waitUntil("bytes are moving", () -> entry.taskRef() != null && entry.detail().startsWith("Downloading")
                    && !entry.detail().startsWith("Downloading 0 B"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (entry: task " + entry.taskRef() + ", status "
                    + entry.status() + ", detail '" + entry.detail() + "')", e);
        }
        assertThat(XvaFxSupport.files(dir)).containsExactly("big.xva.part");
        robot.clickOn(robot.lookup("#events-table .event-cancel").match(Node::isVisible).<Node>query());
        waitUntil("the entry says cancelled", () -> entry.status() == EventEntry.Status.CANCELLED);
        assertThat(entry.detail()).contains("Cancelled").contains("No file");
        assertThat(XvaFxSupport.files(dir)).isEmpty();
        org.xapicenter.ui.testing.Snapshots.write(fx.scene, Path.of("target/screenshots/xva-export-cancelled.png"));
    }

    @Test
    void theWizardRefusesAFolderThatDoesNotExist(FxRobot robot) throws Exception {
        XvaFxSupport.connect(fx, simulator);
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("dev-sandbox"))).get();
        ExportWizard wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openExportWizard()).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        WindowFixture.waitForNode(robot, "#export-file");
        robot.interact(() -> robot.lookup("#export-file").queryAs(TextField.class)
                .setText(dir.resolve("missing").resolve("x.xva").toString()));
        robot.clickOn("#export-finish");
        waitUntil("the problem is shown", () -> robot.lookup("#export-problem").queryLabeled().isVisible());
        assertThat(robot.lookup("#export-problem").queryLabeled().getText()).contains("does not exist");
        assertThat(wizard.isShowing()).isTrue();
        robot.interact(wizard::close);
        assertThat(fx.window.events().entries()).noneMatch(e -> e.title().startsWith("Exporting"));
    }
}
