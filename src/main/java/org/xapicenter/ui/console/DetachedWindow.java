package org.xapicenter.ui.console;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The console screen in a window of its own: undocked (a normal window) or full screen. The same
 * view moves there and back, so the session, its image and the keyboard grab carry on; closing the
 * window (or leaving full screen) docks it again.
 */
final class DetachedWindow {
    static final String FULL_SCREEN_HINT = "Esc goes to the VM while it has the keyboard: press Ctrl+Alt to release it, then Esc leaves full screen";

    private final Stage stage = new Stage();
    private final Runnable onClose;
    private boolean closed;

    /**
     * @param content the view to show (removed from its parent by the caller)
     * @param onClose called once, on the FX thread, when the window goes away: dock the view again
     */
    DetachedWindow(Window owner, Node content, javafx.beans.value.ObservableValue<String> title, boolean fullScreen,
                   Runnable onClose) {
        this.onClose = onClose;
        BorderPane root = new BorderPane(content);
        root.getStyleClass().add("console-detached");
        Scene scene = new Scene(root, 1024, 768);
        if (owner != null && owner.getScene() != null) {
            // The theme is application-wide; our own stylesheet comes from the main window's scene.
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        // Bound: the window follows the selection to another VM's console.
        stage.titleProperty().bind(title);
        if (fullScreen) {
            // A borderless window over the whole screen rather than Stage.setFullScreen: JavaFX's
            // full-screen exit overlay fades out after the stage may have closed, and then leaks the
            // toolkit's render lock (an NPE in ViewScene.synchroniseOverlayWarning), freezing every
            // window. Our own bar says how to leave. Esc belongs to the VM while the keyboard is
            // grabbed (vim, BIOS menus); only once Ctrl+Alt released it does Esc leave full screen.
            stage.initStyle(javafx.stage.StageStyle.UNDECORATED);
            javafx.geometry.Rectangle2D bounds = screenOf(owner).getBounds();
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
            javafx.scene.control.Label hint = new javafx.scene.control.Label(FULL_SCREEN_HINT);
            hint.setId("console-fullscreen-hint");
            hint.getStyleClass().addAll("console-fullscreen-hint", "text-muted");
            javafx.scene.control.Button leave = new javafx.scene.control.Button("Leave full screen");
            leave.setId("console-leave-fullscreen");
            leave.setFocusTraversable(false);
            leave.setOnAction(e -> close());
            javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(12, hint, leave);
            bar.getStyleClass().add("console-fullscreen-hint");
            bar.setAlignment(javafx.geometry.Pos.CENTER);
            root.setTop(bar);
            scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE && !content.isFocused()) {
                    e.consume();
                    close();
                }
            });
        }
        stage.setOnHidden(e -> close());
        stage.show();
        content.requestFocus();
    }

    private static javafx.stage.Screen screenOf(Window owner) {
        if (owner != null) {
            var screens = javafx.stage.Screen.getScreensForRectangle(owner.getX(), owner.getY(),
                    Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight()));
            if (!screens.isEmpty()) {
                return screens.get(0);
            }
        }
        return javafx.stage.Screen.getPrimary();
    }

    /** Whether this window covers the whole screen (full screen) rather than being a normal window. */
    boolean coversScreen() {
        return stage.getStyle() == javafx.stage.StageStyle.UNDECORATED;
    }

    /** Closes the window and docks the view again; safe to call twice. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stage.isShowing()) {
            stage.hide();
        }
        onClose.run();
    }

    Stage stage() {
        return stage;
    }
}
