package org.xapicenter.ui.console;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.xapicenter.rfb.CursorShape;
import org.xapicenter.rfb.Encoding;
import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.Rect;
import org.xapicenter.rfb.RfbClient;
import org.xapicenter.rfb.RfbOptions;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.ui.tree.NavNode;

/**
 * The console tab's state, on the FX thread: which console the selection has, the session showing
 * it, the image its framebuffer is drawn into, and the status line. A session runs only while the
 * tab is active (shown, with a VM or server selected); it follows the VM across reboots by watching
 * its console record, and ends when the tab is hidden, the selection changes or the window closes.
 *
 * <p>The image is a {@link PixelBuffer} over a direct buffer the framebuffer drains into: once per
 * frame at most, only the damaged rectangle is copied and only that rectangle is marked dirty.
 */
public final class ConsoleModel implements AutoCloseable {
    private final Executor background;
    private final Executor pacer;
    private final Runnable stateChanged = this::sessionStateChanged;
    private final Runnable repaint = this::repaint;
    private final Runnable clipboardChanged = this::clipboardChanged;
    private final Runnable cursorChanged = this::cursorChanged;
    private final ReadOnlyObjectWrapper<CursorShape> cursor = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ConsoleTarget.Unavailable> unavailable =
            new ReadOnlyObjectWrapper<>(ConsoleTarget.NOT_A_CONSOLE);
    private final ReadOnlyObjectWrapper<WritableImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper remoteClipboard = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");

    private NavNode node;
    private boolean active;
    private Encoding forcedEncoding;
    private ConsoleSession session;
    private PixelBuffer<IntBuffer> pixels;
    private IntBuffer buffer;
    /** The direct memory {@link #buffer} views; kept while it fits, across sizes and sessions. */
    private IntBuffer backing;
    private Framebuffer shownFramebuffer;
    private long shownGeneration = -1;
    private Encoding shownEncoding;
    /** Automatic reconnects tried since the last successful connect. */
    private int reconnectAttempts;
    /** The pending automatic reconnect, or null. */
    private javafx.animation.PauseTransition reconnectTimer;

    /** Back-off before the n-th automatic reconnect: 1, 2, 4, 8, 8... seconds. */
    static int reconnectDelaySeconds(int attempt) {
        return 1 << Math.min(attempt, 3);
    }

    /** After this many failed attempts in a row the user reconnects by hand. */
    static final int MAX_RECONNECT_ATTEMPTS = 6;

    /**
     * @param background runs session closes (opens have their own threads: {@link ConsoleSession#OPENER})
     * @param pacer hands work to the FX thread at most once per frame (an {@code FxPulse})
     */
    public ConsoleModel(Executor background, Executor pacer) {
        this.background = background;
        this.pacer = pacer;
    }

    /** The object whose console to show (FX thread); null for none. */
    public void show(NavNode newNode) {
        boolean sameObject = node != null && newNode != null && node.connection() == newNode.connection()
                && java.util.Objects.equals(node.ref(), newNode.ref());
        node = newNode;
        if (!sameObject) {
            closeSession();
            reconnectAttempts = 0;
        }
        refresh();
    }

    /** Whether the tab is shown: a session runs only while it is. */
    public void setActive(boolean nowActive) {
        if (active == nowActive) {
            return;
        }
        active = nowActive;
        if (!active) {
            closeSession();
        }
        refresh();
    }

    public boolean isActive() {
        return active;
    }

    /**
     * Re-reads the selected object's console from the cache and follows it: connects when one
     * appears (a VM started, or rebooted and got a new console record), closes when it goes.
     */
    public void refresh() {
        ConsoleTarget.Result r = ConsoleTarget.resolve(node);
        if (r.target() == null) {
            closeSession();
            unavailable.set(r.unavailable());
            status.set("");
            return;
        }
        unavailable.set(null);
        if (!active) {
            return;
        }
        ConsoleTarget t = r.target();
        boolean sameConsole = session != null && session.target().console().ref().equals(t.console().ref())
                && session.target().link() == t.link();
        if (!sameConsole) {
            // A new console record: the first, or the VM's after a reboot. Either way, (re)connect.
            open(t);
        }
    }

    /** Drops the session and opens a new one to the same console. */
    public void reconnect() {
        reconnectAttempts = 0;
        closeSession();
        refresh();
    }

    /** Ask the server for this encoding only ({@code null}: the best it offers); reconnects. */
    public void setForcedEncoding(Encoding e) {
        forcedEncoding = e;
        if (session != null) {
            reconnect();
        }
    }

    public Encoding forcedEncoding() {
        return forcedEncoding;
    }

    private void open(ConsoleTarget t) {
        closeSession();
        RfbOptions options = RfbOptions.defaults().withForcedEncoding(forcedEncoding);
        session = new ConsoleSession(t, options,
                new ConsoleSession.Callbacks(pacer, stateChanged, repaint, clipboardChanged, cursorChanged))
                .open(ConsoleSession.OPENER);
        shownEncoding = null;
        // Never show the previous VM's screen (or an old boot's) while this one connects.
        image.set(null);
        cursor.set(null);
        problem.set(null);
        pixels = null;
        buffer = null;
        shownFramebuffer = null;
        status.set("Connecting to " + t.host() + "…");
        name.set(t.name() == null ? "" : t.name());
        connected.set(false);
    }

    private void closeSession() {
        cancelReconnect();
        if (session != null) {
            ConsoleSession s = session;
            session = null;
            // RfbClient.close may wait for its reader; never on the FX thread.
            try {
                background.execute(s::close);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                Thread t = new Thread(s::close, "xapicenter-console-close");
                t.setDaemon(true);
                t.start();
            }
            connected.set(false);
            status.set("");
            problem.set(null);
        }
    }

    private void sessionStateChanged() {
        ConsoleSession s = session;
        if (s == null) {
            return;
        }
        switch (s.state()) {
            case CONNECTING -> status.set("Connecting to " + s.target().host() + "…");
            case CONNECTED -> {
                connected.set(true);
                reconnectAttempts = 0;
                repaint();
                updateConnectedStatus(s.client());
            }
            case CLOSED -> {
                connected.set(false);
                Exception e = s.error();
                String why = e == null ? "The console closed." : FriendlyErrors.get().describe(e);
                status.set(e == null ? "Disconnected" : "Disconnected: " + why);
                problem.set(why);
                if (e != null) {
                    scheduleReconnect(s, why);
                }
            }
        }
    }

    /**
     * The connection dropped by itself (the host restarted its proxy, the network blinked, the VM
     * rebooted yet kept its console record): while the cache still says the VM runs, try again after
     * a growing pause. Closing the session (selection change, tab hidden, VM halted) cancels it.
     */
    private void scheduleReconnect(ConsoleSession dropped, String why) {
        if (!active || reconnectTimer != null || reconnectAttempts >= MAX_RECONNECT_ATTEMPTS
                || ConsoleTarget.resolve(node).target() == null) {
            return;
        }
        int delay = reconnectDelaySeconds(reconnectAttempts++);
        status.set("Reconnecting in " + delay + " s… (" + why + ")");
        javafx.animation.PauseTransition timer = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(delay));
        timer.setOnFinished(ev -> {
            if (reconnectTimer != timer || session != dropped) {
                return;
            }
            reconnectTimer = null;
            ConsoleTarget.Result r = ConsoleTarget.resolve(node);
            if (active && r.target() != null) {
                open(r.target());
            }
        });
        reconnectTimer = timer;
        timer.play();
    }

    private void cancelReconnect() {
        if (reconnectTimer != null) {
            reconnectTimer.stop();
            reconnectTimer = null;
        }
    }

    private void updateConnectedStatus(RfbClient c) {
        Framebuffer fb = c.framebuffer();
        Encoding e = c.lastEncoding();
        shownEncoding = e;
        String enc = e == null ? (forcedEncoding == null ? "Automatic" : forcedEncoding.displayName()) : e.displayName();
        status.set("Connected · " + enc + " · " + fb.width() + "x" + fb.height());
    }

    /** Copies what changed since the last frame into the image. Runs at most once per frame. */
    private void repaint() {
        ConsoleSession s = session;
        RfbClient c = s == null ? null : s.client();
        if (c == null || s.state() != ConsoleSession.State.CONNECTED) {
            return;
        }
        Framebuffer fb = c.framebuffer();
        if (fb != shownFramebuffer || fb.sizeGeneration() != shownGeneration || pixels == null) {
            shownFramebuffer = fb;
            shownGeneration = fb.sizeGeneration();
            int w = fb.width();
            int h = fb.height();
            backing = backingFor(backing, w, h);
            buffer = view(backing, w, h);
            pixels = new PixelBuffer<>(w, h, buffer, PixelFormat.getIntArgbPreInstance());
            image.set(new WritableImage(pixels));
            updateConnectedStatus(c);
        }
        if (fb.isDamaged()) {
            int w = pixels.getWidth();
            int h = pixels.getHeight();
            pixels.updateBuffer(pb -> {
                Rect r = fb.drainTo(buffer, w, h);
                return r == null ? Rectangle2D.EMPTY : new Rectangle2D(r.x(), r.y(), r.width(), r.height());
            });
        }
        if (c.lastEncoding() != shownEncoding) {
            updateConnectedStatus(c);
        }
    }

    /**
     * Direct memory for a w*h screen: {@code current} when it is big enough, so a server flapping
     * between sizes does not churn direct memory (freed only by the garbage collector); else new.
     */
    static IntBuffer backingFor(IntBuffer current, int w, int h) {
        int needed = Math.multiplyExact(w, h);
        if (current != null && current.capacity() >= needed) {
            return current;
        }
        return ByteBuffer.allocateDirect(Math.multiplyExact(needed, 4)).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    /**
     * The first w*h pixels of {@code backing}, as the image's buffer. The previous image shares that
     * memory, but it is replaced in the same FX pulse and no longer drawn.
     */
    static IntBuffer view(IntBuffer backing, int w, int h) {
        IntBuffer b = backing.duplicate();
        b.clear();
        b.limit(w * h);
        return b.slice();
    }

    private void cursorChanged() {
        ConsoleSession s = session;
        if (s != null && s.cursor() != null) {
            cursor.set(s.cursor());
        }
    }

    /**
     * The pointer image to draw over the screen (the server leaves it out of the framebuffer once it
     * knows we draw it), or null for the default pointer.
     */
    public ReadOnlyObjectProperty<CursorShape> cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    private void clipboardChanged() {
        ConsoleSession s = session;
        if (s != null && s.serverClipboard() != null) {
            remoteClipboard.set(s.serverClipboard());
        }
    }

    /** Where keys and the pointer go while connected, else null. */
    ConsoleInput input() {
        return session == null ? null : session.input();
    }

    /** The remote screen now, for a screenshot; null when not connected. */
    public Framebuffer.Snapshot snapshot() {
        RfbClient c = session == null ? null : session.client();
        return c == null ? null : c.framebuffer().snapshot();
    }

    public void ctrlAltDel() {
        ConsoleInput in = input();
        if (in != null) {
            in.ctrlAltDel();
        }
    }

    /** Sends text as the server's clipboard (ClientCutText). */
    public void sendClipboard(String text) {
        ConsoleInput in = input();
        if (in != null && text != null) {
            in.clipboard(text);
        }
    }

    /** The status line: connecting, connected with encoding and size, or why it is disconnected. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** Why there is no console to show (the VM is not running...), or null when there is one. */
    public ReadOnlyObjectProperty<ConsoleTarget.Unavailable> unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    /** The remote screen; replaced when its size changes. */
    public ReadOnlyObjectProperty<WritableImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** The name of the VM or server whose console is shown, for window titles. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Why the session ended when it ended by itself, else null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last text the server put on its clipboard. */
    public ReadOnlyStringProperty remoteClipboardProperty() {
        return remoteClipboard.getReadOnlyProperty();
    }

    /** Ends any session (window closing). */
    @Override
    public void close() {
        active = false;
        closeSession();
    }
}
