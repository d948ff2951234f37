package org.xapicenter.xapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.ErrorTexts;
import org.xapicenter.xapi.XapiException;

/** The command line's error sentences: the window's texts (ErrorTexts), never a raw ref. */
class TransferSentencesTest {

    @Test
    void everyCodeOfOurOwnHasASentence() throws Exception {
        Pattern code = Pattern.compile("\"(XAPICENTER_[A-Z_]+)\"");
        TreeSet<String> codes = new TreeSet<>();
        Path xapi = Path.of("src", "main", "java", "org", "xapicenter", "xapi");
        // what export and import can raise (the console's codes come with sentences of their own)
        for (Path dir : List.of(xapi.resolve("transfer"), xapi.resolve("cli"), xapi.resolve("sidechannel"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = code.matcher(Files.readString(f));
                    while (m.find()) {
                        codes.add(m.group(1));
                    }
                }
            }
        }
        assertThat(codes).contains("XAPICENTER_TRANSFER_STALLED", "XAPICENTER_TASK_TIMEOUT");
        for (String c : codes) {
            assertThat(ErrorTexts.get().knows(c)).as(c).isTrue();
        }
    }

    @Test
    void theHostCodesATransferMeetsHaveSentences() {
        for (String c : List.of("TASK_CANCELLED", "VM_BAD_POWER_STATE", "DEFAULT_SR_NOT_FOUND", "SR_FULL",
                "IMPORT_ERROR_PREMATURE_EOF", "IMPORT_ERROR_UNEXPECTED_FILE", "IMPORT_ERROR_SOME_CHECKSUMS_FAILED",
                "IMPORT_ERROR_GENERIC", "IMPORT_ERROR_CANNOT_HANDLE_CHUNKED", "SESSION_AUTHENTICATION_FAILED",
                "HANDLE_INVALID", "INTERNAL_ERROR")) {
            assertThat(ErrorTexts.get().knows(c)).as(c).isTrue();
        }
    }

    @Test
    void noRawRefIsEverPrinted() {
        String timeout = TransferCommands.sentence(new XapiException("XAPICENTER_TASK_TIMEOUT", List.of("OpaqueRef:5e1f")));
        assertThat(timeout).isEqualTo("The server did not finish the task in time.");
        String unknown = TransferCommands.sentence(new XapiException("SOMETHING_NEW", List.of("OpaqueRef:5e1f", "disk full")));
        assertThat(unknown).contains("SOMETHING_NEW").contains("disk full").doesNotContain("OpaqueRef");
        String named = TransferCommands.sentence(new XapiException("VM_BAD_POWER_STATE",
                List.of("OpaqueRef:vm", "halted", "running")), Map.of("OpaqueRef:vm", "web-01")::get);
        assertThat(named).isEqualTo("The VM \"web-01\" must be halted for this, but it is running.");
    }

    @Test
    void xapisChecksumFailureGetsTheChecksumSentenceInBothFrontEnds() {
        XapiException e = new XapiException("IMPORT_ERROR_GENERIC", List.of("Invalid_checksum: Block 00000003 of Ref:12"));
        String cli = TransferCommands.sentence(e);
        assertThat(cli).startsWith("The XVA file is damaged: a disk block does not match its checksum")
                .contains("Block 00000003");
        assertThat(ErrorTexts.get().describe(e)).isEqualTo(cli);
        assertThat(TransferCommands.sentence(new XapiException("IMPORT_ERROR_GENERIC", List.of("VDI not found"))))
                .isEqualTo("The server could not import the file: VDI not found");
    }
}
