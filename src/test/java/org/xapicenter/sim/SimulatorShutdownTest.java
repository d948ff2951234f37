package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Closing the simulator looks like a host going away: connections drop, the port is free again. */
class SimulatorShutdownTest {

    @Test
    void closingDropsLongPollsAndFreesThePort() throws Exception {
        Simulator sim = Simulator.start(SimulatorOptions.builder().build());
        int port = sim.httpUrl().getPort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String login = "{\"jsonrpc\":\"2.0\",\"method\":\"session.login_with_password\",\"params\":[\"root\",\"password\"],\"id\":1}";
        String body = http.send(request(sim, login), HttpResponse.BodyHandlers.ofString()).body();
        String session = body.replaceAll(".*\"result\":\"([^\"]+)\".*", "$1");
        String fill = http.send(request(sim, "{\"jsonrpc\":\"2.0\",\"method\":\"event.from\",\"params\":[\""
                + session + "\",[\"sr\"],\"\",1.0],\"id\":2}"), HttpResponse.BodyHandlers.ofString()).body();
        String token = fill.replaceAll(".*\"token\":\"([0-9,]+)\".*", "$1");
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(request(sim,
                "{\"jsonrpc\":\"2.0\",\"method\":\"event.from\",\"params\":[\"" + session + "\",[\"sr\"],\""
                        + token + "\",60.0],\"id\":3}"),
                HttpResponse.BodyHandlers.ofString());
        // Parked or still arriving, the poll must end in a dropped connection, never in a reply.
        sim.close();
        Throwable failure = null;
        try {
            HttpResponse<String> r = poll.get(30, TimeUnit.SECONDS);
            assertThat(r.body()).as("no reply should come from a closing simulator").isNull();
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(IOException.class);
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static HttpRequest request(Simulator sim, String json) {
        return HttpRequest.newBuilder(sim.httpUrl().resolve("/jsonrpc")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
