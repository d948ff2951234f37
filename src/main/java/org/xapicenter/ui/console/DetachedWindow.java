package org.xapicenter.ui.console;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
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
            // JavaFX's own exit hint is an overlay that fades out; closing the stage while it fades
            // leaks the toolkit's render lock (an NPE in ViewScene.synchroniseOverlayWarning) and
            // freezes every window. So no overlay: a plain label of ours says the same.
            stage.setFullScreenExitHint("");
            javafx.scene.control.Label hint = new javafx.scene.control.Label("Press Esc to leave full screen");
            hint.getStyleClass().addAll("console-fullscreen-hint", "text-muted");
            hint.setMaxWidth(Double.MAX_VALUE);
            root.setTop(hint);
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            // Esc is ours to catch before the console sends it to the VM.
            scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    e.consume();
                    close();
                }
            });
            stage.fullScreenProperty().addListener((o, was, now) -> {
                if (!now) {
                    close();
                }
            });
            stage.setFullScreen(true);
        }
        stage.setOnHidden(e -> close());
        stage.show();
        content.requestFocus();
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
