package org.xapicenter.xapi.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.XapiException;

class XmlRpcMessagesTest {

    private static ByteArrayInputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    private static ByteArrayInputStream in(String s) {
        return in(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void methodCallRoundTrips() throws Exception {
        byte[] call = XmlRpcMessages.methodCall("VM.start", List.of("OpaqueRef:s", "OpaqueRef:vm", false, true));
        XmlRpcMessages.MethodCall parsed = XmlRpcMessages.parseMethodCall(in(call), 100_000);
        assertThat(parsed.methodName()).isEqualTo("VM.start");
        assertThat(parsed.params()).containsExactly("OpaqueRef:s", "OpaqueRef:vm", false, true);
    }

    @Test
    void parsesACallWithoutParamsAndXapiStyleInts() throws Exception {
        var c = XmlRpcMessages.parseMethodCall(in("<?xml version='1.0'?>\n<methodCall>\n<methodName>event.from</methodName>"
                + "<params><param><value><array><data><value>*</value></data></array></value></param>"
                + "<param><value></value></param><param><value><double>30.</double></value></param></params></methodCall>"), 10_000);
        assertThat(c.params()).containsExactly(List.of("*"), "", 30.0);
        var none = XmlRpcMessages.parseMethodCall(in("<methodCall><methodName>system.listMethods</methodName></methodCall>"), 10_000);
        assertThat(none.params()).isEmpty();
    }

    @Test
    void successAndFailureHaveXapisShape() throws Exception {
        String ok = new String(XmlRpcMessages.success("OpaqueRef:x"), StandardCharsets.UTF_8);
        assertThat(ok).contains("<methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member>"
                + "<member><name>Value</name><value>OpaqueRef:x</value></member></struct></value>")
                .doesNotContain("fault");
        assertThat(XmlRpcMessages.readReply(in(XmlRpcMessages.success(Map.of("a", 1L))), 10_000))
                .isEqualTo(Map.of("a", "1"));

        byte[] fail = XmlRpcMessages.failure(List.of("VM_BAD_POWER_STATE", "OpaqueRef:vm", "halted", "running"));
        assertThat(new String(fail, StandardCharsets.UTF_8)).contains("<name>ErrorDescription</name>").doesNotContain("fault");
        assertThatThrownBy(() -> XmlRpcMessages.readReply(in(fail), 10_000))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
                    assertThat(e.params()).containsExactly("OpaqueRef:vm", "halted", "running");
                });
        XapiException ex = new XapiException("SESSION_INVALID", List.of("OpaqueRef:s"));
        assertThatThrownBy(() -> XmlRpcMessages.readReply(in(XmlRpcMessages.failure(ex)), 10_000))
                .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.params()).containsExactly("OpaqueRef:s"));
    }

    @Test
    void bareReplyForListMethods() throws Exception {
        byte[] bare = XmlRpcMessages.bare(List.of("VM.start", "VM.get_all"));
        assertThat(XmlRpcMessages.readReply(in(bare), 10_000)).isEqualTo(List.of("VM.start", "VM.get_all"));
    }

    @Test
    void faultBecomesAnExceptionAndItsCauseIsIgnored() {
        String fault = "<methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>3</int></value></member>"
                + "<member><name>faultString</name><value>boom</value></member>"
                + "<member><name>faultCause</name><value><base64>rO0ABXNyAA==</base64></value></member>"
                + "</struct></value></fault></methodResponse>";
        assertThatThrownBy(() -> XmlRpcMessages.readReply(in(fault), 10_000))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo(XmlRpcMessages.FAULT_CODE);
                    assertThat(e.params()).containsExactly("3", "boom");
                });
    }

    @Test
    void refusesWhatIsNotAMessage() {
        assertThatThrownBy(() -> XmlRpcMessages.parseMethodCall(in("<methodResponse/>"), 1000))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> XmlRpcMessages.parseMethodResponse(in("<methodResponse><params></params></methodResponse>"), 1000))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> XmlRpcMessages.parseMethodCall(in("<methodCall><methodName>x</methodName>" + " ".repeat(5000)), 1000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("larger");
    }
}
