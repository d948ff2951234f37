package org.xapicenter.ui.xva;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.ui.testing.WindowFixture;

/** Inspect XVA, offline: no server is connected in these tests. */
@ExtendWith(ApplicationExtension.class)
class XvaInspectorFxTest {
    private WindowFixture fx;
    private XvaInspector inspector;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (inspector != null) {
            WaitForAsyncUtils.asyncFx(() -> inspector.stage().close()).get();
        }
        fx.close();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    @Test
    void theVectorShowsItsVmAndDiskThenChecksumsOk(FxRobot robot) throws Exception {
        assertThat(fx.connections.all()).isEmpty();
        inspector = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().inspect(XvaFxSupport.vector())).get();
        waitUntil("the VM is shown", () -> !text(robot, "#inspect-vm-name").isBlank());
        String vmName = text(robot, "#inspect-vm-name");
        String expected = org.xapicenter.xva.XvaReader.open(Files.newInputStream(XvaFxSupport.vector()))
                .metadata().vm().string("name_label");
        assertThat(vmName).isEqualTo(expected);
        waitUntil("the check is done", () -> !inspector.checking() && inspector.status().startsWith("Checksums OK")
                || inspector.status().startsWith("Verification failed"));
        assertThat(inspector.status()).startsWith("Checksums OK");
        assertThat(inspector.rows()).hasSize(1);
        assertThat(inspector.rows().get(0).result()).isEqualTo("OK");
        assertThat(inspector.rows().get(0).blocks.get()).isNotBlank();
        assertThat(inspector.rows().get(0).checksums.get()).matches("\\d+ (XXH64|SHA-1)");
        // Cells are laid out a pulse after the rows change.
        waitUntil("the disk's size shows", () -> robot.lookup("#inspect-disks .table-cell").queryAll().stream()
                .anyMatch(n -> "5 MiB".equals(((Labeled) n).getText())));
        assertThat(robot.lookup("#inspect-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress())
                .isEqualTo(1.0);
    }

    @Test
    void aCorruptedCopyShowsTheErrorAndWhere(FxRobot robot) throws Exception {
        Path copy = dir.resolve("damaged.xva");
        Files.copy(XvaFxSupport.vector(), copy);
        // Flip a byte well inside the disk data (after ova.xml, inside the first block's content).
        long at = Files.size(copy) / 3;
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5A);
        }
        inspector = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().inspect(copy)).get();
        waitUntil("the check is done", () -> !text(robot, "#inspect-vm-name").isBlank() && !inspector.checking()
                && (inspector.status().startsWith("Checksums OK") || inspector.status().startsWith("Verification failed")));
        assertThat(inspector.status()).startsWith("Verification failed");
        assertThat(inspector.status()).doesNotContain("Exception");
        assertThat(inspector.rows().get(0).result()).isNotEqualTo("OK").contains("Ref:");
        org.xapicenter.ui.testing.Snapshots.write(inspector.stage().getScene(), Path.of("target/screenshots/xva-inspect-damaged.png"));
    }

    @Test
    void closingTheWindowMidCheckEndsItQuietly(FxRobot robot) throws Exception {
        // The file is a pipe this test writes: half the vector, then nothing until the window is closed,
        // so the check is surely under way (waiting for bytes) when the window closes.
        Path held = dir.resolve("held.xva");
        assertThat(new ProcessBuilder("mkfifo", held.toString()).start().waitFor()).isZero();
        byte[] xva = Files.readAllBytes(XvaFxSupport.vector());
        var previewDone = new java.util.concurrent.CountDownLatch(1);
        var halfWritten = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (var out = new java.io.FileOutputStream(held.toFile())) {
                out.write(xva, 0, 64 * 1024); // the metadata preview reads ova.xml (14 KiB) and stops
            } catch (java.io.IOException brokenPipe) {
                // expected if the preview closed its end before taking it all
            }
            try {
                // Only once the preview has closed the pipe may the check's bytes flow: a second writer
                // opened while the preview still reads would feed the preview, not the check.
                previewDone.await();
            } catch (InterruptedException e) {
                return;
            }
            try (var out = new java.io.FileOutputStream(held.toFile())) {
                out.write(xva, 0, xva.length / 2);
                out.flush();
                halfWritten.countDown();
                release.await();
                out.write(xva, xva.length / 2, xva.length - xva.length / 2);
            } catch (java.io.IOException | InterruptedException closed) {
                // the inspector stopped reading
            }
        }, "test-pipe-writer");
        writer.setDaemon(true);
        writer.start();

        inspector = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().inspect(held)).get();
        waitUntil("the preview shows the VM", () -> robot.lookup("#inspect-vm-name").queryLabeled().getText()
                .equals("XO written demo VM"));
        previewDone.countDown();
        assertThat(halfWritten.await(20, java.util.concurrent.TimeUnit.SECONDS)).as(() -> inspector.status()).isTrue();
        waitUntil("the check is under way", () -> inspector.checking() && inspector.status().startsWith("Verifying"));
        WaitForAsyncUtils.asyncFx(() -> inspector.stage().close()).get();
        release.countDown();
        waitUntil("the check ended", () -> fx.window.xva().jobs().running() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inspector.status()).isEqualTo("Verifying checksums…");
        assertThat(inspector.rows()).noneMatch(r -> "xva-error".equals(r.style));
    }

    @Test
    void aFileThatIsNoXvaSaysSoWithoutAStackTrace(FxRobot robot) throws Exception {
        Path junk = dir.resolve("junk.xva");
        Files.write(junk, new byte[4096]);
        inspector = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().inspect(junk)).get();
        waitUntil("the problem is shown", () -> inspector.status().startsWith("This file cannot be read"));
        assertThat(inspector.status()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(inspector.rows()).isEmpty();
    }
}
