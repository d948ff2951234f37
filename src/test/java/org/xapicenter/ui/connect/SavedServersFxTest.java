package org.xapicenter.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitForNode;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.settings.SettingsStore;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.ui.testing.WindowFixture;
import org.xapicenter.xapi.trust.Pin;
import org.xapicenter.xapi.trust.PinningTrust;

/**
 * Saved servers, trust on first use and the password prompts, driven through the real window and its
 * dialogs against the simulator over real sockets.
 */
@ExtendWith(ApplicationExtension.class)
class SavedServersFxTest {
    @TempDir
    Path config;

    private Stage stage;
    private WindowFixture fx;
    private ServerManager servers;
    private final List<Simulator> sims = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage, false);
    }

    /** The manager the app wires, on a settings folder of our own (a "restart" makes a new one). */
    private void manage() throws Exception {
        SettingsStore store = SettingsStore.open(config);
        PinningTrust trust = new PinningTrust(store.pins(), new FxTrustPrompt(() -> stage));
        WaitForAsyncUtils.asyncFx(() -> {
            servers = new ServerManager(fx.connections, store, trust, fx.background, () -> stage);
            fx.window.setServerManager(servers);
        }).get();
    }

    @AfterEach
    void stop() throws Exception {
        // dialogs a test left open (a message) must not take the next test's keystrokes
        WaitForAsyncUtils.asyncFx(() -> List.copyOf(javafx.stage.Window.getWindows()).stream()
                .filter(w -> w != stage).forEach(javafx.stage.Window::hide)).get();
        fx.close();
        sims.forEach(Simulator::close);
    }

    private Simulator sim(boolean https, int port, String password) {
        SimulatorOptions.Builder b = SimulatorOptions.builder().operationDuration(Duration.ofMillis(20))
                .loginFailureDelay(Duration.ZERO).password(password);
        b = https ? b.httpPort(-1).httpsPort(port) : b.httpPort(port);
        Simulator s = Simulator.start(b.build());
        sims.add(s);
        return s;
    }

    private void fillAddServer(FxRobot robot, String address, String password, boolean remember, boolean atStartup) {
        javafx.application.Platform.runLater(() -> fx.window.addServer()); // a dialog: must not wait for it
        waitForNode(robot, "#add-server-address");
        robot.clickOn("#add-server-address").write(address);
        robot.clickOn("#add-server-name").write("Lab pool");
        robot.clickOn("#add-server-password").write(password);
        // What the robot typed landed where it aimed (a stray focus change would mix the fields up).
        waitUntil("the form is filled", () -> text(robot, "#add-server-address").equals(address)
                && text(robot, "#add-server-name").equals("Lab pool") && text(robot, "#add-server-password").equals(password));
        if (remember) {
            robot.clickOn("#add-server-remember");
        }
        if (atStartup) {
            robot.clickOn("#add-server-startup");
        }
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.TextInputControl.class).getText();
    }

    /** The last connection shown, or null while there is none (a dialog flow may still be running). */
    private ConnectionModel only() {
        var all = fx.connections.all();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private ConnectionState lastState() {
        ConnectionModel m = only();
        return m == null ? null : m.state();
    }

    private static boolean showing(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().filter(Node::isVisible).isPresent();
    }

    @Test
    void aRememberedPasswordIsSavedEncryptedAndUnlocksAtTheNextStart(FxRobot robot) throws Exception {
        // a password that cannot be confused with a JSON key ("password")
        String secret = "Lab-s3cret-42";
        Simulator sim = sim(false, 0, secret);
        manage();
        fillAddServer(robot, "http://127.0.0.1:" + sim.httpUrl().getPort(), secret, true, true);
        robot.clickOn("Connect");
        // the first remembered password asks for a main password, typed twice
        waitForNode(robot, "#main-password");
        robot.clickOn("#main-password").write("my main secret");
        robot.clickOn("#main-password-again").write("my main secret");
        robot.clickOn("Save");
        waitUntil("connected", () -> lastState() == ConnectionState.CONNECTED);
        waitUntil("saved with its password sealed", () -> servers.store().current().servers().size() == 1
                && servers.store().current().servers().get(0).password() != null && servers.store().current().vault() != null);
        Thread.sleep(300); // the background write of the members list
        assertNoPlaintext(secret, "my main secret");

        // "restart": the window forgets everything, a new manager reads the same folder
        WaitForAsyncUtils.asyncFx(() -> fx.connections.closeAll(Duration.ofSeconds(3))).get();
        manage();
        javafx.application.Platform.runLater(() -> servers.showSavedServers());
        waitForNode(robot, "#main-password");
        robot.clickOn("#main-password").write("wrong guess");
        robot.clickOn("Unlock");
        waitForNode(robot, "#main-password-problem");
        robot.clickOn("#main-password").write("my main secret");
        robot.clickOn("Unlock");
        waitUntil("connected at start-up with the remembered password", () -> fx.connections.all().size() == 1
                && lastState() == ConnectionState.CONNECTED);
        assertThat(only().link().label()).isEqualTo("Lab pool");
    }

    @Test
    void aNewCertificateIsAskedOnceAndAChangedOneIsBlocked(FxRobot robot) throws Exception {
        Simulator sim = sim(true, 0, SimulatorOptions.DEFAULT_PASSWORD);
        int port = sim.httpsUrl().getPort();
        manage();
        fillAddServer(robot, "https://127.0.0.1:" + port, SimulatorOptions.DEFAULT_PASSWORD, false, false);
        robot.clickOn("Connect");
        waitForNode(robot, "#certificate-new");
        String shown = robot.lookup("#certificate-sha256").queryLabeled().getText();
        assertThat(shown.replace("\n", "")).isEqualTo(PinningTrust.facts(sim.certificate(), false).fingerprintText());
        robot.clickOn("#certificate-trust");
        waitUntil("connected", () -> lastState() == ConnectionState.CONNECTED);
        assertThat(servers.store().pins().find(Pin.hostKey("127.0.0.1", port))).isPresent();

        // disconnect and connect again: the password is asked (not remembered), the certificate is not
        robot.interact(() -> servers.disconnect(only()));
        waitUntil("disconnected", () -> lastState() == ConnectionState.DISCONNECTED);
        javafx.application.Platform.runLater(() -> servers.connect(only()));
        waitForNode(robot, "#server-password");
        robot.clickOn("#server-password").write(SimulatorOptions.DEFAULT_PASSWORD);
        robot.clickOn("Log In");
        waitUntil("connected again", () -> lastState() == ConnectionState.CONNECTED);
        assertThat(showing(robot, "#certificate-new") || showing(robot, "#certificate-changed")).isFalse();

        // the host comes back with another key on the same port
        robot.interact(() -> servers.disconnect(only()));
        sim.close();
        Simulator changed = sim(true, port, SimulatorOptions.DEFAULT_PASSWORD);
        assertThat(changed.certificate()).isNotEqualTo(sim.certificate());
        javafx.application.Platform.runLater(() -> servers.connect(only()));
        waitForNode(robot, "#server-password");
        robot.clickOn("#server-password").write(SimulatorOptions.DEFAULT_PASSWORD);
        robot.clickOn("Log In");
        waitForNode(robot, "#certificate-changed");
        Button keep = robot.lookup("#certificate-refuse").queryButton();
        assertThat(keep.isDefaultButton()).as("the safe answer is the default").isTrue();
        robot.clickOn(keep);
        waitUntil("blocked", () -> lastState() == ConnectionState.FAILED);
        assertThat(only().errorTextProperty().get()).contains("has changed").doesNotContain("Exception");
    }

    @Test
    void theSamePoolAddedTwiceIsRefused(FxRobot robot) throws Exception {
        Simulator sim = sim(false, 0, SimulatorOptions.DEFAULT_PASSWORD);
        manage();
        fillAddServer(robot, "http://127.0.0.1:" + sim.httpUrl().getPort(), SimulatorOptions.DEFAULT_PASSWORD, false, false);
        robot.clickOn("Connect");
        waitUntil("connected", () -> lastState() == ConnectionState.CONNECTED);
        fillAddServer(robot, "http://localhost:" + sim.httpUrl().getPort(), SimulatorOptions.DEFAULT_PASSWORD, false, false);
        robot.clickOn("Connect");
        waitForNode(robot, "#server-message");
        String text = robot.lookup("#server-message .content").queryLabeled().getText();
        assertThat(text).contains("is already connected as Lab pool");
        waitUntil("the second is disconnected", () -> fx.connections.all().size() == 2
                && fx.connections.all().get(1).state() == ConnectionState.DISCONNECTED
                && fx.connections.all().get(0).state() == ConnectionState.CONNECTED);
    }

    @Test
    void aRefusedPasswordIsAskedOnceAndTheRightOneConnects(FxRobot robot) throws Exception {
        Simulator sim = sim(false, 0, SimulatorOptions.DEFAULT_PASSWORD);
        manage();
        fillAddServer(robot, "http://127.0.0.1:" + sim.httpUrl().getPort(), "not the password", false, false);
        robot.clickOn("Connect");
        waitForNode(robot, "#server-password-problem");
        assertThat(robot.lookup("#server-password-problem").queryLabeled().getText()).contains("root");
        robot.clickOn("#server-password").write(SimulatorOptions.DEFAULT_PASSWORD);
        robot.clickOn("Log In");
        waitUntil("connected", () -> lastState() == ConnectionState.CONNECTED);
        assertThat(showing(robot, "#server-password")).isFalse();
    }

    private void assertNoPlaintext(String... secrets) throws Exception {
        try (Stream<Path> files = Files.walk(config)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertThat(content).as(f.toString()).doesNotContain(secret);
                }
            }
        }
    }

    @SuppressWarnings("unused")
    private static CheckBox box(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(CheckBox.class);
    }
}
