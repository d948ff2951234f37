package org.xapicenter.ui.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.ui.testing.WindowFixture.waitUntil;

import java.util.Arrays;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
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
import org.xapicenter.sim.console.BuiltInConsoles;
import org.xapicenter.sim.console.ConsoleScreen;
import org.xapicenter.sim.console.VmConsole;
import org.xapicenter.rfb.Framebuffer;
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
        simulator = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(java.time.Duration.ofMillis(300)).build());
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
        // the toolbar may join the scene a pulse after the empty state
        waitUntil("Ctrl+Alt+Del is there and disabled", () -> robot.lookup("#console-ctrl-alt-del").tryQuery()
                .map(Node::isDisabled).orElse(false));
    }

    /** The simulator's console of a VM, once a viewer opened it. */
    private Optional<VmConsole> simConsole(String vmName) throws Exception {
        String ref = WaitForAsyncUtils.asyncFx(() -> fx.findItem(vmName).getValue().ref()).get();
        return ((BuiltInConsoles) simulator.consoleBackend()).registry().existing(ref);
    }

    private VmConsole connectedConsoleOf(FxRobot robot, String vm) throws Exception {
        connect();
        openConsoleOf(robot, vm);
        waitUntil("the console is connected", () -> text(robot, "#console-status").startsWith("Connected · "));
        assertThat(text(robot, "#console-status")).endsWith(" · " + ConsoleScreen.WIDTH + "x" + ConsoleScreen.HEIGHT);
        waitUntil("the guest shows its login prompt", () -> {
            try {
                return simConsole(vm).map(VmConsole::isBooted).orElse(false);
            } catch (Exception e) {
                return false;
            }
        });
        return simConsole(vm).orElseThrow();
    }

    /** The pixels the window shows: read back from the ImageView's image (the PixelBuffer the framebuffer drains into). */
    private static int[] shownPixels(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Image img = robot.lookup("#console-image").queryAs(ImageView.class).getImage();
            if (img == null) {
                return new int[0];
            }
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            return argb;
        }).get();
    }

    @Test
    void aWordTypedInTheConsoleAppearsOnTheVmsScreen(FxRobot robot) throws Exception {
        VmConsole vm = connectedConsoleOf(robot, "web-01");
        int row = vm.screen().cursorRow();
        String before = vm.screen().row(row);
        assertThat(before).endsWith("login:");
        waitUntil("the window shows the guest's screen", () -> {
            try {
                return Arrays.equals(shownPixels(robot), vm.screen().pixels());
            } catch (Exception e) {
                return false;
            }
        });

        robot.clickOn("#console-image");
        waitUntil("the console has the keyboard", () -> robot.lookup("#console-screen").query().isFocused()
                && robot.lookup("#console-hint").query().isVisible());
        robot.type(KeyCode.R, KeyCode.O, KeyCode.O, KeyCode.T);

        waitUntil("the guest echoed the word at its prompt", () -> vm.screen().row(row).equals(before + " root"));
        // What the window shows is the guest's new screen, pixel for pixel, prompt line included.
        waitUntil("the window shows the typed word", () -> {
            try {
                return Arrays.equals(shownPixels(robot), vm.screen().pixels());
            } catch (Exception e) {
                return false;
            }
        });
        Framebuffer.Snapshot shot = WaitForAsyncUtils.asyncFx(() -> fx.window.console().model().snapshot()).get();
        assertThat(shot.argb()).isEqualTo(vm.screen().pixels());

        // Shift reaches the guest too, and Backspace edits.
        robot.press(KeyCode.SHIFT).type(KeyCode.X).release(KeyCode.SHIFT);
        waitUntil("an upper-case X follows", () -> vm.screen().row(row).equals(before + " rootX"));
        robot.type(KeyCode.BACK_SPACE);
        waitUntil("Backspace erased it", () -> vm.screen().row(row).equals(before + " root"));
    }

    @Test
    void ctrlAltDelFromTheToolbarRestartsTheGuestsBoot(FxRobot robot) throws Exception {
        VmConsole vm = connectedConsoleOf(robot, "web-01");
        robot.clickOn("#console-image");
        robot.type(KeyCode.A, KeyCode.B, KeyCode.C);
        waitUntil("the guest echoed abc", () -> vm.screen().text().contains("login: abc"));

        robot.clickOn("#console-ctrl-alt-del");
        waitUntil("the guest rebooted: its screen starts over", () -> !vm.screen().text().contains("login: abc"));
        assertThat(text(robot, "#console-status")).startsWith("Connected · ");
        waitUntil("the window shows the new boot", () -> {
            try {
                return Arrays.equals(shownPixels(robot), vm.screen().pixels());
            } catch (Exception e) {
                return false;
            }
        });
    }

    private boolean windowShows(FxRobot robot, VmConsole vm) {
        try {
            return Arrays.equals(shownPixels(robot), vm.screen().pixels());
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aRebootReconnectsToTheNewConsoleByItself(FxRobot robot) throws Exception {
        VmConsole first = connectedConsoleOf(robot, "web-01");
        WaitForAsyncUtils.asyncFx(() -> fx.window.runner().run(org.xapicenter.ui.actions.VmAction.REBOOT,
                fx.findItem("web-01").getValue())).get();
        waitUntil("the old console is gone and a new one is shown", () -> {
            try {
                Optional<VmConsole> now = simConsole("web-01");
                return first.isClosed() && now.isPresent() && now.get() != first
                        && text(robot, "#console-status").startsWith("Connected · ") && windowShows(robot, now.get());
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aServerShowsItsControlDomainsConsole(FxRobot robot) throws Exception {
        connect();
        openConsoleOf(robot, "xcp-ng-02");
        waitUntil("the console is connected", () -> text(robot, "#console-status").startsWith("Connected · "));
        String dom0 = WaitForAsyncUtils.asyncFx(() -> {
            var cache = fx.findItem("xcp-ng-02").getValue().connection().link().cache();
            String host = fx.findItem("xcp-ng-02").getValue().ref();
            return cache.all(org.xapicenter.xapi.record.Vm.class).stream()
                    .filter(v -> v.isControlDomain() && host.equals(v.residentOn())).findFirst().orElseThrow().ref();
        }).get();
        VmConsole console = ((BuiltInConsoles) simulator.consoleBackend()).registry().existing(dom0).orElseThrow();
        waitUntil("the window shows the control domain's screen", () -> windowShows(robot, console));
    }

    @Test
    void leavingTheTabOrTheObjectClosesTheSession(FxRobot robot) throws Exception {
        VmConsole vm = connectedConsoleOf(robot, "web-01");
        assertThat(vm.viewerCount()).isEqualTo(1);
        robot.clickOn(robot.lookup(".tab-label").match((Label l) -> l.getText().equals("General")).<Node>query());
        waitUntil("the viewer left when the tab was hidden", () -> vm.viewerCount() == 0);

        WaitForAsyncUtils.asyncFx(fx.window::showConsole).get();
        waitUntil("it is back with the tab", () -> vm.viewerCount() == 1
                && text(robot, "#console-status").startsWith("Connected · "));
        WaitForAsyncUtils.asyncFx(() -> fx.window.navigation().select(fx.findItem("web-02"))).get();
        waitUntil("the viewer left when another VM was selected", () -> vm.viewerCount() == 0);
        waitUntil("web-02's console is shown instead", () -> {
            try {
                return simConsole("web-02").map(c -> c.viewerCount() == 1 && windowShows(robot, c)).orElse(false);
            } catch (Exception e) {
                return false;
            }
        });
        WaitForAsyncUtils.asyncFx(fx.window::closeConsole).get();
        waitUntil("closing the window ends it too", () -> {
            try {
                return simConsole("web-02").map(c -> c.viewerCount() == 0).orElse(true);
            } catch (Exception e) {
                return false;
            }
        });
        waitUntil("no reader or input thread is left", () -> Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .noneMatch(n -> n.startsWith("xapicenter-console-input") || n.startsWith("rfb-reader")));
    }

    @Test
    void aConnectionDroppedWhileTheVmRunsIsRetriedByItself(FxRobot robot) throws Exception {
        VmConsole vm = connectedConsoleOf(robot, "web-01");
        String consoleRef = WaitForAsyncUtils.asyncFx(() -> ConsoleTarget.resolve(fx.findItem("web-01").getValue())
                .target().console().ref()).get();
        // The host drops the viewer; the VM and its console record stay as they are.
        vm.disconnectViewers();
        waitUntil("the status says it will reconnect", () -> text(robot, "#console-status").startsWith("Reconnecting in "));
        waitUntil("connected again", () -> text(robot, "#console-status").startsWith("Connected · "));
        waitUntil("the screen is whole again", () -> windowShows(robot, vm));
        assertThat(WaitForAsyncUtils.asyncFx(() -> ConsoleTarget.resolve(fx.findItem("web-01").getValue())
                .target().console().ref()).get()).isEqualTo(consoleRef);
        waitUntil("one viewer again", () -> vm.viewerCount() == 1);
    }

    @Test
    void undockingMovesTheScreenToItsOwnWindowAndClosingItDocksAgain(FxRobot robot) throws Exception {
        VmConsole vm = connectedConsoleOf(robot, "web-01");
        Node screen = robot.lookup("#console-screen").query();
        robot.clickOn("#console-undock");
        waitUntil("the screen is in another window", () -> screen.getScene() != null && screen.getScene() != fx.scene
                && screen.getScene().getWindow().isShowing());
        javafx.stage.Window undocked = screen.getScene().getWindow();
        assertThat(((Stage) undocked).getTitle()).isEqualTo("web-01 — Console");
        // Typing there still reaches the guest: the session carried on.
        robot.clickOn(screen);
        robot.type(KeyCode.Z);
        waitUntil("the guest echoed z", () -> vm.screen().text().contains("login: z"));
        // Ctrl+Alt gives the keyboard back there too: the next key stays on this side.
        robot.press(KeyCode.CONTROL, KeyCode.ALT).release(KeyCode.ALT, KeyCode.CONTROL);
        waitUntil("the screen let go of the keyboard", () -> !screen.isFocused());
        robot.type(KeyCode.Q);
        // Taking the keyboard again: w follows z directly, so q never reached the guest.
        robot.clickOn(screen);
        robot.type(KeyCode.W);
        waitUntil("the guest echoed w after z", () -> vm.screen().text().contains("login: zw"));
        WaitForAsyncUtils.asyncFx(() -> ((javafx.stage.Stage) undocked).close()).get();
        waitUntil("the screen is back in the tab", () -> screen.getScene() == fx.scene && !undocked.isShowing());
        assertThat(vm.viewerCount()).isEqualTo(1);
    }

    @Test
    void choosingAnEncodingReconnectsWithIt(FxRobot robot) throws Exception {
        VmConsole vm = connectedConsoleOf(robot, "web-01");
        for (String encoding : new String[] {"Raw", "Hextile"}) {
            WaitForAsyncUtils.asyncFx(() -> robot.lookup("#console-encoding")
                    .queryAs(javafx.scene.control.ComboBox.class).setValue(encoding)).get();
            waitUntil("the status names " + encoding, () -> text(robot, "#console-status")
                    .equals("Connected · " + encoding + " · " + ConsoleScreen.WIDTH + "x" + ConsoleScreen.HEIGHT));
            waitUntil("the screen is whole again", () -> windowShows(robot, vm));
        }
    }

    @Test
    void fullScreenGivesEscToTheVmUntilTheKeyboardIsReleased(FxRobot robot) throws Exception {
        VmConsole vm = connectedConsoleOf(robot, "web-01");
        Node screen = robot.lookup("#console-screen").query();
        robot.clickOn("#console-fullscreen");
        waitUntil("the screen is in a window covering the screen", () -> screen.getScene() != fx.scene
                && screen.getScene().getWindow() instanceof Stage s && s.isShowing()
                && s.getStyle() == javafx.stage.StageStyle.UNDECORATED
                && s.getWidth() == javafx.stage.Screen.getPrimary().getBounds().getWidth()
                && s.getHeight() == javafx.stage.Screen.getPrimary().getBounds().getHeight());
        waitUntil("the screen has the keyboard", screen::isFocused);
        assertThat(text(robot, "#console-fullscreen-hint")).isEqualTo(DetachedWindow.FULL_SCREEN_HINT);
        // Esc is the VM's while the keyboard is grabbed: the window stays and the next key still reaches the guest.
        robot.type(KeyCode.ESCAPE);
        robot.type(KeyCode.Z);
        waitUntil("the guest echoed Esc and z", () -> vm.screen().text().contains("login: ^[z"));
        assertThat(screen.getScene()).isNotSameAs(fx.scene);
        // Released, Esc leaves.
        robot.press(KeyCode.CONTROL, KeyCode.ALT).release(KeyCode.ALT, KeyCode.CONTROL);
        waitUntil("the screen let go of the keyboard", () -> !screen.isFocused());
        robot.type(KeyCode.ESCAPE);
        waitUntil("Esc docked it again", () -> screen.getScene() == fx.scene);
        // The visible button leaves too, keyboard grabbed or not.
        robot.clickOn("#console-fullscreen");
        waitUntil("full screen again", () -> screen.getScene() != fx.scene && screen.getScene().getWindow().isShowing());
        robot.clickOn("#console-leave-fullscreen");
        waitUntil("the button docked it again", () -> screen.getScene() == fx.scene);
        // Leaving used to freeze JavaFX (its exit overlay fading after the stage closed); we no longer
        // use Stage.setFullScreen, and the docked window must still answer and show the guest.
        waitUntil("the docked screen still shows the guest", () -> windowShows(robot, vm));
    }

    @Test
    void oneToOneIsOneDevicePixelPerPixelUnfilteredAndFitFilters(FxRobot robot) throws Exception {
        connectedConsoleOf(robot, "web-01");
        ImageView view = robot.lookup("#console-image").queryAs(ImageView.class);
        javafx.stage.Window window = fx.scene.getWindow();
        try {
            WaitForAsyncUtils.asyncFx(() -> window.setRenderScaleX(2.0)).get();
            WaitForAsyncUtils.asyncFx(() -> window.setRenderScaleY(2.0)).get();
            WaitForAsyncUtils.waitForFxEvents();
            // A 200% screen: 720x400 pixels take 360x400 units, so each lands on its own device pixel.
            waitUntil("1:1 at 200%", () -> view.getFitWidth() == ConsoleScreen.WIDTH / 2.0
                    && view.getFitHeight() == ConsoleScreen.HEIGHT / 2.0 && !view.isSmooth());
            robot.clickOn("#console-fit");
            waitUntil("fit scales to the view with filtering", () -> view.getFitWidth() != ConsoleScreen.WIDTH / 2.0
                    && view.isSmooth());
            var vp = robot.lookup("#console-screen").queryAs(javafx.scene.control.ScrollPane.class).getViewportBounds();
            assertThat(view.getFitWidth()).isLessThanOrEqualTo(vp.getWidth() + 0.5);
            assertThat(view.getFitHeight()).isLessThanOrEqualTo(vp.getHeight() + 0.5);
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                window.setRenderScaleX(1.0);
                window.setRenderScaleY(1.0);
            }).get();
        }
    }

    @Test
    void theServersPointerImageBecomesTheLocalCursor() throws Exception {
        int[] argb = new int[4 * 3];
        argb[1 * 4 + 2] = 0xFFFF0000;
        javafx.scene.Cursor c = WaitForAsyncUtils.asyncFx(() -> FramebufferView.cursorOf(
                new org.xapicenter.rfb.CursorShape(4, 3, 2, 1, argb))).get();
        assertThat(c).isInstanceOf(javafx.scene.ImageCursor.class);
        javafx.scene.ImageCursor ic = (javafx.scene.ImageCursor) c;
        assertThat(ic.getHotspotX()).isEqualTo(2.0);
        assertThat(ic.getHotspotY()).isEqualTo(1.0);
        assertThat(ic.getImage().getPixelReader().getArgb(2, 1)).isEqualTo(0xFFFF0000);
        assertThat(ic.getImage().getPixelReader().getArgb(0, 0) >>> 24).as("transparent where the mask is clear").isZero();
        assertThat(WaitForAsyncUtils.asyncFx(() -> FramebufferView.cursorOf(
                new org.xapicenter.rfb.CursorShape(0, 0, 0, 0, new int[0]))).get()).isEqualTo(javafx.scene.Cursor.NONE);
    }
}
