package org.xapicenter.ui.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.XapiException;

class FriendlyErrorsTest {
    private final FriendlyErrors errors = FriendlyErrors.get();

    @ParameterizedTest
    @ValueSource(strings = {"VM_BAD_POWER_STATE", "SESSION_INVALID", "SESSION_AUTHENTICATION_FAILED", "HOST_IS_SLAVE",
        "OPERATION_NOT_ALLOWED", "OTHER_OPERATION_IN_PROGRESS", "VM_IS_TEMPLATE", "HANDLE_INVALID", "TASK_CANCELLED",
        "MESSAGE_METHOD_UNKNOWN", "OPERATION_BLOCKED", "VM_REQUIRES_SR", "HOST_NOT_ENOUGH_FREE_MEMORY", "NO_HOSTS_AVAILABLE"})
    void everyCommonCodeHasItsOwnSentence(String code) {
        assertThat(ResourceBundle.getBundle(FriendlyErrors.BUNDLE).containsKey(code)).isTrue();
        String text = errors.format(code, List.of("p0", "p1", "p2", "p3"));
        assertThat(text).doesNotStartWith("The server reported").doesNotContain("{0}").doesNotContain("{1}");
    }

    @Test
    void badPowerStateNamesTheVmAndBothStates() {
        String vm = "OpaqueRef:1111";
        String text = errors.format("VM_BAD_POWER_STATE", List.of(vm, "halted", "running"),
                ref -> Map.of(vm, "web-01").get(ref));
        assertThat(text).isEqualTo("The VM \"web-01\" must be halted for this, but it is running.");
    }

    @Test
    void refsWithoutAKnownNameStayAsTheyAre() {
        String text = errors.format("VM_BAD_POWER_STATE", List.of("OpaqueRef:9", "halted", "running"), ref -> null);
        assertThat(text).contains("OpaqueRef:9");
    }

    @Test
    void hostIsSlaveSaysWhereTheCoordinatorIs() {
        assertThat(errors.format("HOST_IS_SLAVE", List.of("192.168.1.10"))).contains("192.168.1.10");
    }

    @Test
    void apostrophesInPatternsSurviveMessageFormat() {
        assertThat(errors.format("HOST_NOT_ENOUGH_FREE_MEMORY", List.of("100", "50"))).contains("100").contains("50");
    }

    @Test
    void unknownCodesJoinCodeAndParameters() {
        assertThat(errors.format("SR_BACKEND_FAILURE_44", List.of("", "insufficient space", "x")))
                .isEqualTo("The server reported SR_BACKEND_FAILURE_44: , insufficient space, x");
        assertThat(errors.format("SOMETHING_NEW", List.of())).isEqualTo("The server reported SOMETHING_NEW.");
    }

    @Test
    void errorInfoOfAFailedTaskIsFormattedLikeAnException() {
        assertThat(errors.formatErrorInfo(List.of("TASK_CANCELLED", "OpaqueRef:t"), r -> null))
                .isEqualTo("The operation was cancelled.");
        assertThat(errors.formatErrorInfo(List.of(), r -> null)).isNotBlank();
    }

    @Test
    void exceptionsBecomeSentencesNotStackTraces() {
        assertThat(errors.describe(new XapiException("SESSION_AUTHENTICATION_FAILED", List.of("root", "bad"))))
                .contains("root").doesNotContain("Exception");
        assertThat(errors.describe(new IOException("wrapped", new ConnectException("Connection refused"))))
                .startsWith("The server refused the connection").doesNotContain("java.");
        assertThat(errors.describe(new IOException("boom", new XapiException("HOST_IS_SLAVE", List.of("10.0.0.1")))))
                .contains("10.0.0.1");
        javax.net.ssl.SSLHandshakeException handshake = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new java.security.cert.CertPathBuilderException("unable to find valid certification path"));
        assertThat(errors.describe(new IOException("login", handshake)))
                .startsWith("The server's certificate is not trusted by this computer.").doesNotContain("PKIX");
        assertThat(errors.describe(new javax.net.ssl.SSLException("protocol_version")))
                .isEqualTo("Secure connection failed: protocol_version");
        assertThat(errors.describe(new IllegalStateException("odd"))).contains("odd").doesNotContain("at org.");
    }
}
