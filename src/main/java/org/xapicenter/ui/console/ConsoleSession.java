package org.xapicenter.ui.console;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.Executor;
import org.xapicenter.rfb.CursorShape;
import org.xapicenter.rfb.RfbClient;
import org.xapicenter.rfb.RfbException;
import org.xapicenter.rfb.RfbListener;
import org.xapicenter.rfb.RfbOptions;
import org.xapicenter.xapi.XapiException;

/**
 * One attempt to show a console: opens the tunnel and the RFB session off the FX thread, then
 * reports through {@link Callbacks}, whose methods are each a single Runnable handed to the window's
 * pacer, so a storm of updates costs the FX thread one call per frame. Closing it (from any thread,
 * at any stage) ends the socket and with it the reader thread; input then has nowhere to go.
 */
final class ConsoleSession implements RfbListener, AutoCloseable {
    enum State { CONNECTING, CONNECTED, CLOSED }

    /** Where the session reports; each Runnable is requested on the pacer, which runs it on the FX thread. */
    record Callbacks(Executor pacer, Runnable stateChanged, Runnable repaint, Runnable clipboardChanged,
                     Runnable cursorChanged) {
    }

    private final ConsoleTarget target;
    private final RfbOptions options;
    private final Callbacks callbacks;
    private volatile State state = State.CONNECTING;
    private volatile Exception error;
    private volatile RfbClient client;
    private volatile ConsoleInput input;
    private volatile String serverClipboard;
    private volatile CursorShape cursor;
    private Socket socket;
    private boolean closing;

    ConsoleSession(ConsoleTarget target, RfbOptions options, Callbacks callbacks) {
        this.target = target;
        this.options = options;
        this.callbacks = callbacks;
    }

    /**
     * Where opens run: TCP connect, TLS, CONNECT and the RFB handshake can block for many seconds on
     * an unreachable host, so they get daemon threads of their own instead of the shared Background
     * pool (whose few threads the rest of the UI needs). A thread lives only as long as an open.
     */
    static final Executor OPENER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "xapicenter-console-open");
        t.setDaemon(true);
        return t;
    });

    /** Starts connecting on {@code opener} ({@link #OPENER} in the application); returns at once. */
    ConsoleSession open(Executor opener) {
        opener.execute(this::connect);
        return this;
    }

    private void connect() {
        synchronized (this) {
            if (closing) {
                // Closed before its turn came: the selection already moved on.
                return;
            }
        }
        try {
            Socket s = target.link().openConsole(target.console());
            synchronized (this) {
                if (closing) {
                    closeQuietly(s);
                    return;
                }
                socket = s;
            }
            RfbClient c = RfbClient.connect(s, options, this);
            synchronized (this) {
                client = c;
                if (closing) {
                    c.close();
                    return;
                }
                if (state == State.CONNECTING) {
                    input = new ConsoleInput(c, target.name());
                    state = State.CONNECTED;
                }
            }
        } catch (IOException | XapiException | RuntimeException e) {
            synchronized (this) {
                if (closing) {
                    return;
                }
                error = e;
                state = State.CLOSED;
                closeQuietly(socket);
            }
        }
        callbacks.pacer().execute(callbacks.stateChanged());
    }

    ConsoleTarget target() {
        return target;
    }

    RfbOptions options() {
        return options;
    }

    State state() {
        return state;
    }

    /** Why it closed, or null (still open, or closed by us). */
    Exception error() {
        return error;
    }

    /** The RFB session once the handshake is done, else null. */
    RfbClient client() {
        return client;
    }

    /** Where input goes while connected, else null. */
    ConsoleInput input() {
        return state == State.CONNECTED ? input : null;
    }

    String serverClipboard() {
        return serverClipboard;
    }

    @Override
    public void framebufferUpdated() {
        callbacks.pacer().execute(callbacks.repaint());
    }

    @Override
    public void resized(int width, int height) {
        callbacks.pacer().execute(callbacks.repaint());
        callbacks.pacer().execute(callbacks.stateChanged());
    }

    /** The pointer image the server asked us to draw, or null before it sent one. */
    CursorShape cursor() {
        return cursor;
    }

    @Override
    public void cursorChanged(CursorShape shape) {
        cursor = shape;
        callbacks.pacer().execute(callbacks.cursorChanged());
    }

    @Override
    public void clipboardChanged(String text) {
        serverClipboard = text;
        callbacks.pacer().execute(callbacks.clipboardChanged());
    }

    @Override
    public void closed(RfbException e) {
        ConsoleInput in;
        synchronized (this) {
            if (!closing && e != null) {
                error = e;
            }
            state = State.CLOSED;
            in = input;
        }
        if (in != null) {
            in.close();
        }
        callbacks.pacer().execute(callbacks.stateChanged());
    }

    /** Ends the session wherever it is; safe to call more than once. */
    @Override
    public void close() {
        RfbClient c;
        ConsoleInput in;
        Socket s;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            state = State.CLOSED;
            c = client;
            in = input;
            s = socket;
        }
        if (in != null) {
            in.close();
        }
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // already closed
            }
        }
        // Before the handshake finished there is no client yet: closing the socket ends connect().
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do: it is going away
            }
        }
    }
}
