package org.xapicenter.ui.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import org.xapicenter.ui.MainWindow;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.connect.PoolConnectionLink;
import org.xapicenter.ui.live.Background;
import org.xapicenter.ui.theme.Theme;
import org.xapicenter.ui.tree.NavNode;

/** The real main window on a TestFX stage, with real FX-thread hand-over and background calls. */
public final class WindowFixture {
    public final ExecutorService background = Background.newExecutor();
    /** What Add Server asked for, in order; tests may answer with links of their own. */
    public final java.util.List<org.xapicenter.ui.ServerLogin> logins = new java.util.concurrent.CopyOnWriteArrayList<>();
    public volatile java.util.function.Function<org.xapicenter.ui.ServerLogin, org.xapicenter.ui.connect.PoolLink> linkFactory =
            PoolConnectionLink::open;
    public final Connections connections = new Connections(login -> {
        logins.add(login);
        return linkFactory.apply(login);
    }, background);
    public final Theme theme;
    public final MainWindow window;
    public final Scene scene;

    /** Call on the FX thread (TestFX's @Start). */
    public WindowFixture(Stage stage, boolean dark) {
        theme = new Theme(dark);
        window = new MainWindow(connections, theme, background);
        scene = new Scene(window, 1280, 800);
        theme.style(scene);
        stage.setTitle("XapiCenter");
        stage.setScene(scene);
        // A fixed place on the (virtual) screen, so the robot's clicks land where it aims.
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    public void close() {
        try {
            WaitForAsyncUtils.asyncFx(window::closeConsole).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.asyncFx(() -> window.stopTransfers(java.time.Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.asyncFx(() -> connections.closeAll(java.time.Duration.ofSeconds(3))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("window did not close its connections", e);
        }
        background.shutdown();
    }

    /** Waits (generously) for a condition checked on the FX thread. */
    public static void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                final boolean[] ok = new boolean[1];
                WaitForAsyncUtils.asyncFx(() -> ok[0] = condition.getAsBoolean()).get();
                return ok[0];
            });
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /**
     * Waits until a node matching the TestFX query is on screen (cells are laid out a pulse later). Its
     * window must be showing too: a dialog's nodes exist before it opens, and its on-shown focus request
     * would otherwise move the caret away from a field the robot has already started typing into.
     */
    public static void waitForNode(org.testfx.api.FxRobot robot, String query) {
        waitUntil(query + " is shown", () -> robot.lookup(query).tryQuery().filter(n -> n.isVisible()
                && n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).isPresent());
    }

    /** The tree row showing {@code name} (not any other label with the same text). */
    public static javafx.scene.control.TreeCell<?> treeCell(org.testfx.api.FxRobot robot, String name) {
        // Bring the row into view first, as a user would scroll to it.
        robot.interact(() -> robot.lookup("#navigation-tree").queryAll().forEach(n -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.TreeView<NavNode> tree = (javafx.scene.control.TreeView<NavNode>) n;
            TreeItem<NavNode> item = find(tree.getRoot(), name.contains(" — ") ? name.substring(0, name.indexOf(" — ")) : name);
            if (item != null) {
                int row = tree.getRow(item);
                if (row >= 0) {
                    tree.scrollTo(Math.max(0, row - 3));
                }
            }
        }));
        waitUntil("tree row " + name + " is shown", () -> robot.lookup("#navigation-tree .tree-cell")
                .match((javafx.scene.control.TreeCell<?> c) -> name.equals(c.getText())).tryQuery().isPresent());
        return robot.lookup("#navigation-tree .tree-cell")
                .match((javafx.scene.control.TreeCell<?> c) -> name.equals(c.getText())).query();
    }

    /**
     * Right-clicks a row and waits for its context menu. Headless Monocle turns the right click
     * into a press but not into the platform's menu request, so the request the OS would send is
     * delivered to the row when the click alone did not open the menu.
     */
    public static javafx.scene.Node openContextMenu(org.testfx.api.FxRobot robot, javafx.scene.control.Control row) {
        robot.rightClickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        if (row.getContextMenu() == null || !row.getContextMenu().isShowing()) {
            robot.interact(() -> {
                javafx.geometry.Bounds b = row.localToScreen(row.getBoundsInLocal());
                row.fireEvent(new javafx.scene.input.ContextMenuEvent(
                        javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, b.getWidth() / 2, b.getHeight() / 2,
                        b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2, false, null));
            });
        }
        waitUntil("the context menu shows", () -> row.getContextMenu() != null && row.getContextMenu().isShowing());
        return robot.lookup(".context-menu").query();
    }

    /** Finds a visible tree item by name anywhere in the tree, or null. FX thread. */
    public TreeItem<NavNode> findItem(String name) {
        return find(window.navigation().tree().getRoot(), name);
    }

    private static TreeItem<NavNode> find(TreeItem<NavNode> item, String name) {
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
