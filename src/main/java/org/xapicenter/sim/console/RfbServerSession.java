package org.xapicenter.sim.console;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.xapicenter.rfb.Keys;
import org.xapicenter.rfb.RfbException;

/**
 * One viewer of a {@link VmConsole}, speaking the server side of RFB (RFC 6143) over a pair of
 * streams: versions 3.3, 3.7 and 3.8 with security None; SetPixelFormat (any true-colour format, or
 * an 8-bit colour map); Raw, CopyRect (the console's scrolling), Hextile and ZRLE; the QEMU extended
 * key event; pasted text typed in.
 *
 * <p>{@link #run} reads the viewer's messages on the caller's thread; a second thread sends updates.
 * An update request is held until something in it changed (incremental) and then answered with only
 * what changed since the viewer's last update. The pending changes are guarded by the screen's
 * monitor, the same one the screen reports changes under.
 */
public final class RfbServerSession implements ConsoleScreen.Listener, Closeable {
    /** Longest pasted text accepted; RFB lets a viewer announce 4 GiB. */
    static final int MAX_CUT_TEXT = 256 * 1024;
    /** More encodings than any viewer lists (TigerVNC sends about 30). */
    static final int MAX_ENCODINGS = 1024;
    /** How long a viewer may take over its part of the handshake before the connection is dropped. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private static final int ENC_RAW = 0;
    private static final int ENC_COPY_RECT = 1;
    private static final int ENC_HEXTILE = 5;
    private static final int ENC_ZRLE = 16;
    private static final int PSEUDO_QEMU_EXTENDED_KEY = -258;
    private static final int PSEUDO_DESKTOP_SIZE = -223;

    private final VmConsole console;
    private final Object lock;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Closeable connection;
    private final BooleanSupplier alive;
    private final Duration handshakeTimeout;
    private final ZrleEncoder zrle = new ZrleEncoder();
    private final HextileEncoder hextile = new HextileEncoder();
    private final RawEncoder raw = new RawEncoder();
    /** The viewer's copy of the screen as of the last update, pixels only where damage is sent from. */
    private int[] frame;

    // Guarded by lock (the screen's monitor).
    /** The size the viewer believes the screen has: the screen's, unless it cannot hear of a change. */
    private int width;
    private int height;
    private boolean desktopSize;
    private PixelFormat format = PixelFormat.DEFAULT;
    private RectEncoder encoder = raw;
    private boolean copyRect;
    private boolean qemuKeys;
    private boolean announceQemuKeys;
    private boolean sendColourMap;
    private boolean requested;
    private int[] dirty;
    private int scroll;
    private boolean closed;

    // Reader thread only.
    private boolean shift;
    private boolean control;
    private boolean alt;

    /**
     * @param connection closed when the session ends (and closing it ends the session)
     * @param alive      asked now and then whether the console's domain still runs
     */
    public RfbServerSession(VmConsole console, InputStream in, OutputStream out, Closeable connection,
                            BooleanSupplier alive) {
        this(console, in, out, connection, alive, HANDSHAKE_TIMEOUT);
    }

    RfbServerSession(VmConsole console, InputStream in, OutputStream out, Closeable connection,
                     BooleanSupplier alive, Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
        this.console = console;
        this.lock = console.screen();
        this.in = new DataInputStream(new BufferedInputStream(in, 8192));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
        this.connection = connection;
        this.alive = alive;
    }

    /** Serves the viewer until either side ends the connection; never throws. */
    public void run() {
        Thread updater = null;
        // A viewer that connects and says nothing must not hold a thread for ever.
        java.util.concurrent.Future<?> watchdog = console.schedule(this::close, handshakeTimeout);
        try {
            handshake();
            watchdog.cancel(false);
            console.addViewer(this);
            updater = new Thread(this::sendUpdates, "xapi-sim-console-update");
            updater.setDaemon(true);
            updater.start();
            while (!isClosed()) {
                readMessage();
            }
        } catch (IOException | RuntimeException e) {
            // The viewer left, broke the protocol or the domain went away: the connection ends either way.
        } finally {
            watchdog.cancel(false);
            close();
            if (updater != null) {
                try {
                    updater.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            zrle.close();
        }
    }

    private void handshake() throws IOException {
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] version = new byte[12];
        in.readFully(version);
        String v = new String(version, StandardCharsets.US_ASCII);
        if (!v.matches("RFB \\d{3}\\.\\d{3}\n")) {
            throw new RfbException("the viewer sent no RFB version");
        }
        int major = Integer.parseInt(v.substring(4, 7));
        int minor = Integer.parseInt(v.substring(8, 11));
        if (major < 3) {
            throw new RfbException("the viewer speaks RFB " + major + "." + minor + ", older than 3.3");
        }
        // 3.4-3.6 do not exist and are handled as 3.3; anything newer than 3.8 as 3.8 (RFC 6143 §7.1.1).
        int agreed = major > 3 || minor >= 8 ? 8 : minor == 7 ? 7 : 3;
        if (agreed == 3) {
            out.writeInt(1);
            out.flush();
        } else {
            out.writeByte(1);
            out.writeByte(1);
            out.flush();
            int chosen = in.readUnsignedByte();
            if (chosen != 1) {
                if (agreed == 8) {
                    out.writeInt(1);
                    byte[] reason = "only security type None is offered".getBytes(StandardCharsets.US_ASCII);
                    out.writeInt(reason.length);
                    out.write(reason);
                    out.flush();
                }
                throw new RfbException("the viewer chose security type " + chosen + ", which was not offered");
            }
            if (agreed == 8) {
                out.writeInt(0);
                out.flush();
            }
        }
        in.readUnsignedByte(); // ClientInit: shared or not, every viewer of a console shares it.
        int w;
        int h;
        // The size announced and the listening start together, so no change of mode falls between.
        synchronized (lock) {
            w = console.screen().width();
            h = console.screen().height();
            width = w;
            height = h;
            frame = new int[w * h];
            console.screen().addListener(this);
        }
        out.writeShort(w);
        out.writeShort(h);
        PixelFormat.DEFAULT.write(out);
        byte[] name = console.desktopName().getBytes(StandardCharsets.UTF_8);
        out.writeInt(name.length);
        out.write(name);
        out.flush();
    }

    private void readMessage() throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case 0 -> {
                in.readFully(new byte[3]);
                PixelFormat f = PixelFormat.read(in);
                synchronized (lock) {
                    format = f;
                    sendColourMap = !f.trueColour();
                    dirty = new int[] {0, 0, width, height};
                    scroll = 0;
                }
            }
            case 2 -> setEncodings();
            case 3 -> {
                boolean incremental = in.readUnsignedByte() != 0;
                int x = in.readUnsignedShort();
                int y = in.readUnsignedShort();
                int w = in.readUnsignedShort();
                int h = in.readUnsignedShort();
                synchronized (lock) {
                    if (!incremental) {
                        int x1 = Math.min(width, x + w);
                        int y1 = Math.min(height, y + h);
                        if (x < width && y < height && x1 > x && y1 > y) {
                            addDirty(x, y, x1 - x, y1 - y);
                        } else {
                            addDirty(0, 0, width, height);
                        }
                    }
                    requested = true;
                    lock.notifyAll();
                }
            }
            case 4 -> {
                boolean down = in.readUnsignedByte() != 0;
                in.readUnsignedShort();
                keysym(in.readInt(), down);
            }
            case 5 -> {
                in.readUnsignedByte();
                in.readUnsignedShort();
                in.readUnsignedShort();
            }
            case 6 -> {
                in.readFully(new byte[3]);
                long length = in.readInt() & 0xFFFFFFFFL;
                if (length > MAX_CUT_TEXT) {
                    throw new RfbException("the viewer pasted " + length + " bytes, more than " + MAX_CUT_TEXT);
                }
                byte[] text = new byte[(int) length];
                in.readFully(text);
                paste(new String(text, StandardCharsets.ISO_8859_1));
            }
            case 255 -> {
                int subtype = in.readUnsignedByte();
                if (subtype != 0) {
                    throw new RfbException("the viewer sent QEMU message " + subtype + ", which is not served");
                }
                boolean down = in.readUnsignedShort() != 0;
                int keysym = in.readInt();
                int scancode = in.readInt();
                scancode(scancode, keysym, down);
            }
            default -> throw new RfbException("the viewer sent unknown message type " + type);
        }
    }

    private void setEncodings() throws IOException {
        in.readUnsignedByte();
        int count = in.readUnsignedShort();
        if (count > MAX_ENCODINGS) {
            throw new RfbException("the viewer listed " + count + " encodings, more than " + MAX_ENCODINGS);
        }
        RectEncoder chosen = null;
        boolean copy = false;
        boolean qemu = false;
        boolean size = false;
        for (int i = 0; i < count; i++) {
            int e = in.readInt();
            // The viewer lists its preference first.
            if (chosen == null && e == ENC_ZRLE) {
                chosen = zrle;
            } else if (chosen == null && e == ENC_HEXTILE) {
                chosen = hextile;
            } else if (chosen == null && e == ENC_RAW) {
                chosen = raw;
            } else if (e == ENC_COPY_RECT) {
                copy = true;
            } else if (e == PSEUDO_QEMU_EXTENDED_KEY) {
                qemu = true;
            } else if (e == PSEUDO_DESKTOP_SIZE) {
                size = true;
            }
        }
        synchronized (lock) {
            encoder = chosen == null ? raw : chosen;
            copyRect = copy;
            if (qemu && !qemuKeys) {
                announceQemuKeys = true;
            }
            qemuKeys = qemu;
            desktopSize = size;
            if (!copy && scroll > 0) {
                scroll = 0;
                addDirty(0, 0, width, height);
            }
        }
    }

    /** A KeyEvent, or a QEMU key event without a scancode: the keysym says which character. */
    private void keysym(int keysym, boolean down) {
        switch (keysym) {
            case Keys.SHIFT_L, Keys.SHIFT_R -> shift = down;
            case Keys.CONTROL_L, Keys.CONTROL_R -> control = down;
            case Keys.ALT_L, Keys.ALT_R, Keys.META_L, Keys.META_R -> alt = down;
            default -> {
                if (!down) {
                    return;
                }
                if ((keysym == Keys.DELETE || keysym == Keys.KP_DELETE) && control && alt) {
                    console.ctrlAltDelete();
                    return;
                }
                int cp = keysym == Keys.ESCAPE ? 0x1b : Keys.codePointForKeysym(keysym);
                if (cp > 0 && cp < 0x100) {
                    typed((char) cp);
                }
            }
        }
    }

    /** A QEMU extended key event: the key's position, typed with the US layout as a guest would. */
    private void scancode(int scancode, int keysym, boolean down) {
        if (scancode == 0) {
            keysym(keysym, down);
            return;
        }
        switch (scancode) {
            case Keys.SCAN_SHIFT_L, Keys.SCAN_SHIFT_R -> shift = down;
            case Keys.SCAN_CONTROL_L, Keys.SCAN_CONTROL_R -> control = down;
            case Keys.SCAN_ALT_L, Keys.SCAN_ALT_R -> alt = down;
            default -> {
                if (!down) {
                    return;
                }
                if (scancode == Keys.SCAN_DELETE && control && alt) {
                    console.ctrlAltDelete();
                    return;
                }
                // Esc is no printable character, but the guest's tty sees it (and echoes ^[).
                char c = scancode == Keys.SCAN_ESCAPE ? '\u001b' : Keys.charFor(scancode, shift);
                if (c != '\0') {
                    typed(c);
                }
            }
        }
    }

    private void typed(char c) {
        if (control && Character.isLetter(c) && c < 128) {
            console.type((char) (Character.toUpperCase(c) - '@'));
        } else {
            console.type(c);
        }
    }

    private void paste(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            console.type(c == '\n' ? '\r' : c);
        }
    }

    @Override
    public void damaged(int x, int y, int w, int h) {
        addDirty(x, y, w, h);
        lock.notifyAll();
    }

    @Override
    public void resized(int newWidth, int newHeight) {
        // Whether the viewer hears of the new size or keeps its old one, all of it is new.
        scroll = 0;
        dirty = null;
        addDirty(0, 0, Math.max(width, newWidth), Math.max(height, newHeight));
        lock.notifyAll();
    }

    /** Whether the viewer's screen has the console's size, so a scroll can be a CopyRect. */
    private boolean sameSize() {
        return width == console.screen().width() && height == console.screen().height();
    }

    /** Whether a DesktopSize rectangle is due: the screen changed size and the viewer can follow. */
    private boolean resizeDue() {
        return desktopSize && !sameSize();
    }

    @Override
    public void scrolled(int pixels) {
        int h = console.screen().height();
        if (!copyRect || !sameSize() || scroll + pixels >= h) {
            scroll = 0;
            addDirty(0, 0, width, height);
        } else {
            scroll += pixels;
            // What was pending moves up with the text; the uncovered rows are new.
            if (dirty != null) {
                int top = dirty[1] - pixels;
                int bottom = dirty[1] + dirty[3] - pixels;
                dirty = bottom <= 0 ? null : new int[] {dirty[0], Math.max(0, top), dirty[2], bottom - Math.max(0, top)};
            }
            addDirty(0, h - pixels, console.screen().width(), pixels);
        }
        lock.notifyAll();
    }

    private void addDirty(int x, int y, int w, int h) {
        if (dirty == null) {
            dirty = new int[] {x, y, w, h};
            return;
        }
        int x0 = Math.min(dirty[0], x);
        int y0 = Math.min(dirty[1], y);
        int x1 = Math.max(dirty[0] + dirty[2], x + w);
        int y1 = Math.max(dirty[1] + dirty[3], y + h);
        dirty = new int[] {x0, y0, x1 - x0, y1 - y0};
    }

    private void sendUpdates() {
        try {
            while (true) {
                int[] rect;
                int moved;
                boolean qemuAck;
                boolean colourMap;
                PixelFormat pf;
                RectEncoder enc;
                int[] resize;
                int[] target;
                int w;
                int h;
                synchronized (lock) {
                    while (!closed && !(requested && (dirty != null || scroll > 0 || announceQemuKeys || resizeDue()))
                            && !sendColourMap) {
                        lock.wait(500);
                        if (!closed && !alive.getAsBoolean()) {
                            closed = true;
                        }
                    }
                    if (closed) {
                        return;
                    }
                    colourMap = sendColourMap;
                    sendColourMap = false;
                    resize = null;
                    if (!requested) {
                        rect = null;
                        moved = 0;
                        qemuAck = false;
                    } else {
                        if (resizeDue()) {
                            width = console.screen().width();
                            height = console.screen().height();
                            frame = new int[width * height];
                            resize = new int[] {width, height};
                            dirty = new int[] {0, 0, width, height};
                            scroll = 0;
                        }
                        rect = clip(dirty);
                        moved = scroll;
                        qemuAck = announceQemuKeys;
                        dirty = null;
                        scroll = 0;
                        announceQemuKeys = false;
                        requested = false;
                        if (rect != null) {
                            console.screen().copyInto(frame, width, height, rect[0], rect[1], rect[2], rect[3]);
                        }
                        // Changes all outside a viewer that kept a smaller size answer nothing: keep its request.
                        requested = rect == null && moved == 0 && !qemuAck && resize == null;
                    }
                    pf = format;
                    enc = encoder;
                    target = frame;
                    w = width;
                    h = height;
                }
                if (colourMap) {
                    writeColourMap();
                }
                if (rect != null || moved > 0 || qemuAck || resize != null) {
                    writeUpdate(rect, moved, qemuAck, resize, pf, enc, target, w, h);
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // The connection is gone; the reader notices too.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** The pending damage within the viewer's screen, or null when none of it is. */
    private int[] clip(int[] r) {
        if (r == null) {
            return null;
        }
        int x1 = Math.min(r[0] + r[2], width);
        int y1 = Math.min(r[1] + r[3], height);
        return x1 > r[0] && y1 > r[1] ? new int[] {r[0], r[1], x1 - r[0], y1 - r[1]} : null;
    }

    private void writeUpdate(int[] rect, int moved, boolean qemuAck, int[] resize, PixelFormat pf, RectEncoder enc,
                             int[] pixels, int w, int h) throws IOException {
        int count = (rect != null ? 1 : 0) + (moved > 0 ? 1 : 0) + (qemuAck ? 1 : 0) + (resize != null ? 1 : 0);
        out.writeByte(0);
        out.writeByte(0);
        out.writeShort(count);
        if (resize != null) {
            // First, so that the rectangles after it are read against the new size.
            header(0, 0, resize[0], resize[1], PSEUDO_DESKTOP_SIZE);
        }
        if (qemuAck) {
            header(0, 0, w, h, PSEUDO_QEMU_EXTENDED_KEY);
        }
        if (moved > 0) {
            header(0, 0, w, h - moved, ENC_COPY_RECT);
            out.writeShort(0);
            out.writeShort(moved);
        }
        if (rect != null) {
            header(rect[0], rect[1], rect[2], rect[3], enc.code());
            enc.encode(pixels, w, rect[0], rect[1], rect[2], rect[3], pf, out);
        }
    }

    private void header(int x, int y, int w, int h, int encoding) throws IOException {
        out.writeShort(x);
        out.writeShort(y);
        out.writeShort(w);
        out.writeShort(h);
        out.writeInt(encoding);
    }

    /** SetColourMapEntries for the 3-3-2 palette a colour-map viewer gets. */
    private void writeColourMap() throws IOException {
        out.writeByte(1);
        out.writeByte(0);
        out.writeShort(0);
        out.writeShort(256);
        for (int i = 0; i < 256; i++) {
            out.writeShort(((i >> 5) & 7) * 65535 / 7);
            out.writeShort(((i >> 2) & 7) * 65535 / 7);
            out.writeShort((i & 3) * 65535 / 3);
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Ends the session: the viewer's connection closes and the update thread stops. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        console.screen().removeListener(this);
        console.removeViewer(this);
        try {
            connection.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
