package org.xapicenter.xapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.xapi.metrics.MetricsFixtures.assertAscending;
import static org.xapicenter.xapi.metrics.MetricsFixtures.last;
import static org.xapicenter.xapi.metrics.RecordingListener.waitFor;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.RrdLimits;
import org.xapicenter.rrd.TimeSeriesStore;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;

/** A host that goes away and comes back (the simulator restarted with the same seed on the same port). */
class SimulatorRestartTest {

    @Test
    void theFetcherReportsTheOutageOnceThenResumesWithANewSessionAndNoDuplicate() throws Exception {
        SimulatorOptions options = SimulatorOptions.builder().httpPort(0).httpsPort(-1).seed(6).build();
        Simulator sim = Simulator.start(options);
        int port = sim.httpUrl().getPort();
        ScheduledExecutorService scheduler = MetricsFixtures.scheduler();
        XapiSession session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC)
                        .withReplyTimeout(Duration.ofSeconds(10)),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        PoolMetrics metrics = null;
        try {
            MetricsFixtures.Demo demo = MetricsFixtures.demo(session);
            metrics = new PoolMetrics(() -> session, scheduler,
                    new MetricsOptions(false, Clock.systemUTC(), Duration.ofMillis(100), RrdLimits.DEFAULT));
            TimeSeriesStore store = metrics.store();
            RecordingListener seen = new RecordingListener();
            metrics.watchHost(demo.hostUuid(), demo.hostAddress(), seen);
            waitFor("the host's RRD", () -> seen.updatesOf(demo.hostUuid()) > 0);
            long beforeRestart = last(store, Archive.FIVE_SECONDS, demo.hostUuid());
            String oldRef = session.ref();

            sim.close();
            waitFor("the outage told", () -> !seen.failures().isEmpty());
            sim = Simulator.start(options.toBuilder().httpPort(port).build());
            int told = seen.events.size();
            waitFor("recovery", () -> seen.events.size() > told && !seen.events.get(seen.events.size() - 1).failed());
            waitFor("rows past the restart", () -> last(store, Archive.FIVE_SECONDS, demo.hostUuid()) > beforeRestart + 5);

            assertThat(seen.failures()).as("one report per failure streak").hasSize(1);
            assertThat(seen.firstFailure()).isPositive();
            assertThat(seen.failures().get(0).sentence()).contains("127.0.0.1").doesNotContain(oldRef);
            assertThat(session.ref()).as("logged in again on the restarted host").isNotEqualTo(oldRef);
            assertAscending(store, demo.hostUuid());
            // host.get_servertime over JSON-RPC is an ISO string; the local clock is the host's here
            assertThat(metrics.serverClockOffsetMillis()).isBetween(-5_000L, 5_000L);
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            scheduler.shutdownNow();
            session.close();
            sim.close();
        }
    }
}
