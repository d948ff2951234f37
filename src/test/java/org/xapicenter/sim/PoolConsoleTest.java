package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code simulator --members}: every host's URL on the one line, and failures acted out from standard input. */
class PoolConsoleTest {

    private static String login(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>session.login_with_password</methodName>"
                        + "<params><param><value>root</value></param><param><value>password</value></param></params></methodCall>"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void membersAreListedAndHostsCanBeKilledAndPromotedFromStandardInput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        PrintStream keyboard = new PrintStream(typing, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> SimulatorCommand.run(
                new String[] {"--port", "0", "--members"}, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, stop));
        try {
            SimTestSupport.waitFor("the listening line", () -> out.toString(StandardCharsets.UTF_8).contains("\n"));
            String line = out.toString(StandardCharsets.UTF_8).strip();
            Matcher m = Pattern.compile("^XapiCenter simulator listening on http://127\\.0\\.0\\.1:(\\d+)/ \\(user root\\) "
                    + "members http://127\\.0\\.0\\.2:(\\d+)/ http://127\\.0\\.0\\.3:(\\d+)/$").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            String port = m.group(1);
            assertThat(m.group(2)).isEqualTo(port);
            assertThat(login(URI.create("http://127.0.0.2:" + port + "/"))).contains("HOST_IS_SLAVE").contains("127.0.0.1");

            keyboard.println("kill coordinator");
            keyboard.println("promote 127.0.0.3");
            keyboard.println("promote 10.9.9.9");
            SimTestSupport.waitFor("three answers", () -> out.toString(StandardCharsets.UTF_8).contains("no host at 10.9.9.9"));

            String answers = out.toString(StandardCharsets.UTF_8);
            assertThat(answers).contains("http://127.0.0.1:" + port + "/  down")
                    .contains("http://127.0.0.3:" + port + "/  coordinator")
                    .contains("http://127.0.0.2:" + port + "/  member of 127.0.0.3");
            assertThat(login(URI.create("http://127.0.0.3:" + port + "/"))).contains("<value>Success</value>");
            assertThat(login(URI.create("http://127.0.0.2:" + port + "/"))).contains("HOST_IS_SLAVE").contains("127.0.0.3");
        } finally {
            keyboard.close();
            stop.countDown();
        }
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }
}
