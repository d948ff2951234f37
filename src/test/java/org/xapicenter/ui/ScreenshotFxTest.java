package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.DemoLikePool;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.testing.Snapshots;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Renders the real window at 1280x800, light and dark, into PNGs. Written to
 * {@code target/screenshots} on every run; {@code -Dscreenshots.dir=screenshots} refreshes the
 * ones README.md shows.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotFxTest {
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    static Path screenshotDir() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    @Test
    void mainWindowLightAndDark(FxRobot robot) throws Exception {
        CacheLink link = new CacheLink("demo.local:443", (method, args) -> {
            throw new XapiException("VM_BAD_POWER_STATE", List.of((String) args.get(0), "running", "halted"));
        });
        WaitForAsyncUtils.asyncFx(() -> fx.connections.add(link)).get();
        CacheFeeder.fill(link.cache(), DemoLikePool.records());
        CacheFeeder.put(link.cache(),
                Pools.record("task", "OpaqueRef:t1", "name_label", "Async.VM.migrate_send", "status", "pending", "progress", "0.62",
                        "created", isoNowMinus(42), "allowed_operations", List.of("cancel"), "subtask_of", XapiRecord.NULL_REF),
                Pools.record("task", "OpaqueRef:t2", "name_label", "Async.VM.clean_reboot", "status", "success", "progress", "1",
                        "created", isoNowMinus(300), "finished", isoNowMinus(288), "allowed_operations", List.of(), "subtask_of", XapiRecord.NULL_REF));
        WindowFixture.treeCell(robot, "web-01");
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("dev-sandbox"))).get();
        waitUntil("Start is offered", () -> !robot.lookup("#toolbar-start").queryButton().isDisabled());
        robot.clickOn("#toolbar-start");
        robot.clickOn(WindowFixture.treeCell(robot, "db-primary"));
        waitUntil("General shows db-primary", () -> robot.lookup("#prop-ip-addresses").tryQuery().isPresent());
        waitUntil("three events", () -> fx.window.events().entries().size() == 3);

        Path light = Snapshots.write(fx.scene, screenshotDir().resolve("main-window.png"));
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(true)).get();
        Path dark = Snapshots.write(fx.scene, screenshotDir().resolve("main-window-dark.png"));
        assertThat(Files.size(light)).isGreaterThan(10_000);
        assertThat(Files.size(dark)).isGreaterThan(10_000);
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
    }

    private static String isoNowMinus(long seconds) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now().minusSeconds(seconds));
    }
}
