package org.xapicenter.ui.xva;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
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
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.xapi.record.Sr;

/** The Import wizard on the simulator's demo pool, with the XVA Xen Orchestra wrote. */
@ExtendWith(ApplicationExtension.class)
class XvaImportFxTest {
    private Simulator simulator;
    private WindowFixture fx;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @BeforeEach
    void startSimulator(org.junit.jupiter.api.TestInfo test) {
        // The cancel test's upload of 5 MiB at 128 KiB/s takes 40 s: Cancel surely lands while bytes move.
        simulator = XvaFxSupport.simulator(test.getTestMethod().orElseThrow().getName().startsWith("cancelling")
                ? 128 * 1024 : 0);
    }

    @AfterEach
    void tearDown() {
        fx.close();
        simulator.close();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    @Test
    void importingTheXoVectorShowsItsVmBeforeUploadingAndTheVmAppearsInTheTree(FxRobot robot) throws Exception {
        XvaFxSupport.connect(fx, simulator);
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("Demo pool"))).get();
        Node menu = WindowFixture.openContextMenu(robot, WindowFixture.treeCell(robot, "Demo pool"));
        robot.clickOn(robot.from(menu).lookup("Import…").<Node>query());
        WindowFixture.waitForNode(robot, "#import-file");
        assertThat(robot.lookup("#import-finish").queryButton().isDisabled()).isTrue();

        robot.interact(() -> robot.lookup("#import-file").queryTextInputControl().setText(XvaFxSupport.vector().toString()));
        waitUntil("the file's VM is shown", () -> !text(robot, "#import-vm-name").isEmpty()
                && robot.lookup("#import-about").query().isVisible());
        String vmName = text(robot, "#import-vm-name");
        assertThat(vmName).isNotBlank().isNotEqualTo("(no name)");
        @SuppressWarnings("unchecked")
        TableView<org.xapicenter.xva.XvaDisk> disks = robot.lookup("#import-disks").queryAs(TableView.class);
        assertThat(disks.getItems()).hasSize(1);
        assertThat(disks.getItems().get(0).virtualSize()).isEqualTo(5L * 1024 * 1024);
        // Cells are laid out a pulse after the rows change.
        waitUntil("the disk's size shows", () -> robot.lookup("#import-disks .table-cell").queryAll().stream()
                .anyMatch(n -> "5 MiB".equals(((Labeled) n).getText())));
        assertThat(text(robot, "#import-status")).contains("Nothing is uploaded");
        // Nothing went to the server yet.
        assertThat(fx.window.events().entries()).noneMatch(e -> e.title().startsWith("Importing"));

        @SuppressWarnings("unchecked")
        ChoiceBox<Sr> sr = robot.lookup("#import-sr").queryAs(ChoiceBox.class);
        assertThat(sr.getValue()).as("the default SR is preselected").isNotNull();
        assertThat(sr.getItems()).noneMatch(s -> "iso".equals(s.contentType()));
        robot.clickOn("#import-finish");

        EventEntry entry = XvaFxSupport.entry(fx, "Importing xo-written-5MiB.xva");
        waitUntil("the import completed", () -> entry.status().finished());
        assertThat(entry.status()).as(entry.detail()).isEqualTo(EventEntry.Status.SUCCEEDED);
        assertThat(entry.detail()).contains(vmName);
        waitUntil("the new VM is in the tree and selected", () -> {
            var n = fx.window.navigation().selectionProperty().get();
            return n != null && n.kind() == NavKind.VM && n.name().equals(vmName);
        });
    }

    @Test
    void aFileThatIsNoXvaIsExplainedAndCannotBeImported(FxRobot robot) throws Exception {
        XvaFxSupport.connect(fx, simulator);
        Path junk = dir.resolve("notes.xva");
        java.nio.file.Files.writeString(junk, "these are not the bytes you are looking for\n".repeat(40));
        ImportWizard wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openImportWizard(junk)).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        waitUntil("the problem is shown", () -> text(robot, "#import-status").startsWith("This file cannot be imported"));
        assertThat(text(robot, "#import-status")).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(robot.lookup("#import-finish").queryButton().isDisabled()).isTrue();
        org.xapicenter.ui.testing.Snapshots.write(wizard.getDialogPane().getScene(), Path.of("target/screenshots/xva-import-junk.png"));
        robot.interact(wizard::close);
    }

    @Test
    void cancellingAnImportLeavesNoVmAndTheEntrySaysCancelled(FxRobot robot) throws Exception {
        XvaFxSupport.connect(fx, simulator);
        long vmsBefore = simulator.store().refs("VM").size();
        ImportWizard wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openImportWizard(XvaFxSupport.vector())).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        waitUntil("the file is read", () -> wizard.preview() != null);
        waitUntil("Import is enabled", () -> !robot.lookup("#import-finish").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#import-finish").queryButton().fire());
        EventEntry entry = XvaFxSupport.entry(fx, "Importing xo-written-5MiB.xva");
        waitUntil("the server is reading the upload", () -> XvaFxSupport.serverReading(simulator, entry));
        robot.clickOn(robot.lookup("#events-table .event-cancel").match(Node::isVisible).<Node>query());
        waitUntil("the entry says cancelled", () -> entry.status().finished());
        assertThat(entry.status()).as(entry.detail()).isEqualTo(EventEntry.Status.CANCELLED);
        assertThat(entry.detail()).contains("No VM was left behind");
        waitUntil("no VM was left", () -> simulator.store().refs("VM").size() == vmsBefore);
    }

    /** A pre-2008 XVA folder: ova.xml in the 2007 format and one disk of gzip chunks. */
    private Path legacyFolder() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("old-vm"));
        byte[] disk = new byte[3 * 1024 * 1024 + 512];
        for (int i = 0; i < 4096; i++) {
            disk[i] = (byte) (i * 31 + 7);
        }
        java.nio.file.Files.createDirectories(folder.resolve("sda"));
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(folder.resolve("sda/chunk-000000000.gz")))) {
            out.write(disk);
        }
        java.nio.file.Files.writeString(folder.resolve("ova.xml"), """
                <?xml version="1.0" ?>
                <appliance version="0.1">
                <vm name="vm">
                <label>
                legacy web server
                </label>
                <shortdesc>
                exported in 2007
                </shortdesc>
                <config mem_set="536870912" vcpus="1"/>
                <hacks is_hvm="false" kernel_boot_cmdline="root=/dev/sda1 ro ">
                </hacks>
                <vbd device="sda" function="root" mode="w" vdi="vdi_sda"/>
                </vm>
                <vdi name="vdi_sda" size="%d" source="file://sda" type="dir-gzipped-chunks"/>
                </appliance>
                """.formatted(disk.length));
        return folder;
    }

    @Test
    void aLegacyFolderIsShownThenConvertedBeforeItCanBeImported(FxRobot robot) throws Exception {
        XvaFxSupport.connect(fx, simulator);
        Path folder = legacyFolder();
        ImportWizard wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openImportWizard(folder.resolve("ova.xml"))).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        waitUntil("the legacy VM is shown", () -> wizard.preview() != null);
        assertThat(wizard.preview().legacy()).isTrue();
        assertThat(text(robot, "#import-vm-name")).isEqualTo("legacy web server");
        assertThat(text(robot, "#import-status")).contains("legacy XVA folder").contains("Convert");
        assertThat(robot.lookup("#import-finish").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#import-convert").queryButton().isVisible()).isTrue();

        Path converted = dir.resolve("old-vm.xva");
        robot.interact(() -> wizard.convertTo(converted));
        waitUntil("the converted file is read", () -> wizard.preview() != null && !wizard.preview().legacy());
        assertThat(java.nio.file.Files.exists(converted)).isTrue();
        assertThat(text(robot, "#import-vm-name")).isEqualTo("legacy web server");
        assertThat(robot.lookup("#import-finish").queryButton().isDisabled()).isFalse();
        robot.interact(wizard::close);
    }

    @Test
    void closingTheWizardStopsAConversionAndLeavesNoPartFile(FxRobot robot) throws Exception {
        XvaFxSupport.connect(fx, simulator);
        Path folder = bigLegacyFolder(6);
        ImportWizard wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openImportWizard(folder.resolve("ova.xml"))).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        waitUntil("the legacy VM is shown", () -> wizard.preview() != null);
        Path converted = dir.resolve("big-old-vm.xva");
        Path part = dir.resolve("big-old-vm.xva.part");
        robot.interact(() -> wizard.convertTo(converted));
        // 6 GB to inflate: many seconds of work, so the wizard surely closes while the conversion runs.
        waitUntil("the conversion is writing", () -> java.nio.file.Files.exists(part));
        robot.interact(wizard::close);
        waitUntil("the conversion ended", () -> fx.window.xva().jobs().running() == 0);
        assertThat(java.nio.file.Files.exists(part)).isFalse();
        assertThat(java.nio.file.Files.exists(converted)).isFalse();
    }

    /**
     * A legacy folder whose one disk is {@code chunks} GB of zeros: each chunk the same gzip file of
     * 10^9 zero bytes (a few MB; compressed once, copied), slow to convert and cheap to make.
     */
    private Path bigLegacyFolder(int chunks) throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("big-old-vm"));
        Path disk = java.nio.file.Files.createDirectories(folder.resolve("sda"));
        Path first = disk.resolve("chunk-000000000.gz");
        try (var out = new java.util.zip.GZIPOutputStream(new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(first)), 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            byte[] zeros = new byte[1 << 20];
            for (long left = 1_000_000_000L; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        for (int i = 1; i < chunks; i++) {
            java.nio.file.Files.copy(first, disk.resolve(String.format("chunk-%09d.gz", i)));
        }
        java.nio.file.Files.writeString(folder.resolve("ova.xml"), """
                <?xml version="1.0" ?>
                <appliance version="0.1">
                <vm name="vm">
                <label>
                big legacy server
                </label>
                <shortdesc>
                </shortdesc>
                <config mem_set="536870912" vcpus="1"/>
                <hacks is_hvm="false" kernel_boot_cmdline="root=/dev/sda1 ro ">
                </hacks>
                <vbd device="sda" function="root" mode="w" vdi="vdi_sda"/>
                </vm>
                <vdi name="vdi_sda" size="%d" source="file://sda" type="dir-gzipped-chunks"/>
                </appliance>
                """.formatted(chunks * 1_000_000_000L));
        return folder;
    }

    @Test
    void aPoolWithoutStorageForDisksSaysSo(FxRobot robot) throws Exception {
        // Every SR of the pool holds ISOs only: nowhere to put a disk.
        var store = simulator.store();
        store.atomically(() -> store.refs("SR").forEach(sr -> store.set(sr, "content_type", "iso")));
        XvaFxSupport.connect(fx, simulator);
        waitUntil("the cache has the change", () -> fx.connections.all().get(0).link().cache().all(Sr.class).stream()
                .allMatch(s -> "iso".equals(s.contentType())));
        ImportWizard wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openImportWizard(XvaFxSupport.vector())).get();
        WaitForAsyncUtils.asyncFx(wizard::show).get();
        waitUntil("the file is read", () -> wizard.preview() != null);
        assertThat(text(robot, "#import-sr-hint")).isEqualTo("This pool has no storage repository that can hold VM disks.");
        assertThat(robot.lookup("#import-finish").queryButton().isDisabled()).isTrue();
        robot.interact(wizard::close);
    }
}
