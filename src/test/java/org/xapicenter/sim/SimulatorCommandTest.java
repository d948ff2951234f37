package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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

class SimulatorCommandTest {

    @Test
    void badArgumentsPrintUsageAndExitTwo() {
        for (String[] args : new String[][] {{"--port"}, {"--port", "x"}, {"--bogus", "1"}, {"--bogus"}, {"extra"}, {"--user", "u"}, {"--port", "70000"},
                {"--transfer-rate", "0"}, {"--transfer-rate", "-5"}, {"--transfer-rate", "fast"}, {"--transfer-rate"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = SimulatorCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(0));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: simulator");
        }
    }

    @Test
    void transferRateTakesBytesPerSecondWithBinarySuffixes() {
        assertThat(SimulatorCommand.parse(new String[] {"--transfer-rate", "65536"}).transferRate()).isEqualTo(65536);
        assertThat(SimulatorCommand.parse(new String[] {"--transfer-rate", "64k"}).transferRate()).isEqualTo(65536);
        assertThat(SimulatorCommand.parse(new String[] {"--transfer-rate", "10M"}).transferRate()).isEqualTo(10L << 20);
        assertThat(SimulatorCommand.parse(new String[0]).transferRate()).isZero();
        assertThat(SimulatorCommand.USAGE).contains("--transfer-rate BYTES_PER_S");
    }

    @Test
    void aPortInUseIsReportedWithExitOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = SimulatorCommand.run(new String[] {"--port", Integer.toString(taken.getLocalPort())},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                    new CountDownLatch(0));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot start").contains(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void printsOneLineWithItsUrlsServesAndStops() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> SimulatorCommand.run(
                new String[] {"--port", "0", "--tls-port", "0", "--user", "admin", "--password", "s3cret"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, stop));
        SimTestSupport.waitFor("the listening line", () -> out.toString(StandardCharsets.UTF_8).contains("\n"));
        String line = out.toString(StandardCharsets.UTF_8);
        assertThat(line.lines()).hasSize(1);
        Matcher m = Pattern.compile("^XapiCenter simulator listening on (http://127\\.0\\.0\\.1:\\d+/) "
                + "https://127\\.0\\.0\\.1:\\d+/ \\(user admin\\)$").matcher(line.strip());
        assertThat(m.matches()).as(line).isTrue();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<methodCall><methodName>session.login_with_password</methodName>"
                        + "<params><param><value>admin</value></param><param><value>s3cret</value></param></params></methodCall>"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("<value>Success</value>");
        stop.countDown();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }
}
