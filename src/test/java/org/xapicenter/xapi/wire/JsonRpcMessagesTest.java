package org.xapicenter.xapi.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.XapiException;

class JsonRpcMessagesTest {

    private static ByteArrayInputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    private static ByteArrayInputStream in(String s) {
        return in(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestRoundTripsEveryValueType() throws Exception {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("memory", 4294967296L);
        rec.put("progress", 0.5);
        rec.put("ok", true);
        rec.put("tags", List.of("a", "b"));
        rec.put("nothing", null);
        byte[] req = JsonRpcMessages.request("VM.set", List.of("OpaqueRef:s", rec, 7, Instant.parse("2024-01-31T10:05:09Z")), 42);
        JsonRpcMessages.Request r = JsonRpcMessages.parseRequest(in(req), 10_000);
        assertThat(r.method()).isEqualTo("VM.set");
        assertThat(r.v2()).isTrue();
        assertThat(r.id().asLong()).isEqualTo(42);
        assertThat(r.params()).containsExactly("OpaqueRef:s", rec, 7L, "20240131T10:05:09Z");
    }

    @Test
    void v1RequestWithStringId() throws Exception {
        var r = JsonRpcMessages.parseRequest(in("{\"method\":\"session.login_with_password\",\"params\":[\"root\",\"pw\"],\"id\":\"abc\"}"), 10_000);
        assertThat(r.v2()).isFalse();
        assertThat(new String(JsonRpcMessages.success(r, "OpaqueRef:x"), StandardCharsets.UTF_8))
                .isEqualTo("{\"result\":\"OpaqueRef:x\",\"error\":null,\"id\":\"abc\"}");
        assertThat(new String(JsonRpcMessages.failure(r, List.of("SESSION_AUTHENTICATION_FAILED", "root", "bad")), StandardCharsets.UTF_8))
                .isEqualTo("{\"result\":null,\"error\":[\"SESSION_AUTHENTICATION_FAILED\",\"root\",\"bad\"],\"id\":\"abc\"}");
    }

    @Test
    void v2RepliesHaveTheExactShape() throws Exception {
        var r = JsonRpcMessages.parseRequest(in("{\"jsonrpc\":\"2.0\",\"method\":\"VM.get_all\",\"params\":[\"s\"],\"id\":3}"), 10_000);
        assertThat(new String(JsonRpcMessages.success(r, List.of("OpaqueRef:a")), StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":[\"OpaqueRef:a\"],\"id\":3}");
        assertThat(new String(JsonRpcMessages.failure(r, List.of("HANDLE_INVALID", "VM", "OpaqueRef:x")), StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"HANDLE_INVALID\",\"data\":[\"VM\",\"OpaqueRef:x\"]},\"id\":3}");
    }

    @Test
    void clientDecodesBothVersions() throws Exception {
        assertThat(JsonRpcMessages.readReply(in("{\"jsonrpc\":\"2.0\",\"result\":{\"memory\":8589934592,\"p\":1.0},\"id\":1}"), 10_000))
                .isEqualTo(Map.of("memory", 8589934592L, "p", 1.0));
        assertThat(JsonRpcMessages.readReply(in("{\"result\":\"x\",\"error\":null,\"id\":1}"), 10_000)).isEqualTo("x");
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in("{\"result\":null,\"error\":[\"VM_BAD_POWER_STATE\",\"r\",\"halted\",\"running\"],\"id\":1}"), 10_000))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
                    assertThat(e.params()).containsExactly("r", "halted", "running");
                });
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in(
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"SESSION_INVALID\",\"data\":[\"OpaqueRef:s\"]},\"id\":1}"), 10_000))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo("SESSION_INVALID");
                    assertThat(e.params()).containsExactly("OpaqueRef:s");
                });
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in(
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}"), 10_000))
                .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("JSONRPC_ERROR"));
    }

    @Test
    void streamedRepliesDecodeAsTheTreeDidAndRefuseBrokenShapes() throws Exception {
        assertThat(JsonRpcMessages.readReply(in("{\"id\":7,\"extra\":{\"a\":[1,{}]},\"result\":"
                + "{\"big\":123456789012345678901234567890,\"list\":[true,null,-2,\"s\",[],{\"k\":0.5}]},\"jsonrpc\":\"2.0\"}"), 10_000))
                .isEqualTo(Map.of("big", "123456789012345678901234567890",
                        "list", java.util.Arrays.asList(true, null, -2L, "s", List.of(), Map.of("k", 0.5))));
        assertThat(JsonRpcMessages.readReply(in("{\"result\":null}"), 10_000)).isNull();
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in("{\"error\":[\"HANDLE_INVALID\",\"VM\",\"r\"],\"result\":1}"), 10_000))
                .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("HANDLE_INVALID"));
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in("{\"result\":{\"a\":[1,2"), 10_000))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in("[1]"), 10_000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in(""), 10_000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in("{\"id\":1}"), 10_000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> JsonRpcMessages.readReply(
                in("{\"result\":" + "[".repeat(500) + "]".repeat(500) + "}"), 10_000))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void refusesBadRequests() {
        assertThatThrownBy(() -> JsonRpcMessages.parseRequest(in("{\"method\":\"x\",\"params\":[]}"), 1000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> JsonRpcMessages.parseRequest(in("{\"params\":[],\"id\":1}"), 1000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("method");
        assertThatThrownBy(() -> JsonRpcMessages.parseRequest(in("{not json"), 1000))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> JsonRpcMessages.parseRequest(in("[".repeat(500) + "]".repeat(500)), 10_000))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> JsonRpcMessages.readReply(in("{\"result\":\"" + "x".repeat(2000) + "\"}"), 1000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("larger");
    }

    @Test
    void nanIsWrittenAsAString() {
        assertThat(JsonRpcMessages.toJson(Double.NaN).asText()).isEqualTo("nan");
        assertThat(JsonRpcMessages.toJson(new Int32(4)).isInt()).isTrue();
    }

    @Test
    void aLargeReplyNeedsTheMemoryOfItsValuesOnly() throws Exception {
        // 4 million small numbers: about 48 MB of heap as values, over 96 MB as a JsonNode tree and the
        // values made from it. An 80 MB child JVM tells the two apart with room on both sides.
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx80m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), BigReplyProbe.class.getName(), "20000")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(child.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("probe finished").isTrue();
            assertThat(child.exitValue()).as("exit code (3: out of memory)").isZero();
        } finally {
            child.destroyForcibly();
        }
    }
}
