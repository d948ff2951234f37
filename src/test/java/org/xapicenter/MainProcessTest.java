package org.xapicenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: a separate JVM started on Main, the simulator's one line, the
 * call command against it, and a clean stop on SIGTERM.
 */
class MainProcessTest {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

    private static ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-DXAPICENTER_LOG_DIR=" + System.getProperty("java.io.tmpdir"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    @Test
    void simulatorPrintsOneLineServesCallsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Process sim = java("simulator", "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("XapiCenter simulator listening on http://127.0.0.1:");
            Matcher m = URL.matcher(line);
            assertThat(m.find()).isTrue();
            URI url = URI.create(m.group(1));

            Path pw = Files.writeString(dir.resolve("pw"), "password\n");
            Process call = java("call", "--server", url.toString(), "--user", "root", "--password-file", pw.toString(),
                    "pool.get_all").redirectErrorStream(true).start();
            String reply = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(call.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(call.exitValue()).as(reply).isZero();
            assertThat(reply).contains("OpaqueRef:");

            Process bad = java("call", "--server", url.toString(), "--user", "root", "--password-file", pw.toString(),
                    "VM.start", "OpaqueRef:nope", "false", "false").redirectErrorStream(true).start();
            String error = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(bad.exitValue()).isNotZero();
            assertThat(error).contains("HANDLE_INVALID").doesNotContain("Exception");

            sim.destroy(); // SIGTERM
            assertThat(sim.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            try (ServerSocket again = new ServerSocket(url.getPort())) {
                assertThat(again.getLocalPort()).isEqualTo(url.getPort()); // the port was released
            }
        } finally {
            sim.destroyForcibly();
        }
    }

    @Test
    void aStartFailureIsOneSentenceNotAStackTrace() throws IOException, InterruptedException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process p = java("simulator", "--port", Integer.toString(taken.getLocalPort()))
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(text).doesNotContain("\tat ");
        }
    }

    @Test
    void unknownArgumentsGetTheUsageAndExitCode2() throws Exception {
        Process p = java("--no-such-option").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(text).contains("Usage:");
    }
}
