package org.xapicenter.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.xapicenter.ui.actions.VmAction;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.testing.Snapshots;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;

/**
 * Renders the real window on the simulator's demo pool at 1280x800, light and dark, into
 * {@code main-window.png} and {@code main-window-dark.png}, a VM's console into {@code console.png} and its performance graphs into
 * {@code performance.png}. They go to {@code target/screenshots} on
 * every run; {@code -Dscreenshots.dir=screenshots} refreshes the ones README.md shows.
 */
@ExtendWith(ApplicationExtension.class)
public class ScreenshotFxTest {
    private Simulator simulator;
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage, false);
    }

    @BeforeEach
    void startSimulator() {
        // A slow start so the screenshot catches its progress bar half-way.
        simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(Duration.ofSeconds(30)).build());
    }

    @AfterEach
    void tearDown() {
        fx.close();
        simulator.close();
    }

    public static Path screenshotDir() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    @Test
    void mainWindowOnTheDemoPoolLightAndDark(FxRobot robot) throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        waitUntil("the demo pool is shown", () -> fx.findItem("db-primary") != null && fx.findItem("dev-sandbox") != null);

        // One action that the server refuses, one under way: what the Events panel is for.
        WaitForAsyncUtils.asyncFx(() -> fx.window.runner().run(VmAction.START, fx.findItem("web-01").getValue())).get();
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("dev-sandbox"))).get();
        waitUntil("Start is offered", () -> !robot.lookup("#toolbar-start").queryButton().isDisabled());
        robot.clickOn("#toolbar-start");
        waitUntil("the start is under way", () -> fx.window.events().entries().stream()
                .anyMatch(e -> e.status() == EventEntry.Status.RUNNING && e.progress() > 0.05));

        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("db-primary"))).get();
        waitUntil("General shows db-primary's addresses", () -> robot.lookup("#prop-ip-addresses").tryQuery().isPresent());
        waitUntil("the refusal is listed", () -> fx.window.events().entries().stream()
                .anyMatch(e -> e.status() == EventEntry.Status.FAILED));

        Path light = Snapshots.write(fx.scene, screenshotDir().resolve("main-window.png"));
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(true)).get();
        Path dark = Snapshots.write(fx.scene, screenshotDir().resolve("main-window-dark.png"));
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
        robot.clickOn(robot.lookup(".tab-label").match((javafx.scene.control.Label l) -> l.getText().startsWith("Alerts"))
                .<javafx.scene.Node>query());
        waitUntil("alerts are listed", () -> robot.lookup("#alerts-table .table-row-cell .table-cell").tryQuery().isPresent());
        Path alerts = Snapshots.write(fx.scene, screenshotDir().resolve("main-window-alerts.png"));
        assertThat(Files.size(alerts)).isGreaterThan(10_000);
        for (String name : new String[] {"Demo pool", "xcp-ng-01", "NFS storage", "Pool-wide network associated with eth0"}) {
            WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem(name))).get();
            waitUntil("General shows " + name, () -> robot.lookup("#general-title").tryQuery()
                    .map(n -> ((javafx.scene.control.Label) n).getText().equals(name)).orElse(false));
            Snapshots.write(fx.scene, Path.of("target/screenshots", "general-" + name.split(" ")[0].toLowerCase() + ".png"));
        }
        assertThat(Files.size(light)).isGreaterThan(10_000);
        assertThat(Files.size(dark)).isGreaterThan(10_000);
    }

    @Test
    void consoleTabOfARunningVm(FxRobot robot) throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        waitUntil("the demo pool is shown", () -> fx.findItem("web-01") != null);
        WaitForAsyncUtils.asyncFx(() -> {
            fx.window.navigation().select(fx.findItem("web-01"));
            fx.window.showConsole();
        }).get();
        waitUntil("the console is connected", () -> robot.lookup("#console-status").tryQuery()
                .map(n -> ((javafx.scene.control.Label) n).getText().startsWith("Connected")).orElse(false));
        // A console wants the room: the Events panel shrinks as a user would drag it.
        WaitForAsyncUtils.asyncFx(() -> robot.lookup(".split-pane").queryAllAs(javafx.scene.control.SplitPane.class)
                .stream().filter(p -> p.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                .forEach(p -> p.setDividerPositions(0.86))).get();
        robot.clickOn("#console-fit");
        robot.clickOn("#console-image");
        robot.type(javafx.scene.input.KeyCode.R, javafx.scene.input.KeyCode.O, javafx.scene.input.KeyCode.O,
                javafx.scene.input.KeyCode.T, javafx.scene.input.KeyCode.ENTER);
        waitUntil("the guest asks for the password", () -> fx.window.console().model().snapshot() != null
                && ((org.xapicenter.sim.console.BuiltInConsoles) simulator.consoleBackend()).registry()
                        .existing(fx.findItem("web-01").getValue().ref())
                        .map(c -> c.screen().text().contains("Password:")).orElse(false));
        // The window draws a frame or two after the guest wrote it.
        waitUntil("the window shows the password prompt", () -> java.util.Arrays.equals(
                fx.window.console().model().snapshot().argb(),
                ((org.xapicenter.sim.console.BuiltInConsoles) simulator.consoleBackend()).registry()
                        .existing(fx.findItem("web-01").getValue().ref()).orElseThrow().screen().pixels()));
        WaitForAsyncUtils.waitForFxEvents();
        Path light = Snapshots.write(fx.scene, screenshotDir().resolve("console.png"));
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(true)).get();
        Path dark = Snapshots.write(fx.scene, Path.of("target/screenshots", "console-dark.png"));
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
        assertThat(Files.size(light)).isGreaterThan(10_000);
        assertThat(Files.size(dark)).isGreaterThan(10_000);
    }

    @Test
    void performanceTabOfARunningVm(FxRobot robot) throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        waitUntil("the demo pool is shown", () -> fx.findItem("db-primary") != null);
        WaitForAsyncUtils.asyncFx(() -> {
            fx.window.navigation().select(fx.findItem("db-primary"));
            fx.window.showPerformance();
        }).get();
        // Graphs want the room: the Events panel shrinks as a user would drag it.
        WaitForAsyncUtils.asyncFx(() -> robot.lookup(".split-pane").queryAllAs(javafx.scene.control.SplitPane.class)
                .stream().filter(p -> p.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                .forEach(p -> p.setDividerPositions(0.86))).get();
        waitUntil("every graph has data", () -> {
            var graphs = fx.window.performance().model().graphsProperty().get();
            return graphs.size() >= 4 && graphs.stream().allMatch(g -> g.lines().stream()
                    .anyMatch(org.xapicenter.ui.perf.PerformanceGraph.Line::hasValues));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path light = Snapshots.write(fx.scene, screenshotDir().resolve("performance.png"));
        // What "Export PNG…" writes: the whole stack of graphs, also those scrolled out of view.
        Path exported = Path.of("target/screenshots", "performance-export.png");
        WaitForAsyncUtils.asyncFx(() -> fx.window.performance().exportPng(exported)).get().get(30, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(true)).get();
        WaitForAsyncUtils.waitForFxEvents();
        Path dark = Snapshots.write(fx.scene, Path.of("target/screenshots", "performance-dark.png"));
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
        // A server's graphs, over a day, for a look (not in README).
        WaitForAsyncUtils.asyncFx(() -> {
            fx.window.navigation().select(fx.findItem("xcp-ng-01"));
            fx.window.performance().model().rangeProperty().set(org.xapicenter.rrd.TimeRange.ONE_DAY);
        }).get();
        waitUntil("the server's graphs have data", () -> "xcp-ng-01".equals(fx.window.performance().model().targetName())
                && fx.window.performance().model().hasDataProperty().get());
        Path host = Path.of("target/screenshots", "performance-host.png");
        WaitForAsyncUtils.asyncFx(() -> fx.window.performance().exportPng(host)).get().get(30, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(fx.window::closePerformance).get();
        assertThat(Files.size(light)).isGreaterThan(10_000);
        assertThat(Files.size(dark)).isGreaterThan(10_000);
        assertThat(Files.size(exported)).isGreaterThan(10_000);
    }

    @Test
    void xvaExportImportAndInspector(FxRobot robot) throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        // the tree fills from cache batches, the connection's state arrives on its own pulse: wait for both
        waitUntil("the demo pool is shown", () -> fx.findItem("dev-sandbox") != null
                && fx.connections.all().get(0).state() == org.xapicenter.cache.ConnectionState.CONNECTED);
        Path file = org.xapicenter.testing.Vectors.xva("xo-written-5MiB.xva");
        for (boolean dark : new boolean[] {false, true}) {
            String suffix = dark ? "-dark" : "";
            Path dir = dark ? Path.of("target/screenshots") : screenshotDir();
            WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(dark)).get();

            WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("dev-sandbox"))).get();
            var export = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openExportWizard()).get();
            WaitForAsyncUtils.asyncFx(() -> {
                export.show();
                robot.lookup("#export-file").queryTextInputControl().setText("/home/admin/backups/dev-sandbox.xva.zst");
                robot.lookup("#export-compression-zstd").queryAs(javafx.scene.control.RadioButton.class).setSelected(true);
            }).get();
            Path exportShot = Snapshots.write(export.getDialogPane().getScene(), dir.resolve("xva-export" + suffix + ".png"));
            WaitForAsyncUtils.asyncFx(export::close).get();

            var wizard = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().openImportWizard(file)).get();
            WaitForAsyncUtils.asyncFx(wizard::show).get();
            waitUntil("the import wizard shows the file's VM", () -> wizard.preview() != null);
            Path importShot = Snapshots.write(wizard.getDialogPane().getScene(), dir.resolve("xva-import" + suffix + ".png"));
            WaitForAsyncUtils.asyncFx(wizard::close).get();

            var inspector = WaitForAsyncUtils.asyncFx(() -> fx.window.xva().inspect(file)).get();
            waitUntil("the inspector verified the file", () -> inspector.status().startsWith("Checksums OK"));
            Path inspectShot = Snapshots.write(inspector.stage().getScene(), dir.resolve("xva-inspect" + suffix + ".png"));
            WaitForAsyncUtils.asyncFx(() -> inspector.stage().close()).get();
            assertThat(Files.size(exportShot)).isGreaterThan(5_000);
            assertThat(Files.size(importShot)).isGreaterThan(5_000);
            assertThat(Files.size(inspectShot)).isGreaterThan(5_000);
        }
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
    }

    @Test
    void addServerAndCertificateDialogs(FxRobot robot) throws Exception {
        java.security.cert.X509Certificate cert = org.xapicenter.sim.http.SelfSignedCertificate
                .generate(java.util.List.of("192.0.2.10")).certificate();
        org.xapicenter.xapi.trust.TrustQuestion first = new org.xapicenter.xapi.trust.TrustQuestion("xcp-pool.lab.example", 443,
                org.xapicenter.xapi.trust.PinningTrust.facts(cert, false), null);
        org.xapicenter.xapi.trust.Pin before = new org.xapicenter.xapi.trust.Pin("xcp-pool.lab.example:443", "4f".repeat(32),
                "CN=xcp-pool", java.time.Instant.parse("2027-03-01T00:00:00Z"), java.time.Instant.parse("2026-02-01T09:30:00Z"));
        org.xapicenter.xapi.trust.TrustQuestion changed = new org.xapicenter.xapi.trust.TrustQuestion("xcp-pool.lab.example", 443,
                org.xapicenter.xapi.trust.PinningTrust.facts(cert, false), before);
        for (boolean dark : new boolean[] {false, true}) {
            String suffix = dark ? "-dark" : "";
            Path dir = dark ? Path.of("target/screenshots") : screenshotDir();
            WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(dark)).get();
            var add = WaitForAsyncUtils.asyncFx(() -> {
                var d = new org.xapicenter.ui.connect.ServerDialog(fx.scene.getWindow());
                d.show();
                robot.lookup("#add-server-address").queryTextInputControl().setText("xcp-pool.lab.example");
                robot.lookup("#add-server-name").queryTextInputControl().setText("Production pool");
                robot.lookup("#add-server-password").queryTextInputControl().setText("password");
                robot.lookup("#add-server-remember").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
                robot.lookup("#add-server-startup").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
                return d;
            }).get();
            Path addShot = Snapshots.write(add.getDialogPane().getScene(), dir.resolve("add-server" + suffix + ".png"));
            WaitForAsyncUtils.asyncFx(add::close).get();
            for (var q : java.util.List.of(first, changed)) {
                var d = WaitForAsyncUtils.asyncFx(() -> {
                    var c = new org.xapicenter.ui.connect.CertificateDialog(fx.scene.getWindow(), q);
                    c.show();
                    return c;
                }).get();
                Path shot = Snapshots.write(d.getDialogPane().getScene(),
                        dir.resolve((q.changed() ? "certificate-changed" : "certificate") + suffix + ".png"));
                WaitForAsyncUtils.asyncFx(d::close).get();
                assertThat(Files.size(shot)).isGreaterThan(5_000);
            }
            assertThat(Files.size(addShot)).isGreaterThan(5_000);
        }
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
    }

    /** The property panes: a VM's General and Storage tabs and an SR's Storage tab (light in screenshots/, dark in target). */
    @Test
    void propertyPanes(FxRobot robot) throws Exception {
        ServerLogin demo = new ServerLogin(ConnectionSettings.of(simulator.httpUrl(), Protocol.XML_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        WaitForAsyncUtils.asyncFx(() -> fx.connections.connect(demo)).get();
        waitUntil("the demo pool is shown", () -> fx.findItem("db-primary") != null);
        String[][] shots = {{"db-primary", "General", "vm-general", "#prop-uuid"},
                {"db-primary", "Storage", "vm-storage", "#vm-disks .table-row-cell .table-cell"},
                {"NFS storage", "Storage", "sr-storage", "#sr-disks .table-row-cell .table-cell"}};
        for (boolean dark : new boolean[] {false, true}) {
            WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(dark)).get();
            for (String[] shot : shots) {
                WaitForAsyncUtils.asyncFx(() -> {
                    fx.window.navigation().select(fx.findItem(shot[0]));
                    fx.window.showTab(shot[1]);
                }).get();
                waitUntil(shot[2] + " is drawn", () -> robot.lookup(shot[3]).tryQuery().filter(javafx.scene.Node::isVisible).isPresent());
                WaitForAsyncUtils.waitForFxEvents();
                Path dir = dark ? Path.of("target/screenshots") : screenshotDir();
                Path file = Snapshots.write(fx.scene, dir.resolve(shot[2] + (dark ? "-dark" : "") + ".png"));
                assertThat(Files.size(file)).isGreaterThan(10_000);
            }
        }
        // The VM Properties dialog on its CPU and Memory tab, with a value refused before sending.
        for (boolean dark : new boolean[] {false, true}) {
            WaitForAsyncUtils.asyncFx(() -> {
                fx.theme.darkProperty().set(dark);
                fx.window.navigation().select(fx.findItem("db-primary"));
                fx.window.showTab("General");
            }).get();
            waitUntil("Properties is offered", () -> robot.lookup("#general-properties").tryQuery().isPresent());
            javafx.application.Platform.runLater(() -> robot.lookup("#general-properties").queryButton().fire());
            waitUntil("the dialog shows", () -> robot.lookup("#vm-name").tryQuery()
                    .map(n -> n.getScene().getWindow().isShowing()).orElse(false));
            robot.interact(() -> {
                ((javafx.scene.control.TabPane) robot.lookup("#vm-properties-tabs").query()).getSelectionModel().select(2);
                robot.lookup("#vm-memory-dynamic-max").queryAs(javafx.scene.control.TextField.class).setText("32768");
            });
            robot.clickOn("#edit-save");
            waitUntil("the problem is shown", () -> robot.lookup("#problem-memory").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.Scene dialog = robot.lookup("#vm-name").query().getScene();
            Path dir = dark ? Path.of("target/screenshots") : screenshotDir();
            Path file = Snapshots.write(dialog, dir.resolve("vm-properties" + (dark ? "-dark" : "") + ".png"));
            assertThat(Files.size(file)).isGreaterThan(5_000);
            // and XAPI's refusal of a static memory change on the running VM, in words at the top
            robot.interact(() -> {
                robot.lookup("#vm-memory-static-max").queryAs(javafx.scene.control.TextField.class).setText("32768");
            });
            robot.clickOn("#edit-save");
            waitUntil("the refusal is shown", () -> robot.lookup("#edit-banner").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
            WaitForAsyncUtils.waitForFxEvents();
            Snapshots.write(dialog, Path.of("target/screenshots", "vm-properties-refused" + (dark ? "-dark" : "") + ".png"));
            WaitForAsyncUtils.asyncFx(() -> ((javafx.stage.Stage) dialog.getWindow()).close()).get();
        }
        WaitForAsyncUtils.asyncFx(() -> fx.theme.darkProperty().set(false)).get();
    }
}
