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

/**
 * Over the simulator's HTTPS port with its certificate pinned (the API's trust is the side channels'),
 * in the JSON variant, with a local clock an hour ahead of the host's.
 */
class TlsJsonMetricsTest {

    @Test
    void updatesArriveOverTlsAsJsonAndTheServerClockOffsetIsMeasured() throws Exception {
        Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(-1).httpsPort(0).build());
        ScheduledExecutorService scheduler = MetricsFixtures.scheduler();
        XapiSession session = null;
        PoolMetrics metrics = null;
        try {
            session = XapiSession.login(ConnectionSettings.of(sim.httpsUrl(), Protocol.XML_RPC)
                            .withSslContext(MetricsFixtures.trusting(sim.certificate())),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
            XapiSession live = session;
            MetricsFixtures.Demo demo = MetricsFixtures.demo(session);
            Clock hourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
            metrics = new PoolMetrics(() -> live, scheduler,
                    new MetricsOptions(true, hourAhead, Duration.ofMillis(200), RrdLimits.DEFAULT));
            TimeSeriesStore store = metrics.store();
            RecordingListener seen = new RecordingListener();
            metrics.watchHost(demo.hostUuid(), demo.hostAddress(), seen);
            waitFor("the host's RRD", () -> seen.updatesOf(demo.hostUuid()) > 0);
            long first = last(store, Archive.FIVE_SECONDS, demo.hostUuid());
            waitFor("a 5 s update", () -> last(store, Archive.FIVE_SECONDS, demo.hostUuid()) > first);

            assertThat(seen.failures()).isEmpty();
            assertThat(metrics.serverClockOffsetMillis()).as("host clock minus a local clock an hour ahead")
                    .isBetween(-3_600_000L - 5_000, -3_600_000L + 5_000);
            long serverNow = metrics.serverNowMillis() / 1000;
            assertThat(last(store, Archive.FIVE_SECONDS, demo.hostUuid())).isBetween(serverNow - 60, serverNow + 10);
            assertAscending(store, demo.hostUuid());
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            scheduler.shutdownNow();
            if (session != null) {
                session.close();
            }
            sim.close();
        }
    }
}
