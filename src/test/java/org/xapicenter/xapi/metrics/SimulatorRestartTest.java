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
import org.xapicenter.rrd.Series;
import org.xapicenter.rrd.SeriesKey;
import org.xapicenter.rrd.TimeSeriesStore;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;

/**
 * A host that goes away and comes back (the simulator restarted with the same seed on the same port).
 *
 * <p>The restart binds the port the first simulator had. Another test of the same JVM could take that
 * port in between (ports are handed out by the OS to {@code httpPort(0)} binds); the window is a few
 * milliseconds and the bind is retried a few times, so a clash shows as a clear bind failure, not as
 * a wrong result. The port must be the same: the session and the fetcher's address name it.
 */
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
            sim = restartOn(options, port);
            long restartedAt = System.currentTimeMillis() / 1000; // the simulator's clock is this machine's
            int told = seen.events.size();
            waitFor("recovery", () -> seen.events.size() > told && !seen.events.get(seen.events.size() - 1).failed());
            waitFor("rows past the restart", () -> last(store, Archive.FIVE_SECONDS, demo.hostUuid()) > restartedAt + 5);

            // the outage was filled: a row every 5 s, each a number as the simulator writes them
            long newest = last(store, Archive.FIVE_SECONDS, demo.hostUuid());
            Series cpu = store.series(Archive.FIVE_SECONDS, new SeriesKey("host", demo.hostUuid(), "cpu_avg"),
                    beforeRestart - 60, newest);
            assertThat(cpu.size()).as("rows from before the outage to the newest").isGreaterThan(12);
            assertThat(cpu.times()[0]).isLessThanOrEqualTo(beforeRestart - 55);
            assertThat(cpu.times()[cpu.size() - 1]).isEqualTo(newest);
            for (int i = 1; i < cpu.size(); i++) {
                assertThat(cpu.times()[i] - cpu.times()[i - 1]).as("the step before row %d at %d", i, cpu.times()[i])
                        .isEqualTo(5);
            }
            for (int i = 0; i < cpu.size(); i++) {
                assertThat(cpu.values()[i]).as("cpu_avg at %d", cpu.times()[i]).isNotNaN();
            }

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

    /** The same simulator again on the port it had (retried: the old listener's port may take a moment). */
    private static Simulator restartOn(SimulatorOptions options, int port) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                return Simulator.start(options.toBuilder().httpPort(port).build());
            } catch (Exception e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw last;
    }
}
