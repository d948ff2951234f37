package org.xapicenter.ui.console;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Bounds;
import javafx.scene.control.ScrollPane;
import javafx.scene.Cursor;
import javafx.scene.ImageCursor;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import org.xapicenter.rfb.CursorShape;

/**
 * The remote screen, drawn sharp: at 1:1 one framebuffer pixel is one device pixel (the view divides
 * by the window's render scale, so a 200% HiDPI screen does not blur it) without smoothing, scrolling
 * when the view is smaller; in fit mode the image scales to the view with smooth filtering. While it
 * has the focus, it owns the keyboard: every key goes to the VM, including Tab, the arrows and the
 * function keys, which are consumed so focus traversal and accelerators do not take them.
 */
final class FramebufferView extends ScrollPane {
    /**
     * Monocle (JavaFX's headless and embedded platform) fails on the FX render thread when a scene
     * shows an image cursor, so there the desktop's own pointer stays.
     */
    private static final boolean IMAGE_CURSORS = !"Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));

    private final ConsoleModel model;
    private final ImageView imageView = new ImageView();
    private final StackPane holder = new StackPane(imageView);
    private final BooleanProperty fit = new SimpleBooleanProperty(this, "fit", false);
    private final KeyboardGrab grab;
    private int buttons;

    /**
     * @param onRelease where focus goes when the user releases the keyboard
     */
    FramebufferView(ConsoleModel model, Runnable onRelease) {
        this.model = model;
        getStyleClass().add("console-screen");
        setId("console-screen");
        setPannable(false);
        setFocusTraversable(true);
        holder.getStyleClass().add("console-holder");
        setContent(holder);
        setFitToWidth(true);
        setFitToHeight(true);
        imageView.setId("console-image");
        imageView.setPreserveRatio(true);
        imageView.imageProperty().bind(model.imageProperty());

        grab = new KeyboardGrab((keysym, scancode, down) -> {
            ConsoleInput in = model.input();
            if (in != null) {
                in.key(keysym, scancode, down);
            }
        }, onRelease);

        imageView.imageProperty().addListener((o, was, now) -> relayout());
        model.cursorProperty().addListener((o, was, now) -> imageView.setCursor(
                IMAGE_CURSORS ? cursorOf(now) : Cursor.DEFAULT));
        fit.addListener((o, was, now) -> relayout());
        viewportBoundsProperty().addListener((o, was, now) -> {
            if (fit.get()) {
                relayout();
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                now.windowProperty().addListener((w, a, b) -> watchScale(b));
                watchScale(now.getWindow());
            }
        });

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            grab.pressed(e.getCode(), e.getText(), e.isShiftDown());
            e.consume();
        });
        addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            grab.released(e.getCode());
            e.consume();
        });
        // Typed events carry nothing the presses did not; they must not reach the scene either.
        addEventFilter(KeyEvent.KEY_TYPED, KeyEvent::consume);
        focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                grab.releaseAll();
            }
        });

        imageView.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            buttons |= bit(e.getButton());
            pointer(e);
            e.consume();
        });
        imageView.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            buttons &= ~bit(e.getButton());
            pointer(e);
            e.consume();
        });
        imageView.addEventHandler(MouseEvent.MOUSE_MOVED, this::pointer);
        imageView.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            pointer(e);
            e.consume();
        });
        imageView.addEventHandler(ScrollEvent.SCROLL, this::wheel);
    }

    private void watchScale(Window w) {
        if (w != null) {
            // The render scale is what the scene is rasterised at: device pixels per unit.
            w.renderScaleXProperty().addListener((o, a, b) -> relayout());
            w.renderScaleYProperty().addListener((o, a, b) -> relayout());
        }
        relayout();
    }

    /** Fit to the view ({@code true}) or one framebuffer pixel per device pixel. */
    BooleanProperty fitProperty() {
        return fit;
    }

    /** Sizes the image for the mode, the window's output scale and the view. */
    void relayout() {
        Image img = imageView.getImage();
        if (img == null) {
            return;
        }
        double scaleX = 1;
        double scaleY = 1;
        if (getScene() != null && getScene().getWindow() != null) {
            scaleX = getScene().getWindow().getRenderScaleX();
            scaleY = getScene().getWindow().getRenderScaleY();
        }
        double w = img.getWidth();
        double h = img.getHeight();
        if (fit.get()) {
            setHbarPolicy(ScrollBarPolicy.NEVER);
            setVbarPolicy(ScrollBarPolicy.NEVER);
            Bounds vp = getViewportBounds();
            double k = Math.min(vp.getWidth() / w, vp.getHeight() / h);
            if (!(k > 0)) {
                k = 1 / scaleX;
            }
            double deviceScale = k * scaleX;
            imageView.setFitWidth(w * k);
            imageView.setFitHeight(h * k);
            // A whole number of device pixels per pixel stays sharp; anything else is filtered.
            imageView.setSmooth(Math.abs(deviceScale - Math.rint(deviceScale)) > 1e-6);
            holder.setMinSize(0, 0);
        } else {
            setHbarPolicy(ScrollBarPolicy.AS_NEEDED);
            setVbarPolicy(ScrollBarPolicy.AS_NEEDED);
            imageView.setFitWidth(w / scaleX);
            imageView.setFitHeight(h / scaleY);
            imageView.setSmooth(false);
            // The holder never shrinks below the image, so the scroll pane scrolls instead.
            holder.setMinSize(w / scaleX, h / scaleY);
        }
    }

    private void pointer(MouseEvent e) {
        ConsoleInput in = model.input();
        Image img = imageView.getImage();
        if (in == null || img == null) {
            return;
        }
        Bounds b = imageView.getLayoutBounds();
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            return;
        }
        // The view's zoom: framebuffer pixels per local unit.
        int x = (int) Math.floor(e.getX() * img.getWidth() / b.getWidth());
        int y = (int) Math.floor(e.getY() * img.getHeight() / b.getHeight());
        x = Math.max(0, Math.min((int) img.getWidth() - 1, x));
        y = Math.max(0, Math.min((int) img.getHeight() - 1, y));
        lastX = x;
        lastY = y;
        in.pointer(x, y, buttons);
    }

    private int lastX;
    private int lastY;

    private void wheel(ScrollEvent e) {
        ConsoleInput in = model.input();
        if (in == null || e.getDeltaY() == 0) {
            return;
        }
        // Buttons 4 and 5 (mask bits 3 and 4): one press and release per notch.
        int wheelBit = e.getDeltaY() > 0 ? 1 << 3 : 1 << 4;
        in.pointer(lastX, lastY, buttons | wheelBit);
        in.pointer(lastX, lastY, buttons);
        e.consume();
    }

    /** The server's pointer image as a local cursor: drawn by the desktop, so it never lags the mouse. */
    static Cursor cursorOf(CursorShape shape) {
        if (shape == null) {
            return Cursor.DEFAULT;
        }
        if (shape.width() <= 0 || shape.height() <= 0) {
            return Cursor.NONE;
        }
        if (shape.argb() == null || shape.argb().length < shape.width() * shape.height()) {
            return Cursor.DEFAULT;
        }
        WritableImage img = new WritableImage(shape.width(), shape.height());
        img.getPixelWriter().setPixels(0, 0, shape.width(), shape.height(), PixelFormat.getIntArgbInstance(),
                shape.argb(), 0, shape.width());
        double hx = Math.max(0, Math.min(shape.width() - 1, shape.hotX()));
        double hy = Math.max(0, Math.min(shape.height() - 1, shape.hotY()));
        return new ImageCursor(img, hx, hy);
    }

    private static int bit(MouseButton b) {
        return switch (b) {
            case PRIMARY -> 1;
            case MIDDLE -> 2;
            case SECONDARY -> 4;
            default -> 0;
        };
    }

    /** Lets go of every key still down in the VM. */
    void releaseKeys() {
        grab.releaseAll();
    }

    ImageView imageView() {
        return imageView;
    }
}
