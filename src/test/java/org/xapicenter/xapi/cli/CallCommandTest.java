package org.xapicenter.xapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.xapi.wire.JsonRpcMessages;
import org.xapicenter.xapi.wire.XmlRpcMessages;

/** The {@code call} command against a canned server on 127.0.0.1, over both protocols. */
class CallCommandTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<List<Object>> received = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private Path passwordFile;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            XmlRpcMessages.MethodCall c;
            try (InputStream in = ex.getRequestBody()) {
                c = XmlRpcMessages.parseMethodCall(in, 1 << 20);
            }
            Object[] answer = answer(c.methodName(), c.params());
            reply(ex, "text/xml", answer[0] != null ? XmlRpcMessages.failure(toStrings(answer[0]))
                    : XmlRpcMessages.success(answer[1]));
        });
        server.createContext("/jsonrpc", ex -> {
            JsonRpcMessages.Request r;
            try (InputStream in = ex.getRequestBody()) {
                r = JsonRpcMessages.parseRequest(in, 1 << 20);
            }
            Object[] answer = answer(r.method(), r.params());
            reply(ex, "application/json", answer[0] != null ? JsonRpcMessages.failure(r, toStrings(answer[0]))
                    : JsonRpcMessages.success(r, answer[1]));
        });
        server.start();
        passwordFile = dir.resolve("pw");
        Files.writeString(passwordFile, "hunter2\n");
    }

    /** {error description or null, value}. */
    private Object[] answer(String method, List<Object> params) {
        methods.add(method);
        received.add(params);
        return switch (method) {
            case "session.login_with_password" -> "hunter2".equals(params.get(1))
                    ? new Object[] {null, "OpaqueRef:s"}
                    : new Object[] {List.of("SESSION_AUTHENTICATION_FAILED", "root", "wrong password"), null};
            case "session.logout" -> new Object[] {null, ""};
            case "VM.get_all" -> new Object[] {null, List.of("OpaqueRef:a", "OpaqueRef:b")};
            case "VM.get_record" -> new Object[] {null, Map.of("name_label", "web", "memory_static_max", 1024L)};
            case "VM.start" -> new Object[] {List.of("VM_BAD_POWER_STATE", String.valueOf(params.get(1)), "halted", "running"), null};
            default -> new Object[] {List.of("MESSAGE_METHOD_UNKNOWN", method), null};
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> toStrings(Object o) {
        return new ArrayList<>((List<String>) o);
    }

    private static void reply(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int run(String... args) {
        return CallCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheResultAsJsonAndExitsZero() throws Exception {
        int code = run("--server", url(), "--user", "root", "--password-file", passwordFile.toString(), "VM.get_all");
        assertThat(code).as(err()).isZero();
        JsonNode printed = new ObjectMapper().readTree(out());
        assertThat(printed.isArray()).isTrue();
        assertThat(printed.get(0).asText()).isEqualTo("OpaqueRef:a");
        assertThat(methods).containsExactly("session.login_with_password", "VM.get_all", "session.logout");
        assertThat(received.get(0).get(1)).isEqualTo("hunter2");
        assertThat(received.get(1)).containsExactly("OpaqueRef:s");
    }

    @Test
    void jsonRpcAndJsonArgumentsWithBareWords() throws Exception {
        int code = run("--server", url(), "--user", "root", "--password-file", passwordFile.toString(), "--json-rpc",
                "VM.get_record", "OpaqueRef:a");
        assertThat(code).as(err()).isZero();
        JsonNode printed = new ObjectMapper().readTree(out());
        assertThat(printed.get("memory_static_max").asLong()).isEqualTo(1024L);
        assertThat(received.get(1)).containsExactly("OpaqueRef:s", "OpaqueRef:a");
    }

    @Test
    void xapiErrorPrintsCodeAndParamsAndExitsOne() {
        int code = run("--server", url(), "--user", "root", "--password-file", passwordFile.toString(),
                "VM.start", "OpaqueRef:x", "false", "false");
        assertThat(code).isEqualTo(CallCommand.XAPI_ERROR);
        assertThat(err()).contains("VM_BAD_POWER_STATE").contains("\"OpaqueRef:x\",\"halted\",\"running\"");
        assertThat(received.get(1)).containsExactly("OpaqueRef:s", "OpaqueRef:x", false, false);
        assertThat(out()).isEmpty();
    }

    @Test
    void wrongPasswordIsAXapiErrorThatDoesNotEchoThePassword() throws Exception {
        Files.writeString(passwordFile, "nope-secret\r\nsecond line ignored\n");
        int code = run("--server", url(), "--user", "root", "--password-file", passwordFile.toString(), "VM.get_all");
        assertThat(code).isEqualTo(CallCommand.XAPI_ERROR);
        assertThat(received.get(0).get(1)).isEqualTo("nope-secret");
        assertThat(err()).contains("SESSION_AUTHENTICATION_FAILED").doesNotContain("nope-secret");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(CallCommand.USAGE);
        assertThat(err()).contains("usage: call");
        assertThat(run("--server", url(), "--user", "root", "VM.get_all")).isEqualTo(CallCommand.USAGE);
        assertThat(run("--server", url(), "--user", "root", "--password-file", passwordFile.toString()))
                .isEqualTo(CallCommand.USAGE);
        assertThat(run("--server", "ftp://x", "--user", "root", "--password-file", "f", "VM.get_all"))
                .isEqualTo(CallCommand.USAGE);
        assertThat(run("--bogus", "--server", url(), "--user", "root", "--password-file", "f", "m"))
                .isEqualTo(CallCommand.USAGE);
        assertThat(methods).isEmpty();
    }

    @Test
    void ioErrorsExitThreeWithOneLine() throws Exception {
        int code = run("--server", url(), "--user", "root", "--password-file", dir.resolve("missing").toString(), "VM.get_all");
        assertThat(code).isEqualTo(CallCommand.IO_ERROR);
        assertThat(err().strip()).doesNotContain("\n").startsWith("call:");

        errBytes.reset();
        int port = server.getAddress().getPort();
        server.stop(0);
        code = run("--server", "http://127.0.0.1:" + port, "--user", "root", "--password-file", passwordFile.toString(), "VM.get_all");
        assertThat(code).isEqualTo(CallCommand.IO_ERROR);
        assertThat(err().strip()).doesNotContain("\n").startsWith("call:");
    }

    @Test
    void thePasswordIsZeroedWhenLoginFailsToo() {
        CallCommand.Options o = CallCommand.parse(new String[] {"--server", url(), "--user", "root",
                "--password-file", passwordFile.toString(), "VM.get_all"});
        char[] wrong = "nope-secret".toCharArray();
        int code = CallCommand.call(o, wrong, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(CallCommand.XAPI_ERROR);
        assertThat(received.get(0).get(1)).isEqualTo("nope-secret");
        assertThat(new String(wrong)).isEqualTo("\0".repeat("nope-secret".length()));

        char[] right = "hunter2".toCharArray();
        assertThat(CallCommand.call(o, right, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8))).isZero();
        assertThat(new String(right)).isEqualTo("\0".repeat("hunter2".length()));
    }

    @Test
    void aServerUrlWithUserInfoIsAUsageErrorThatDoesNotEchoIt() {
        String withUserInfo = "http://root:pw-in-url@127.0.0.1:" + server.getAddress().getPort();
        assertThat(run("--server", withUserInfo, "--user", "root", "--password-file", passwordFile.toString(),
                "VM.get_all")).isEqualTo(CallCommand.USAGE);
        assertThat(err()).contains("--server").contains("--password-file").doesNotContain("pw-in-url");
        errBytes.reset();
        assertThat(run("--server", "http://root:pw-in-url@bad host", "--user", "root", "--password-file",
                passwordFile.toString(), "VM.get_all")).isEqualTo(CallCommand.USAGE);
        assertThat(err()).contains("--server").doesNotContain("pw-in-url");
        assertThat(methods).isEmpty();
    }

    @Test
    void argumentsAreJsonOrBareStrings() {
        assertThat(CallCommand.argument("false")).isEqualTo(false);
        assertThat(CallCommand.argument("12")).isEqualTo(12L);
        assertThat(CallCommand.argument("[\"*\"]")).isEqualTo(List.of("*"));
        assertThat(CallCommand.argument("{\"k\":\"v\"}")).isEqualTo(Map.of("k", "v"));
        assertThat(CallCommand.argument("\"quoted\"")).isEqualTo("quoted");
        assertThat(CallCommand.argument("OpaqueRef:x")).isEqualTo("OpaqueRef:x");
        assertThat(CallCommand.argument("VM.get_all")).isEqualTo("VM.get_all");
        assertThat(CallCommand.argument("true false")).isEqualTo("true false");
        assertThat(CallCommand.argument("")).isEqualTo("");
    }
}
