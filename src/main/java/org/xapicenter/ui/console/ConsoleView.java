package org.xapicenter.ui.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.rfb.Encoding;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.SnapshotPng;
import org.xapicenter.ui.EmptyState;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.ui.theme.Icons;
import org.xapicenter.ui.tree.NavNode;

/**
 * The Console tab: a toolbar (Ctrl+Alt+Del, fit or 1:1, full screen, undock, screenshot, paste,
 * encoding), the remote screen or an empty state saying why there is none, and a status line.
 */
public final class ConsoleView extends BorderPane {
    private static final String AUTOMATIC = "Automatic";

    private final ConsoleModel model;
    private final Executor background;
    private final FramebufferView screen;
    private final StackPane center = new StackPane();
    private final Label status = new Label();
    private final Label hint = new Label(KeyboardGrab.RELEASE_HINT);
    private final Label notice = new Label();
    private final Button ctrlAltDel = new Button("Ctrl+Alt+Del", Icons.icon(Material2AL.KEYBOARD));
    private final Label detachedNote = new Label("The console is shown in its own window.");
    private DetachedWindow detached;

    /**
     * @param selection the selected tree node
     * @param background runs session closes and screenshot writes (opens have threads of their own)
     * @param pacer hands session updates to the FX thread at most once per frame
     */
    public ConsoleView(ObservableValue<NavNode> selection, Executor background, Executor pacer) {
        this.background = background;
        this.model = new ConsoleModel(background, pacer);
        getStyleClass().add("console-view");
        setId("console-view");
        screen = new FramebufferView(model, this::releaseKeyboard);

        setTop(toolBar());

        status.setId("console-status");
        status.getStyleClass().add("console-status");
        status.textProperty().bind(model.statusProperty());
        hint.setId("console-hint");
        hint.getStyleClass().addAll("console-hint", "text-muted");
        hint.visibleProperty().bind(screen.focusedProperty().and(model.connectedProperty()));
        hint.managedProperty().bind(hint.visibleProperty());
        notice.getStyleClass().addAll("console-notice", "text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusLine = new HBox(12, status, spacer, notice, hint);
        statusLine.getStyleClass().add("console-status-line");
        statusLine.setAlignment(Pos.CENTER_LEFT);
        setBottom(statusLine);

        detachedNote.getStyleClass().add("text-muted");
        center.getStyleClass().add("console-center");
        setCenter(center);
        model.unavailableProperty().addListener((o, was, now) -> updateCenter());
        model.problemProperty().addListener((o, was, now) -> updateCenter());
        updateCenter();

        model.remoteClipboardProperty().addListener((o, was, now) -> {
            if (now != null) {
                ClipboardContent c = new ClipboardContent();
                c.putString(now);
                Clipboard.getSystemClipboard().setContent(c);
            }
        });

        selection.addListener((o, was, now) -> model.show(now));
        model.show(selection.getValue());
    }

    private ToolBar toolBar() {
        ctrlAltDel.setId("console-ctrl-alt-del");
        ctrlAltDel.setMinWidth(Region.USE_PREF_SIZE);
        ctrlAltDel.setTooltip(new Tooltip("Send Ctrl+Alt+Del to the VM"));
        ctrlAltDel.setOnAction(e -> model.ctrlAltDel());

        ToggleButton fit = new ToggleButton("Fit", Icons.icon(Material2AL.ASPECT_RATIO));
        fit.setId("console-fit");
        fit.setMinWidth(Region.USE_PREF_SIZE);
        fit.setTooltip(new Tooltip("Scale the screen to the window (off: one pixel per screen pixel, sharp)"));
        screen.fitProperty().bindBidirectional(fit.selectedProperty());

        Button fullScreen = iconButton("console-fullscreen", Material2AL.FULLSCREEN, "Full screen (Ctrl+Alt, then Esc leaves it)");
        fullScreen.setOnAction(e -> detach(true));
        Button undock = iconButton("console-undock", Material2MZ.OPEN_IN_NEW, "Undock into a window of its own");
        undock.setOnAction(e -> detach(false));
        Button shot = iconButton("console-screenshot", Material2AL.CAMERA_ALT, "Save a screenshot as PNG…");
        shot.setOnAction(e -> screenshot());
        Button paste = iconButton("console-paste", Material2AL.CONTENT_PASTE,
                "Send this computer's clipboard text to the VM's clipboard");
        paste.setOnAction(e -> model.sendClipboard(Clipboard.getSystemClipboard().getString()));

        ComboBox<String> encoding = new ComboBox<>();
        encoding.setId("console-encoding");
        encoding.getItems().add(AUTOMATIC);
        for (Encoding en : new Encoding[] {Encoding.TIGHT, Encoding.ZRLE, Encoding.HEXTILE, Encoding.RAW}) {
            encoding.getItems().add(en.displayName());
        }
        encoding.setValue(AUTOMATIC);
        encoding.setTooltip(new Tooltip("Ask the server for one encoding only (for diagnosis); reconnects"));
        encoding.valueProperty().addListener((o, was, now) ->
                model.setForcedEncoding(now == null || now.equals(AUTOMATIC) ? null : Encoding.ofName(now).orElse(null)));
        Button reconnect = iconButton("console-reconnect", Material2MZ.REFRESH, "Reconnect");
        reconnect.setOnAction(e -> model.reconnect());

        for (var b : new javafx.scene.control.Control[] {ctrlAltDel, fullScreen, undock, shot, paste}) {
            b.disableProperty().bind(model.connectedProperty().not());
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label encodingLabel = new Label("Encoding");
        encodingLabel.getStyleClass().add("text-muted");
        encodingLabel.setMinWidth(Region.USE_PREF_SIZE);
        ToolBar bar = new ToolBar(ctrlAltDel, fit, new Separator(Orientation.VERTICAL), fullScreen, undock, shot,
                paste, spacer, encodingLabel, encoding, reconnect);
        bar.getStyleClass().add("console-toolbar");
        bar.disableProperty().bind(model.unavailableProperty().isNotNull());
        return bar;
    }

    private static Button iconButton(String id, org.kordamp.ikonli.Ikon icon, String tip) {
        Button b = new Button(null, Icons.icon(icon));
        b.setId(id);
        b.getStyleClass().add("button-icon");
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private void updateCenter() {
        ConsoleTarget.Unavailable u = model.unavailableProperty().get();
        if (u != null) {
            EmptyState empty = new EmptyState(Material2MZ.POWER_SETTINGS_NEW, u.title(), u.text(), null);
            empty.setId("console-empty");
            center.getChildren().setAll(empty);
        } else if (model.problemProperty().get() != null) {
            Button again = new Button("Reconnect", Icons.icon(Material2MZ.REFRESH));
            again.setId("console-reconnect-now");
            again.setOnAction(e -> model.reconnect());
            EmptyState lost = new EmptyState(Material2AL.LINK_OFF, "Disconnected", model.problemProperty().get(), again);
            lost.setId("console-disconnected");
            center.getChildren().setAll(lost);
        } else if (detached != null) {
            center.getChildren().setAll(detachedNote);
        } else {
            center.getChildren().setAll(screen);
        }
    }

    private void detach(boolean fullScreen) {
        if (detached != null) {
            return;
        }
        center.getChildren().setAll(detachedNote);
        Window owner = getScene() == null ? null : getScene().getWindow();
        detached = new DetachedWindow(owner, screen, model.nameProperty().map(n -> n + " — Console"), fullScreen, () -> {
            detached = null;
            updateCenter();
            screen.relayout();
        });
    }

    /** The user released the keyboard: focus leaves the screen for the toolbar (or, detached, its window). */
    private void releaseKeyboard() {
        if (screen.getScene() != null && screen.getScene() == getScene()) {
            ctrlAltDel.requestFocus();
        } else if (screen.getParent() != null) {
            screen.getParent().requestFocus();
        }
    }

    private void screenshot() {
        Framebuffer.Snapshot shot = model.snapshot();
        if (shot == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save console screenshot");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("console.png");
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        Path target = f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + ".png");
        saveScreenshot(shot, target);
    }

    /** Writes the PNG in the background and says how it went in the status line. */
    void saveScreenshot(Framebuffer.Snapshot shot, Path target) {
        notice.setText("Saving screenshot…");
        background.execute(() -> {
            String done;
            try {
                SnapshotPng.write(shot, target);
                done = "Screenshot saved to " + target.getFileName();
            } catch (IOException | RuntimeException e) {
                done = "Screenshot not saved: " + FriendlyErrors.get().describe(e);
            }
            String text = done;
            javafx.application.Platform.runLater(() -> notice.setText(text));
        });
    }

    /** Whether the tab is shown; the session runs only while it is. */
    public void setActive(boolean active) {
        if (!active && detached != null) {
            detached.close();
        }
        model.setActive(active);
    }

    /** Re-reads the selected object (a cache batch touched its connection). */
    public void refresh() {
        model.refresh();
    }

    /** Ends the session (window closing). */
    public void close() {
        if (detached != null) {
            detached.close();
        }
        model.close();
    }

    public ConsoleModel model() {
        return model;
    }
}
