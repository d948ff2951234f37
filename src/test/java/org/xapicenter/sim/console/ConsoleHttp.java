package org.xapicenter.sim.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.xapicenter.sim.Simulator;

/** What a console client does on the wire, written out plainly for the tests: XML-RPC calls and CONNECT. */
final class ConsoleHttp {
    private ConsoleHttp() {
    }

    /** Calls an XML-RPC method whose parameters are all strings; returns the raw reply. */
    static String call(Simulator sim, String method, String... params) throws Exception {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String p : params) {
            body.append("<param><value><string>").append(p).append("</string></value></param>");
        }
        body.append("</params></methodCall>");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.httpUrl())
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static String login(Simulator sim) throws Exception {
        String reply = call(sim, "session.login_with_password", "root", "password", "1.0", "console-test");
        Matcher m = Pattern.compile("OpaqueRef:[0-9a-f-]+").matcher(reply);
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return m.group();
    }

    static Socket plain(URI url) throws IOException {
        Socket s = new Socket(url.getHost(), url.getPort());
        s.setSoTimeout(20_000);
        return s;
    }

    /** A TLS socket trusting exactly the simulator's certificate. */
    static Socket tls(URI url, X509Certificate certificate) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("sim", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(url.getHost(), url.getPort());
        s.setSoTimeout(20_000);
        s.startHandshake();
        return s;
    }

    /** Sends the CONNECT as XenCenter does and returns the reply header, read byte by byte up to CRLFCRLF. */
    static String connect(Socket s, String pathAndQuery, String cookieSession) throws IOException {
        String request = "CONNECT " + pathAndQuery + " HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                + (cookieSession != null ? "Cookie: session_id=" + cookieSession + "\r\n" : "") + "\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (header.size() < 16384) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            header.write(b);
            String h = header.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                return h;
            }
        }
        return header.toString(StandardCharsets.ISO_8859_1);
    }

    /** The path and query of a console location. */
    static String pathOf(String location) {
        URI u = URI.create(location);
        return u.getRawPath() + "?" + u.getRawQuery();
    }
}
