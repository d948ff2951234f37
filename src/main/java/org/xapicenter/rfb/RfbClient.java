package org.xapicenter.rfb;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;

/**
 * One RFB session over an already-connected socket (a plain TCP socket, or the TLS socket left over
 * after {@code CONNECT /console}). {@link #connect} runs the handshake on the caller's thread, then a
 * reader thread decodes updates into the {@link Framebuffer} and reports to the {@link RfbListener}.
 * Input methods may be called from any thread; a failed write closes the session and is reported
 * through {@link RfbListener#closed}.
 *
 * <p>API under construction for issue #4: the bodies arrive with the protocol implementation.
 */
public final class RfbClient implements Closeable {

    private RfbClient() {
    }

    /** Handshake (version, security, init, pixel format, encodings), then start reading. */
    public static RfbClient connect(Socket socket, RfbOptions options, RfbListener listener) throws IOException {
        throw new RfbException("the RFB client is not built yet");
    }

    public ServerInfo serverInfo() {
        throw new UnsupportedOperationException();
    }

    public Framebuffer framebuffer() {
        throw new UnsupportedOperationException();
    }

    /** The encoding of the most recent pixel rectangle, or {@code null} before the first. */
    public Encoding lastEncoding() {
        throw new UnsupportedOperationException();
    }

    /** Whether the server accepted QEMU extended key events, so {@link #key} sends scancodes. */
    public boolean extendedKeyEvents() {
        throw new UnsupportedOperationException();
    }

    /**
     * A key press or release. {@code scancode} is the key's position as QEMU numbers it (XT set 1,
     * with 0xE0-prefixed keys as {@code 0x80 | code}, e.g. 0x9D right Ctrl), or 0 when unknown; it is
     * sent whenever the server offers extended key events, else the keysym alone.
     */
    public void key(int keysym, int scancode, boolean down) {
        throw new UnsupportedOperationException();
    }

    /** Pointer position in framebuffer pixels and the RFB button mask (bit 0 left, 1 middle, 2 right, 3/4 wheel). */
    public void pointer(int x, int y, int buttonMask) {
        throw new UnsupportedOperationException();
    }

    /** Ctrl-Alt-Del as three presses and three releases. */
    public void ctrlAltDel() {
        throw new UnsupportedOperationException();
    }

    /** ClientCutText: our clipboard to the server (Latin-1, as RFB defines it). */
    public void clipboard(String text) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }
}
