package org.xapicenter.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a fixed loopback port in front of a simulator that tests restart: {@link #cut()} closes
 * every connection and refuses new ones (a host that went away), {@link #silence()} keeps connections
 * open but passes nothing either way (a cable pulled: no socket notices), {@link #forwardTo(int)} lets
 * traffic through to a simulator again.
 */
final class SwitchableRelay implements AutoCloseable {
    private enum Mode { FORWARD, REFUSE, SILENT }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-relay");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.REFUSE;
    private volatile int targetPort = -1;

    SwitchableRelay() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Connections accepted so far (while forwarding or not). */
    int accepted() {
        return accepted.get();
    }

    void forwardTo(int port) {
        targetPort = port;
        mode = Mode.FORWARD;
    }

    void cut() {
        mode = Mode.REFUSE;
        closeAll();
    }

    void silence() {
        mode = Mode.SILENT;
    }

    private void closeAll() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(client);
            Mode m = mode;
            if (m == Mode.REFUSE) {
                close(client);
                continue;
            }
            if (m == Mode.SILENT) {
                continue; // held open, never answered
            }
            threads.execute(() -> relay(client, targetPort));
        }
    }

    private void relay(Socket client, int port) {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        } catch (IOException e) {
            close(client);
            close(server);
            return;
        }
        open.add(server);
        threads.execute(() -> pump(client, server));
        pump(server, client);
    }

    /** Copies bytes one way while the relay forwards; in silence it stops copying but keeps both open. */
    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                while (mode == Mode.SILENT && !from.isClosed()) {
                    Thread.sleep(50);
                }
                if (mode == Mode.REFUSE) {
                    break;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away
        } finally {
            if (mode != Mode.SILENT) {
                close(from);
                close(to);
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        closeAll();
        threads.shutdownNow();
    }
}
