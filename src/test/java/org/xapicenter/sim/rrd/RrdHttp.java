package org.xapicenter.sim.rrd;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What an RRD client does on the wire, written out plainly for the tests. */
final class RrdHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private RrdHttp() {
    }

    static String call(URI base, String method, String... params) throws Exception {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String p : params) {
            body.append("<param><value><string>").append(p).append("</string></value></param>");
        }
        body.append("</params></methodCall>");
        return HTTP.send(HttpRequest.newBuilder(base).header("Content-Type", "text/xml").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String login(URI base) throws Exception {
        Matcher m = Pattern.compile("OpaqueRef:[0-9a-f-]+").matcher(call(base, "session.login_with_password",
                "root", "password", "1.0", "rrd-test"));
        if (!m.find()) {
            throw new IllegalStateException("no session");
        }
        return m.group();
    }

    static HttpResponse<byte[]> get(URI base, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    /** An xport read plainly with DOM: meta numbers, legend, rows (time and values as printed). */
    record Parsed(long start, long step, long end, int rows, int columns, List<String> legend, List<Long> times,
                  List<List<String>> values) {
        int column(String legendEntry) {
            int i = legend.indexOf(legendEntry);
            if (i < 0) {
                throw new AssertionError("no column " + legendEntry + " in " + legend);
            }
            return i;
        }
    }

    static Parsed xport(byte[] body) throws Exception {
        Document d = xml(body);
        Element meta = (Element) d.getDocumentElement().getElementsByTagName("meta").item(0);
        List<String> legend = new ArrayList<>();
        NodeList entries = meta.getElementsByTagName("entry");
        for (int i = 0; i < entries.getLength(); i++) {
            legend.add(entries.item(i).getTextContent());
        }
        List<Long> times = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        NodeList rows = d.getDocumentElement().getElementsByTagName("row");
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            times.add(Long.parseLong(row.getElementsByTagName("t").item(0).getTextContent()));
            List<String> vs = new ArrayList<>();
            NodeList v = row.getElementsByTagName("v");
            for (int j = 0; j < v.getLength(); j++) {
                vs.add(v.item(j).getTextContent());
            }
            values.add(vs);
        }
        return new Parsed(number(meta, "start"), number(meta, "step"), number(meta, "end"),
                (int) number(meta, "rows"), (int) number(meta, "columns"), legend, times, values);
    }

    private static long number(Element meta, String tag) {
        return Long.parseLong(meta.getElementsByTagName(tag).item(0).getTextContent());
    }
}
