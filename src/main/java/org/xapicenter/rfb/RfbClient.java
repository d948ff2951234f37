package org.xapicenter.rfb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.xapicenter.rfb.decode.DecoderSet;

/**
 * One RFB session over an already-connected socket (a plain TCP socket, or the TLS socket left over
 * after {@code CONNECT /console}). {@link #connect} runs the handshake on the caller's thread, then a
 * reader thread decodes updates into the {@link Framebuffer} and reports to the {@link RfbListener}.
 * Input methods may be called from any thread; a failed write closes the session and is reported
 * through {@link RfbListener#closed}.
 *
 * <p>Updates are pipelined: two requests are always outstanding (the first whole-screen request is
 * followed at once by an incremental one, then each update header that arrives is answered with one
 * more), so the server holds the next request while it sends and we decode the current reply. We never wait for the consumer of the framebuffer: damage
 * accumulates there until drained.
 */
public final class RfbClient implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RfbClient.class);
    /** Keysyms and QEMU scancodes of the three keys of Ctrl-Alt-Del. */
    static final int[][] CTRL_ALT_DEL = {{0xffe3, 0x1d}, {0xffe9, 0x38}, {0xffff, 0xd3}};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Framebuffer framebuffer;
    private final SafeListener listener;
    private final DecoderSet decoders = new DecoderSet();
    private final Object writeLock = new Object();
    private final Object closeLock = new Object();
    private final FrameCoverage coverage;

    private volatile ServerInfo serverInfo;
    private volatile Encoding lastEncoding;
    private volatile boolean extendedKeyEvents;
    /** Set once, by whoever ends the session first; the reader reports it. */
    private boolean closing;
    private RfbException closeCause;
    private boolean reported;

    private RfbClient(Socket socket, DataInputStream in, OutputStream out, Handshake.Result handshake, RfbListener listener) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.framebuffer = handshake.framebuffer();
        this.serverInfo = handshake.info();
        this.coverage = new FrameCoverage(framebuffer.width(), framebuffer.height());
        this.listener = new SafeListener(listener);
    }

    /**
     * Handshake (version, security, init, pixel format, encodings), then start reading. On failure the
     * socket is closed and the {@link RfbException} thrown; the listener hears nothing.
     */
    public static RfbClient connect(Socket socket, RfbOptions options, RfbListener listener) throws IOException {
        try {
            Encoding forced = options.forcedEncoding();
            if (forced != null && !DecoderSet.isAvailable(forced)) {
                throw new RfbException("the " + forced.displayName() + " encoding is not available in this version");
            }
            // Our messages are small and latency-bound (keys, pointer moves, pipelined requests): Nagle's
            // algorithm would hold each behind the server's delayed acknowledgement of the previous one.
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
            socket.setSoTimeout(Math.toIntExact(Math.max(1, options.handshakeTimeout().toMillis())));
            Handshake.Result result = new Handshake(in, out, options).run();
            socket.setSoTimeout(0);
            RfbClient client = new RfbClient(socket, in, out, result, listener);
            client.start(options);
            return client;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            if (e instanceof RfbException r) {
                throw r;
            }
            throw new RfbException("the connection to the console failed during the RFB handshake: " + e.getMessage(), e);
        }
    }

    private void start(RfbOptions options) throws IOException {
        synchronized (writeLock) {
            out.write(ClientMessages.setPixelFormat());
            out.write(ClientMessages.setEncodings(encodingCodes(options)));
            out.write(ClientMessages.updateRequest(false, 0, 0, framebuffer.width(), framebuffer.height()));
            // A second request right away keeps two outstanding from the start: while the server sends
            // one reply it already holds the next request, so it never idles waiting for us.
            out.write(ClientMessages.updateRequest(true, 0, 0, framebuffer.width(), framebuffer.height()));
            out.flush();
        }
        // Raw and CopyRect are always among them (RFC 6143 lets every server fall back to Raw).
        Set<Encoding> requested = EnumSet.copyOf(DecoderSet.preferred(options.forcedEncoding()));
        Thread reader = new Thread(() -> readLoop(requested), "rfb-reader " + peerName(socket));
        reader.setDaemon(true);
        reader.start();
    }

    /** The host as the socket was given it, without a reverse DNS lookup. */
    private static String peerName(Socket socket) {
        return socket.getRemoteSocketAddress() instanceof InetSocketAddress a ? a.getHostString() : "?";
    }

    /** What we ask for, best first: pixel encodings, then the pseudo-encodings we understand. */
    static List<Integer> encodingCodes(RfbOptions options) {
        List<Integer> codes = new ArrayList<>();
        for (Encoding e : DecoderSet.preferred(options.forcedEncoding())) {
            codes.add(e.code());
        }
        codes.add(Encoding.PSEUDO_DESKTOP_SIZE);
        codes.add(Encoding.PSEUDO_EXTENDED_DESKTOP_SIZE);
        codes.add(Encoding.PSEUDO_LAST_RECT);
        codes.add(Encoding.PSEUDO_CURSOR);
        codes.add(Encoding.PSEUDO_QEMU_EXTENDED_KEY);
        if (options.jpegQuality() >= 0) {
            codes.add(Encoding.PSEUDO_JPEG_QUALITY_0 + Math.min(9, options.jpegQuality()));
        }
        if (options.compressLevel() >= 0) {
            codes.add(Encoding.PSEUDO_COMPRESS_LEVEL_0 + Math.min(9, options.compressLevel()));
        }
        return codes;
    }

    private void readLoop(Set<Encoding> requested) {
        ServerMessageReader reader = new ServerMessageReader(in, this, framebuffer, decoders, requested, listener);
        RfbException error;
        try {
            while (true) {
                reader.readMessage();
            }
        } catch (RfbException e) {
            error = e;
        } catch (EOFException e) {
            error = new RfbException("the server closed the connection", e);
        } catch (IOException e) {
            error = new RfbException("the connection to the server broke: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            // A bug of ours (or memory exhaustion): still end the session and tell the listener.
            LOG.error("RFB reader failed", e);
            error = new RfbException("the client could not process the server's data: " + e, e);
        }
        // Only this thread uses the decoders, and it is done: free their zlib streams' native memory now
        // rather than whenever the collector runs.
        decoders.release();
        finish(error);
    }

    /** Reports the end once: our close (null), a failed write, or the reader's error, whichever came first. */
    private void finish(RfbException readerError) {
        RfbException cause;
        synchronized (closeLock) {
            if (!closing) {
                closing = true;
                closeCause = readerError;
            }
            if (reported) {
                return;
            }
            reported = true;
            cause = closeCause;
        }
        closeQuietly(socket);
        coverage.abandon();
        listener.closed(cause);
    }

    /** Ends the session without reporting; the reader thread sees the closed socket and reports. */
    private void shutDown(RfbException cause) {
        synchronized (closeLock) {
            if (closing) {
                return;
            }
            closing = true;
            closeCause = cause;
        }
        closeQuietly(socket);
    }

    public ServerInfo serverInfo() {
        return serverInfo;
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    /**
     * The encoding of the most recent pixel rectangle, or {@code null} before the first. CopyRect, which
     * moves pixels rather than sending them, counts only until another encoding has been seen, so a
     * status line shows the encoding that carries the pixels.
     */
    public Encoding lastEncoding() {
        return lastEncoding;
    }

    /** Whether the server accepted QEMU extended key events, so {@link #key} sends scancodes. */
    public boolean extendedKeyEvents() {
        return extendedKeyEvents;
    }

    /**
     * Whether every pixel of the current screen has been received at least once (since the connection
     * or the last resize): the framebuffer then shows a complete frame, not a partly black one.
     */
    public boolean hasCompleteFrame() {
        return coverage.isComplete();
    }

    /**
     * Waits until {@link #hasCompleteFrame()}, the session ends, or the timeout passes; returns whether
     * a complete frame arrived. Blocks: for command-line tools and tests, never the FX thread.
     */
    public boolean awaitCompleteFrame(java.time.Duration timeout) throws InterruptedException {
        return coverage.await(Math.max(1, timeout.toMillis()));
    }

    /** Whether the session has ended (closed by us, by the server, or by an error). */
    public boolean isClosed() {
        synchronized (closeLock) {
            return closing;
        }
    }

    /**
     * A key press or release. {@code scancode} is the key's position as QEMU numbers it (XT set 1,
     * with 0xE0-prefixed keys as {@code 0x80 | code}, e.g. 0x9D right Ctrl), or 0 when unknown; it is
     * sent whenever the server offers extended key events, else the keysym alone.
     */
    public void key(int keysym, int scancode, boolean down) {
        send(keyMessage(keysym, scancode, down));
    }

    private byte[] keyMessage(int keysym, int scancode, boolean down) {
        return extendedKeyEvents && scancode != 0
                ? ClientMessages.qemuKeyEvent(keysym, scancode, down)
                : ClientMessages.keyEvent(keysym, down);
    }

    /** Pointer position in framebuffer pixels and the RFB button mask (bit 0 left, 1 middle, 2 right, 3/4 wheel). */
    public void pointer(int x, int y, int buttonMask) {
        int cx = Math.max(0, Math.min(x, framebuffer.width() - 1));
        int cy = Math.max(0, Math.min(y, framebuffer.height() - 1));
        send(ClientMessages.pointerEvent(cx, cy, buttonMask & 0xFF));
    }

    /** Ctrl-Alt-Del as three presses and three releases. */
    public void ctrlAltDel() {
        List<byte[]> messages = new ArrayList<>();
        for (int[] k : CTRL_ALT_DEL) {
            messages.add(keyMessage(k[0], k[1], true));
        }
        for (int i = CTRL_ALT_DEL.length - 1; i >= 0; i--) {
            messages.add(keyMessage(CTRL_ALT_DEL[i][0], CTRL_ALT_DEL[i][1], false));
        }
        send(messages.toArray(new byte[0][]));
    }

    /** ClientCutText: our clipboard to the server (Latin-1, as RFB defines it; other characters become '?'). */
    public void clipboard(String text) {
        send(ClientMessages.clientCutText(text));
    }

    /** Ends the session: closes the socket at once, never waits; the listener hears {@code closed(null)} once. */
    @Override
    public void close() {
        shutDown(null);
    }

    // Called by the reader thread (ServerMessageReader).

    /** An update header arrived, so one outstanding request was used up: replace it, keeping two outstanding. */
    void updateStarted() {
        send(ClientMessages.updateRequest(true, 0, 0, framebuffer.width(), framebuffer.height()));
    }

    void resized(int width, int height) throws RfbException {
        if (width == framebuffer.width() && height == framebuffer.height()) {
            // Servers announce the size they already have (TigerVNC answers SetEncodings so); resizing
            // would only black out what we have and ask for all of it again.
            return;
        }
        framebuffer.resize(width, height);
        coverage.reset(width, height);
        ServerInfo old = serverInfo;
        serverInfo = new ServerInfo(old.protocolVersion(), old.security(), old.desktopName(), width, height);
        listener.resized(width, height);
        send(ClientMessages.updateRequest(false, 0, 0, width, height));
    }

    /** A pixel-carrying rectangle (any encoding but CopyRect) arrived. */
    void decoded(Encoding encoding, int x, int y, int width, int height) {
        lastEncoding = encoding;
        coverage.painted(x, y, width, height);
    }

    /**
     * A CopyRect moved pixels: the destination counts as received only when its source was, else a
     * copy of never-received (black) pixels would pass for a complete frame.
     */
    void copied(int sourceX, int sourceY, int x, int y, int width, int height) {
        if (lastEncoding == null) {
            lastEncoding = Encoding.COPY_RECT;
        }
        if (coverage.covers(sourceX, sourceY, width, height)) {
            coverage.painted(x, y, width, height);
        }
    }

    void extendedKeysOffered() {
        extendedKeyEvents = true;
    }

    private void send(byte[]... messages) {
        synchronized (writeLock) {
            if (isClosed()) {
                return;
            }
            try {
                for (byte[] m : messages) {
                    out.write(m);
                }
                out.flush();
            } catch (IOException e) {
                shutDown(new RfbException("the connection to the server broke while sending: " + e.getMessage(), e));
            }
        }
    }

    /**
     * Closing a TLS socket first sends close_notify, which would wait behind a write stuck on a peer
     * that stopped reading. With SO_LINGER at zero the JDK skips close_notify when it cannot have the
     * record lock at once and closes the transport, so close never blocks the caller (often the FX
     * thread), no helper thread is left stuck, and the reader thread sees the closed socket and ends.
     */
    private static void closeQuietly(Socket socket) {
        if (socket instanceof SSLSocket) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed or broken: closing below is all that is left to do
            }
        }
        closePlain(socket);
    }

    private static void closePlain(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
