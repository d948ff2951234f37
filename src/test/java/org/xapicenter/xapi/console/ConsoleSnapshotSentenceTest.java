package org.xapicenter.xapi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.XapiException;

/** What console-snapshot prints for a refusal never includes a session or other object reference. */
class ConsoleSnapshotSentenceTest {
    private static final String SESSION = "OpaqueRef:5e55a0e1-0000-4000-8000-000000000001";

    @Test
    void anInvalidSessionIsASentenceWithoutItsReference() {
        String s = ConsoleSnapshotCommand.sentence(new XapiException("SESSION_INVALID", List.of(SESSION)));
        assertThat(s).doesNotContain(SESSION).doesNotContain("5e55a0e1").contains("session is no longer valid");
    }

    @Test
    void referencesAmongOtherParametersAreMaskedAndTheRestKept() {
        String s = ConsoleSnapshotCommand.sentence(
                new XapiException("VM_BAD_POWER_STATE", List.of(SESSION, "running", "halted")));
        assertThat(s).doesNotContain("5e55a0e1")
                .isEqualTo("the server refused: VM_BAD_POWER_STATE [OpaqueRef:..., running, halted].");
    }
}
