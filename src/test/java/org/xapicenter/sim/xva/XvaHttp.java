package org.xapicenter.sim.xva;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xapicenter.sim.Simulator;

/** What a transfer client does on the wire, written out plainly for the tests: XML-RPC calls and curl. */
final class XvaHttp {
    private XvaHttp() {
    }

    /** Calls an XML-RPC method whose parameters are all strings; returns the raw reply. */
    static String call(Simulator sim, String method, String... params) throws Exception {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String p : params) {
            body.append("<param><value><string>").append(p).append("</string></value></param>");
        }
        body.append("</params></methodCall>");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.httpUrl())
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static String ref(String reply) {
        Matcher m = Pattern.compile("OpaqueRef:[0-9a-f-]+").matcher(reply);
        if (!m.find()) {
            throw new IllegalStateException("no ref in " + reply);
        }
        return m.group();
    }

    static String login(Simulator sim) throws Exception {
        return ref(call(sim, "session.login_with_password", "root", "password", "1.0", "xva-test"));
    }

    static String createTask(Simulator sim, String session, String label) throws Exception {
        return ref(call(sim, "task.create", session, label, ""));
    }

    /** Runs curl with {@code args}; returns its exit code; stdout and stderr go to files in {@code dir}. */
    static Curl curl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "120"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "curl", ".out");
        Path err = Files.createTempFile(dir, "curl", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl did not finish: " + cmd);
        }
        return new Curl(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    record Curl(int exit, String out, String err) {
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
