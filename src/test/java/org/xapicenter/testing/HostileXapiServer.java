package org.xapicenter.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on 127.0.0.1 that misbehaves on purpose, one {@link Misbehaviour} per instance, for
 * both XAPI encodings (the request path tells XML-RPC from JSON-RPC). A {@link #bystander()} port counts
 * connections: a client that fetched what a hostile document names would be seen there. {@link Gadget}
 * flips a flag when deserialized: code run from a reply would be seen there.
 */
public final class HostileXapiServer implements AutoCloseable {
    /** Flipped by {@link Gadget#readObject}: proof that a serialized object from a reply was read. */
    public static final AtomicBoolean GADGET_RAN = new AtomicBoolean();

    public enum Misbehaviour {
        /** A reply whose DOCTYPE names an external entity on the bystander port. */
        DOCTYPE_EXTERNAL_ENTITY,
        /** An XML-RPC fault whose faultCause carries a serialized Java object (CVE-2019-17570). */
        SERIALIZED_JAVA_FAULT,
        /** A reply that never ends: one string value growing for ever. */
        ENDLESS_REPLY,
        /** Accepts the connection, reads the request and never answers. */
        NEVER_ANSWERS,
        /** Answers a valid-looking reply one byte per second. */
        ONE_BYTE_PER_SECOND,
        /** Sends the head and half a reply, then closes. */
        TRUNCATED_REPLY,
        /** A 200 with an HTML page (a captive portal or a web server at the address). */
        HTML_PAGE,
        /** A 502 error page from a proxy. */
        PROXY_ERROR_PAGE,
        /** A 200 with a binary content type and a body that is not XAPI. */
        WRONG_CONTENT_TYPE,
        /** A reply whose bytes are not UTF-8. */
        INVALID_UTF8
    }

    private final Misbehaviour misbehaviour;
    private final ServerSocket server;
    private final ServerSocket bystander;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-xapi");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger bystanderHits = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile boolean closed;

    public HostileXapiServer(Misbehaviour misbehaviour) throws IOException {
        this.misbehaviour = misbehaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.bystander = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
        threads.execute(() -> {
            while (!closed) {
                try (Socket s = bystander.accept()) {
                    bystanderHits.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public int bystanderHits() {
        return bystanderHits.get();
    }

    /** Bytes of replies written so far (an endless reply stops growing once the client stops reading). */
    public long bytesSent() {
        return bytesSent.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            boolean json = readRequest(s.getInputStream());
            OutputStream out = s.getOutputStream();
            switch (misbehaviour) {
                case DOCTYPE_EXTERNAL_ENTITY -> reply(out, 200, json ? "application/json" : "text/xml", (json
                        ? "<!DOCTYPE r [<!ENTITY e SYSTEM \"http://127.0.0.1:" + bystander.getLocalPort() + "/x\">]><r>&e;</r>"
                        : "<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ENTITY e SYSTEM \"http://127.0.0.1:"
                                + bystander.getLocalPort() + "/x\">]><methodResponse><params><param><value>&e;</value>"
                                + "</param></params></methodResponse>").getBytes(StandardCharsets.UTF_8));
                case SERIALIZED_JAVA_FAULT -> reply(out, 200, json ? "application/json" : "text/xml", serializedFault(json));
                case ENDLESS_REPLY -> endless(out, json);
                case NEVER_ANSWERS -> {
                    while (!closed) {
                        Thread.sleep(100);
                    }
                }
                case ONE_BYTE_PER_SECOND -> trickle(out, json);
                case TRUNCATED_REPLY -> {
                    byte[] body = success(json);
                    head(out, 200, json ? "application/json" : "text/xml", body.length);
                    write(out, java.util.Arrays.copyOf(body, body.length / 2));
                }
                case HTML_PAGE -> reply(out, 200, "text/html; charset=utf-8",
                        "<html><head><title>Welcome</title></head><body>Log in to the network</body></html>"
                                .getBytes(StandardCharsets.UTF_8));
                case PROXY_ERROR_PAGE -> reply(out, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"
                        .getBytes(StandardCharsets.UTF_8));
                case WRONG_CONTENT_TYPE -> reply(out, 200, "application/octet-stream", new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
                case INVALID_UTF8 -> {
                    String text = json ? "{\"result\": \"X\", \"error\": null, \"id\": 1}"
                            : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value><struct>"
                                    + "<member><name>Status</name><value>Success</value></member><member><name>Value</name>"
                                    + "<value>X</value></member></struct></value></param></params></methodResponse>";
                    byte[] body = text.replace("X", "\u0000").getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < body.length; i++) {
                        if (body[i] == 0) {
                            body[i] = (byte) 0xC3; // a lead byte followed by something that cannot follow it
                            body = insert(body, i + 1, (byte) 0x28);
                            break;
                        }
                    }
                    reply(out, 200, json ? "application/json" : "text/xml", body);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: that is what a client does to a hostile server
        }
    }

    private static byte[] insert(byte[] a, int at, byte b) {
        byte[] out = new byte[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
            if (head.length() > 65536) {
                throw new IOException("request head too long");
            }
        }
        String h = head.toString();
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return h.startsWith("POST /jsonrpc");
    }

    private static byte[] success(boolean json) {
        String text = json ? "{\"jsonrpc\": \"2.0\", \"result\": \"OpaqueRef:00000000-0000-0000-0000-000000000001\", \"id\": 1}"
                : "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct><member><name>Status</name>"
                        + "<value>Success</value></member><member><name>Value</name><value>"
                        + "OpaqueRef:00000000-0000-0000-0000-000000000001</value></member></struct></value></param></params>"
                        + "</methodResponse>";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] serializedFault(boolean json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(new Gadget());
        }
        String payload = Base64.getEncoder().encodeToString(bytes.toByteArray());
        String text = json ? "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": 1, \"message\": \"SESSION_AUTHENTICATION_FAILED\", "
                + "\"data\": [\"root\", \"" + payload + "\"], \"faultCause\": \"" + payload + "\"}, \"id\": 1}"
                : "<?xml version=\"1.0\"?><methodResponse xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">"
                        + "<fault><value><struct><member><name>faultCode</name><value><i4>1</i4></value></member>"
                        + "<member><name>faultString</name><value>boom</value></member><member><name>faultCause</name>"
                        + "<value><ex:serializable>" + payload + "</ex:serializable></value></member></struct></value>"
                        + "</fault></methodResponse>";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void endless(OutputStream out, boolean json) throws IOException {
        String open = json ? "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": \""
                : "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct><member><name>Status</name>"
                        + "<value>Success</value></member><member><name>Value</name><value>";
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + (json ? "application/json" : "text/xml") + "\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        write(out, open.getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "AAAAAAAAAAAAAAAA".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        while (!closed) {
            write(out, chunk);
        }
    }

    private void trickle(OutputStream out, boolean json) throws IOException, InterruptedException {
        byte[] body = success(json);
        head(out, 200, json ? "application/json" : "text/xml", body.length);
        for (byte b : body) {
            write(out, new byte[] {b});
            Thread.sleep(1000);
            if (closed) {
                return;
            }
        }
    }

    private void reply(OutputStream out, int status, String type, byte[] body) throws IOException {
        head(out, status, type, body.length);
        write(out, body);
    }

    private void head(OutputStream out, int status, String type, int length) throws IOException {
        String reason = status == 200 ? "OK" : status == 502 ? "Bad Gateway" : "Error";
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void write(OutputStream out, byte[] b) throws IOException {
        out.write(b);
        out.flush();
        bytesSent.addAndGet(b.length);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            bystander.close();
        } catch (IOException e) {
            // closing a test server
        }
        threads.shutdownNow();
    }

    /** Serialized into a fault: if anything ever deserializes it, {@link #GADGET_RAN} says so. */
    public static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            GADGET_RAN.set(true);
        }
    }
}
