package org.xapicenter.xapi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xapicenter.testing.HostileXapiServer;
import org.xapicenter.testing.HostileXapiServer.Misbehaviour;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.ErrorTexts;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSecurity;
import org.xapicenter.xapi.XapiSession;

/**
 * Each misbehaviour of {@link HostileXapiServer}, on both encodings: the login ends (within a bound
 * tied to the reply timeout, never a hang) with one sentence for people, no code run, nothing fetched,
 * and no unbounded read.
 */
class HostileRepliesTest {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            for (Misbehaviour m : Misbehaviour.values()) {
                all.add(Arguments.of(p, m));
            }
        }
        return all.stream();
    }

    @BeforeEach
    void reset() {
        XapiSecurity.install();
        HostileXapiServer.GADGET_RAN.set(false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aHostileServerGivesOneClearSentenceAndNothingElse(Protocol protocol, Misbehaviour misbehaviour) throws Exception {
        try (HostileXapiServer server = new HostileXapiServer(misbehaviour)) {
            ConnectionSettings settings = ConnectionSettings.of(server.uri(), protocol).withReplyTimeout(REPLY_TIMEOUT);
            // A hang guard, not a speed test: every case must end soon after the reply timeout.
            Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (XapiSession s = XapiSession.login(settings, "root", "pw".toCharArray())) {
                    return (Throwable) null;
                } catch (Exception e) {
                    return e;
                }
            });
            assertThat(failure).as("the login must fail").isNotNull();
            String sentence = ErrorTexts.get().describe(failure);
            assertThat(sentence).as(sentence)
                    .doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ")
                    .doesNotStartWith("XapiCenter hit an unexpected problem")
                    .doesNotContain("OpaqueRef:00000000");
            assertThat(HostileXapiServer.GADGET_RAN).as("no serialized object was read").isFalse();
            assertThat(server.bystanderHits()).as("nothing the reply names was fetched").isZero();
            assertThat(server.bytesSent()).as("the client stopped reading early").isLessThan(200L * 1024 * 1024);
            System.out.println(protocol + " " + misbehaviour + ": " + sentence);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Protocol.class)
    void abortingEndsACallInFlightAtOnce(Protocol protocol) throws Exception {
        try (HostileXapiServer server = new HostileXapiServer(Misbehaviour.NEVER_ANSWERS)) {
            org.xapicenter.xapi.RpcTransport t = Transports.open(
                    ConnectionSettings.of(server.uri(), protocol).withReplyTimeout(Duration.ofMinutes(5)));
            java.util.concurrent.CompletableFuture<Throwable> call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    t.call("event.from", List.of("OpaqueRef:s", List.of("*"), "", 30.0));
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            // wait until the request reached the server, then abort
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!call.isDone() && System.nanoTime() < until) {
                Thread.sleep(50);
                t.abortCalls();
            }
            Throwable failure = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(org.xapicenter.xapi.ReplyException.class)
                    .hasMessageContaining("was cut short");
            assertThat(ErrorTexts.get().describe(failure)).startsWith("The call to " + server.uri());
        }
    }
}
