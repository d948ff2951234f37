package org.xapicenter.ui.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.xapicenter.rfb.RfbClient;

/**
 * The user's input on its way to one RFB session, written by a thread of its own so a slow or stuck
 * socket never blocks the FX thread. Pointer moves that pile up while the socket is busy collapse
 * into the newest one (with the same buttons), so a fast mouse cannot queue without bound; presses,
 * releases and keys are never dropped or reordered.
 */
final class ConsoleInput implements AutoCloseable, KeyboardGrab.Sink {
    private final RfbClient client;
    private final Deque<Consumer<RfbClient>> queue = new ArrayDeque<>();
    private final Thread writer;
    /** The queued pointer move that a newer move may replace, or null. */
    private PointerMove lastMove;
    private boolean closed;

    private record PointerMove(int x, int y, int buttons) implements Consumer<RfbClient> {
        @Override
        public void accept(RfbClient c) {
            c.pointer(x, y, buttons);
        }
    }

    ConsoleInput(RfbClient client, String name) {
        this.client = client;
        writer = new Thread(this::run, "xapicenter-console-input-" + name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void key(int keysym, int scancode, boolean down) {
        offer(c -> c.key(keysym, scancode, down));
    }

    void pointer(int x, int y, int buttons) {
        synchronized (queue) {
            if (lastMove != null && lastMove.buttons == buttons && queue.peekLast() == lastMove) {
                queue.pollLast();
            }
            lastMove = new PointerMove(x, y, buttons);
            offerLocked(lastMove);
        }
    }

    void ctrlAltDel() {
        offer(RfbClient::ctrlAltDel);
    }

    void clipboard(String text) {
        offer(c -> c.clipboard(text));
    }

    private void offer(Consumer<RfbClient> action) {
        synchronized (queue) {
            offerLocked(action);
        }
    }

    private void offerLocked(Consumer<RfbClient> action) {
        if (closed) {
            return;
        }
        queue.addLast(action);
        queue.notifyAll();
    }

    private void run() {
        while (true) {
            Consumer<RfbClient> next;
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = queue.pollFirst();
                if (next == lastMove) {
                    lastMove = null;
                }
            }
            try {
                next.accept(client);
            } catch (RuntimeException e) {
                // A failed write closes the session, which reports it through RfbListener.closed.
            }
        }
    }

    /** Stops the writer thread; input still queued is dropped (the session is going away). */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.clear();
            queue.notifyAll();
        }
    }
}
