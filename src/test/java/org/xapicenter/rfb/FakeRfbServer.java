package org.xapicenter.rfb;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scripted RFB server for tests: a real socket on 127.0.0.1 that accepts one connection and runs
 * a script writing exact bytes and reading what the client sends. The helpers speak the handshake
 * and read client messages so a test's script can concentrate on what it checks.
 */
final class FakeRfbServer implements AutoCloseable {
    /** One scripted conversation. */
    interface Script {
        void run(Peer peer) throws Exception;
    }

    private final ServerSocket listener;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Socket accepted;

    FakeRfbServer(Script script) throws IOException {
        this(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), script);
    }

    /** On a listener of the caller's making (a TLS one, for example). */
    FakeRfbServer(ServerSocket listener, Script script) {
        this.listener = listener;
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                accepted = s;
                s.setSoTimeout(30_000);
                s.setTcpNoDelay(true); // the script writes field by field; no Nagle delays between them
                script.run(new Peer(s));
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "fake-rfb-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** Waits for the script to finish and rethrows what it threw (an assertion, for example). */
    void awaitScript() throws Exception {
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket s = accepted;
        if (s != null) {
            s.close();
        }
    }

    /** The server's side of the conversation. */
    static final class Peer {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Keeps the connection open, ignoring what the client sends, until the client closes it. */
        void drainUntilClosed() throws IOException {
            try {
                while (in.read() >= 0) {
                    // client messages nobody checks
                }
            } catch (java.net.SocketException e) {
                // reset by the client's close: closed all the same
            }
        }

        String readVersion() throws IOException {
            byte[] b = new byte[12];
            in.readFully(b);
            return new String(b, StandardCharsets.US_ASCII);
        }

        /** RFB 3.8 with security None, ServerInit of the given size, and the client's three setup messages read. */
        Setup handshake(int width, int height) throws IOException {
            send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            readVersion();
            send(new byte[] {1, 1});
            int chosen = in.readUnsignedByte();
            if (chosen != 1) {
                throw new AssertionError("client chose security " + chosen);
            }
            out.writeInt(0);
            in.readUnsignedByte(); // shared flag
            serverInit(width, height, "fake");
            return readSetup();
        }

        void serverInit(int width, int height, String name) throws IOException {
            out.writeShort(width);
            out.writeShort(height);
            // the server's native pixel format (ignored by the client): 32bpp BGRX
            out.write(new byte[] {32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            out.writeInt(n.length);
            out.write(n);
            out.flush();
        }

        /** Reads SetPixelFormat, SetEncodings and the first update request. */
        Setup readSetup() throws IOException {
            byte[] pixelFormat = new byte[20];
            in.readFully(pixelFormat);
            List<Integer> encodings = readSetEncodings();
            UpdateRequest first = readUpdateRequest();
            return new Setup(pixelFormat, encodings, first);
        }

        List<Integer> readSetEncodings() throws IOException {
            int type = in.readUnsignedByte();
            if (type != 2) {
                throw new AssertionError("expected SetEncodings, got message " + type);
            }
            in.readUnsignedByte();
            int count = in.readUnsignedShort();
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                codes.add(in.readInt());
            }
            return codes;
        }

        UpdateRequest readUpdateRequest() throws IOException {
            int type = in.readUnsignedByte();
            if (type != 3) {
                throw new AssertionError("expected FramebufferUpdateRequest, got message " + type);
            }
            return new UpdateRequest(in.readUnsignedByte() != 0, in.readUnsignedShort(), in.readUnsignedShort(),
                    in.readUnsignedShort(), in.readUnsignedShort());
        }

        /** Reads the next message that is not an update request (those arrive at any time). */
        int readTypeSkippingRequests() throws IOException {
            while (true) {
                int type = in.readUnsignedByte();
                if (type != 3) {
                    return type;
                }
                in.readFully(new byte[9]);
            }
        }

        void updateHeader(int rectangles) throws IOException {
            out.writeByte(0);
            out.writeByte(0);
            out.writeShort(rectangles);
        }

        void rectHeader(int x, int y, int w, int h, int encoding) throws IOException {
            out.writeShort(x);
            out.writeShort(y);
            out.writeShort(w);
            out.writeShort(h);
            out.writeInt(encoding);
        }

        /** One pixel in the client's format (B, G, R, unused) from 0xRRGGBB. */
        void pixel(int rgb) throws IOException {
            out.write(rgb & 0xFF);
            out.write(rgb >> 8 & 0xFF);
            out.write(rgb >> 16 & 0xFF);
            out.write(0);
        }
    }

    record Setup(byte[] pixelFormat, List<Integer> encodings, UpdateRequest firstRequest) {
    }

    record UpdateRequest(boolean incremental, int x, int y, int width, int height) {
    }
}
