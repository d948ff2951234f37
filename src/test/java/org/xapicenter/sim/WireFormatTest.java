package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exact bytes on the wire (XAPI-PROTOCOL.md §1), checked with a plain HTTP client. */
class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Simulator sim;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorOptions.builder().httpsPort(0).operationDuration(Duration.ofMillis(10))
                .loginFailureDelay(Duration.ofMillis(10)).maxRequestBytes(64 * 1024).build());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> post(HttpClient client, URI base, String path, String type, String body)
            throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String xmlCall(String method, String... params) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String p : params) {
            sb.append("<param>").append(p).append("</param>");
        }
        return sb.append("</params></methodCall>").toString();
    }

    private static String str(String s) {
        return "<value><string>" + s + "</string></value>";
    }

    private static String login(String path) throws Exception {
        HttpResponse<String> r = post(http, sim.httpUrl(), path, "text/xml",
                xmlCall("session.login_with_password", str("root"), str("password"), str("2.21"), str("wire-test")));
        Matcher m = Pattern.compile("<name>Value</name><value>(OpaqueRef:[0-9a-f-]+)</value>").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    @Test
    void xmlRpcRepliesUseXapisEncoding() throws Exception {
        String session = login("/");
        HttpResponse<String> vms = post(http, sim.httpUrl(), "/", "text/xml",
                xmlCall("VM.get_by_name_label", str(session), str("web-01")));
        assertThat(vms.headers().firstValue("Content-Type")).hasValue("text/xml");
        Matcher ref = Pattern.compile("<array><data><value>(OpaqueRef:[0-9a-f-]+)</value></data></array>").matcher(vms.body());
        assertThat(ref.find()).as(vms.body()).isTrue();

        String record = post(http, sim.httpUrl(), "/", "text/xml",
                xmlCall("VM.get_record", str(session), "<value>" + ref.group(1) + "</value>")).body();
        assertThat(record).contains("<member><name>Status</name><value>Success</value></member>")
                .contains("<name>memory_static_max</name><value>2147483648</value>")
                .contains("<name>is_a_template</name><value><boolean>0</boolean></value>")
                .contains("<name>HVM_shadow_multiplier</name><value><double>1</double></value>")
                .doesNotContain("<fault>", "<string>", "<i4>", "<i8>", "<int>");
        assertThat(record).containsPattern("<name>snapshot_time</name><value><dateTime.iso8601>\\d{8}T\\d\\d:\\d\\d:\\d\\dZ</dateTime.iso8601>");
    }

    @Test
    void eventFromCountsAreI4AndTheTokenAString() throws Exception {
        String session = login("/");
        String body = post(http, sim.httpUrl(), "/", "text/xml", xmlCall("event.from", str(session),
                "<value><array><data><value>vm</value></data></array></value>", str(""), "<value><double>1.0</double></value>")).body();
        assertThat(body).containsPattern("<name>valid_ref_counts</name><value><struct><member><name>vm</name><value><i4>\\d+</i4></value>")
                .containsPattern("<name>token</name><value>\\d{20},\\d{20}</value>")
                .contains("<name>operation</name><value>add</value>")
                .doesNotContain("<name>class</name><value>VM</value>");
    }

    @Test
    void failuresAreStatusStructsNeverFaults() throws Exception {
        String session = login("/");
        String body = post(http, sim.httpUrl(), "/", "text/xml",
                xmlCall("VM.get_record", str(session), str("OpaqueRef:bad"))).body();
        assertThat(body).contains("<name>Status</name><value>Failure</value>")
                .contains("<name>ErrorDescription</name><value><array><data><value>HANDLE_INVALID</value><value>VM</value><value>OpaqueRef:bad</value></data></array></value>")
                .doesNotContain("<fault>");
        String bad = post(http, sim.httpUrl(), "/", "text/xml",
                xmlCall("session.login_with_password", str("root"), str("nope"))).body();
        assertThat(bad).contains("<value>SESSION_AUTHENTICATION_FAILED</value><value>root</value>");
    }

    @Test
    void rpc2AndUnknownPathsLandOnXmlRpcAndListMethodsIsBare() throws Exception {
        assertThat(login("/RPC2")).startsWith("OpaqueRef:");
        assertThat(login("/xmlrpc")).startsWith("OpaqueRef:");
        String methods = post(http, sim.httpUrl(), "/", "text/xml", xmlCall("system.listMethods")).body();
        assertThat(methods).startsWith("<?xml version=\"1.0\"?><methodResponse><params><param><value><array>")
                .contains("<value>VM.start</value>").doesNotContain("Status");
    }

    @Test
    void jsonRpcV1AndV2Shapes() throws Exception {
        HttpResponse<String> v1 = post(http, sim.httpUrl(), "/jsonrpc", "application/json",
                "{\"method\":\"session.login_with_password\",\"params\":[\"root\",\"password\"],\"id\":7}");
        assertThat(v1.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode r1 = JSON.readTree(v1.body());
        assertThat(r1.get("result").asText()).startsWith("OpaqueRef:");
        assertThat(r1.get("error").isNull()).isTrue();
        assertThat(r1.get("id").asInt()).isEqualTo(7);
        assertThat(r1.has("jsonrpc")).isFalse();
        String session = r1.get("result").asText();

        JsonNode v1Error = JSON.readTree(post(http, sim.httpUrl(), "/jsonrpc", "application/json",
                "{\"method\":\"VM.get_record\",\"params\":[\"" + session + "\",\"OpaqueRef:bad\"],\"id\":8}").body());
        assertThat(v1Error.get("error")).hasSize(3);
        assertThat(v1Error.get("error").get(0).asText()).isEqualTo("HANDLE_INVALID");

        JsonNode v2 = JSON.readTree(post(http, sim.httpUrl(), "/jsonrpc", "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"VM.get_by_name_label\",\"params\":[\"" + session + "\",\"web-01\"],\"id\":\"a\"}").body());
        assertThat(v2.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(v2.get("id").asText()).isEqualTo("a");
        String vm = v2.get("result").get(0).asText();
        JsonNode rec = JSON.readTree(post(http, sim.httpUrl(), "/jsonrpc", "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"VM.get_record\",\"params\":[\"" + session + "\",\"" + vm + "\"],\"id\":1}").body());
        assertThat(rec.get("result").get("memory_static_max").isNumber()).isTrue();
        assertThat(rec.get("result").get("power_state").asText()).isEqualTo("Running");

        JsonNode v2Error = JSON.readTree(post(http, sim.httpUrl(), "/jsonrpc", "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"VM.start\",\"params\":[\"" + session + "\",\"" + vm + "\",false,false],\"id\":2}").body());
        assertThat(v2Error.get("error").get("code").asInt()).isEqualTo(1);
        assertThat(v2Error.get("error").get("message").asText()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(v2Error.get("error").get("data")).hasSize(3);

        // A session made over JSON works over XML-RPC.
        String xml = post(http, sim.httpUrl(), "/", "text/xml", xmlCall("VM.get_all", str(session))).body();
        assertThat(xml).contains("<value>Success</value>");
    }

    @Test
    void httpsServesTheGeneratedCertificate() throws Exception {
        X509Certificate cert = sim.certificate();
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("127.0.0.1"));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("sim", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient tls = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build();
        HttpResponse<String> r = post(tls, sim.httpsUrl(), "/", "text/xml",
                xmlCall("session.login_with_password", str("root"), str("password")));
        assertThat(r.body()).contains("<value>Success</value>");
    }

    @Test
    void connectionsStayOpenForTheNextCall() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sim.httpUrl().getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String body = xmlCall("session.login_with_password", str("root"), str("password"));
            for (int i = 0; i < 2; i++) {
                out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: "
                        + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                        assertThat(h.substring(13).trim()).isEqualTo("text/xml");
                    }
                }
                char[] reply = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(reply, read, length - read);
                }
                assertThat(new String(reply)).contains("<value>Success</value>");
            }
        }
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        HttpResponse<String> r = post(http, sim.httpUrl(), "/", "text/xml", "<x>" + "a".repeat(100 * 1024) + "</x>");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void longPollsDoNotBlockOtherCalls() throws Exception {
        String session = login("/");
        String token = "";
        JsonNode fill = JSON.readTree(post(http, sim.httpUrl(), "/jsonrpc", "application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"event.from\",\"params\":[\"" + session + "\",[\"*\"],\"\",1.0],\"id\":1}").body());
        token = fill.get("result").get("token").asText();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            polls.add(http.sendAsync(HttpRequest.newBuilder(sim.httpUrl().resolve("/jsonrpc"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"event.from\",\"params\":[\""
                            + session + "\",[\"sr\"],\"" + token + "\",30.0],\"id\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // Six parked long polls, and a plain call still gets its answer.
        assertThat(login("/")).startsWith("OpaqueRef:");
        assertThat(polls).noneMatch(CompletableFuture::isDone);
        String sr = sim.store().refs("SR").get(0);
        post(http, sim.httpUrl(), "/", "text/xml", xmlCall("SR.set_name_description", str(session), str(sr), str("wake up")));
        for (CompletableFuture<HttpResponse<String>> p : polls) {
            JsonNode events = JSON.readTree(p.get().body()).get("result").get("events");
            assertThat(events).isNotEmpty();
            assertThat(events.get(0).get("ref").asText()).isEqualTo(sr);
        }
    }
}
