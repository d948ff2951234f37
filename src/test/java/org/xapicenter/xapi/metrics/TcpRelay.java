package org.xapicenter.xapi.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A plain TCP relay between the client and the simulator that notes the first request of each
 * connection (side-channel GETs are one per connection), and may answer a request itself instead of
 * the simulator: how the tests count requests and feed the client broken replies.
 */
final class TcpRelay implements AutoCloseable {
    /** One request as the relay saw it: its request line (session ref and all) and Host header. */
    /** @param atMillis when the request line arrived, by the local clock (the simulator's too) */
    record Request(String line, String host, long atMillis) {
        boolean is(String path) {
            return line.startsWith("GET " + path + "?") || line.startsWith("GET " + path + " ");
        }
    }

    private final ServerSocket server;
    private final int targetPort;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Given a request line, the bytes to answer with instead of the simulator, or null to relay it. */
    private volatile Function<String, byte[]> override = line -> null;
    private volatile boolean closed;
    /** When positive, an override's answer is written one byte at a time with this pause between bytes. */
    private volatile long trickleMillis;

    TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** Answers given by {@link #override} trickle out one byte per {@code millis} (0: all at once). */
    void trickle(long millis) {
        this.trickleMillis = millis;
    }

    int port() {
        return server.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The GETs of {@code path} whose Host header starts with {@code host}. */
    long count(String path, String host) {
        return requests.stream().filter(r -> r.is(path) && r.host().startsWith(host)).count();
    }

    /** Forgets the requests seen so far (each test counts its own). */
    void clear() {
        requests.clear();
    }

    void override(Function<String, byte[]> answer) {
        this.override = answer == null ? line -> null : answer;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "relay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String line = text.split("\r\n", 2)[0];
            String host = "";
            for (String h : text.split("\r\n")) {
                if (h.toLowerCase(Locale.ROOT).startsWith("host:")) {
                    host = h.substring(5).trim();
                }
            }
            requests.add(new Request(line, host, System.currentTimeMillis()));
            byte[] answer = override.apply(line);
            if (answer != null) {
                long pause = trickleMillis;
                if (pause <= 0) {
                    client.getOutputStream().write(answer);
                } else {
                    for (byte b : answer) {
                        client.getOutputStream().write(b);
                        client.getOutputStream().flush();
                        Thread.sleep(pause); // a host that is alive but never done
                    }
                }
                client.getOutputStream().flush();
                return;
            }
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                open.add(target);
                target.getOutputStream().write(head);
                Thread up = new Thread(() -> pump(in, target), "relay-up");
                up.setDaemon(true);
                up.start();
                pump(target.getInputStream(), client);
            }
        } catch (IOException e) {
            // the client or the simulator went away: so does this connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
        }
    }

    private static void pump(InputStream from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = from.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (b.size() < 64 * 1024) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = switch (state) {
                case 0, 2 -> c == '\r' ? state + 1 : 0;
                case 1 -> c == '\n' ? 2 : 0;
                case 3 -> c == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                break;
            }
        }
        return b.toByteArray();
    }

    /** An HTTP/1.1 reply with this body and a Content-Length, as the simulator sends them. */
    static byte[] reply(String status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 " + status + "\r\nContent-Type: text/xml\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    @Override
    public String toString() {
        return "relay :" + port() + " -> :" + targetPort + " " + new InetSocketAddress(targetPort);
    }
}
