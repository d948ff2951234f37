package org.xapicenter.xapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.xapi.metrics.MetricsFixtures.assertAscending;
import static org.xapicenter.xapi.metrics.MetricsFixtures.last;
import static org.xapicenter.xapi.metrics.MetricsFixtures.names;
import static org.xapicenter.xapi.metrics.RecordingListener.waitFor;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.RrdFormatException;
import org.xapicenter.rrd.RrdLimits;
import org.xapicenter.rrd.TimeSeriesStore;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;

/**
 * The fetchers against the demo pool's simulator (single listener: every host answers on 127.0.0.1),
 * through a relay that counts each request and can answer in the simulator's stead.
 */
class PoolMetricsTest {
    private static final MetricsOptions FAST_RETRY = new MetricsOptions(false, Clock.systemUTC(), Duration.ofMillis(100),
            RrdLimits.DEFAULT);

    private static Simulator sim;
    private static TcpRelay relay;
    private static XapiSession session;
    private static MetricsFixtures.Demo demo;
    private static ScheduledExecutorService scheduler;
    private PoolMetrics metrics;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1).build());
        relay = new TcpRelay(sim.httpUrl().getPort());
        session = XapiSession.login(ConnectionSettings.of(URI.create("http://127.0.0.1:" + relay.port() + "/"),
                Protocol.XML_RPC), SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        demo = MetricsFixtures.demo(session);
        scheduler = MetricsFixtures.scheduler();
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        session.close();
        relay.close();
        sim.close();
    }

    @BeforeEach
    void forgetOtherTestsRequests() {
        relay.clear();
    }

    @AfterEach
    void closeMetrics() {
        relay.override(null);
        relay.trickle(0);
        if (metrics != null) {
            metrics.close();
        }
    }

    @Test
    void fullFetchesFillEveryArchiveThenUpdatesArriveWithoutDuplicatesAndStopWithTheLastWatch() throws Exception {
        assertThat(demo.hostAddress()).as("single-listener mode: every host answers on the listener's address")
                .isEqualTo("127.0.0.1");
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        TimeSeriesStore store = metrics.store();
        RecordingListener hostSeen = new RecordingListener();
        RecordingListener vmSeen = new RecordingListener();
        RecordingListener haltedSeen = new RecordingListener();
        MetricsWatch host = metrics.watchHost(demo.hostUuid(), demo.hostAddress(), hostSeen);
        // "localhost" is the same listener under another name: its own fetcher, told apart by its Host header
        MetricsWatch vm = metrics.watchVm(demo.runningVmUuid(), "localhost", vmSeen);
        MetricsWatch halted = metrics.watchVm(demo.haltedVmUuid(), null, haltedSeen);

        waitFor("the full RRDs", () -> hostSeen.updatesOf(demo.hostUuid()) > 0 && vmSeen.updatesOf(demo.runningVmUuid()) > 0
                && haltedSeen.updatesOf(demo.haltedVmUuid()) > 0);
        for (Archive a : Archive.values()) {
            assertThat(store.lastTime(a, demo.hostUuid())).as("host rows in %s", a).isPresent();
            assertThat(store.lastTime(a, demo.runningVmUuid())).as("VM rows in %s", a).isPresent();
        }
        assertThat(names(store, Archive.FIVE_SECONDS, demo.hostUuid())).contains("memory_total_kib", "memory_free_kib");
        assertThat(names(store, Archive.FIVE_SECONDS, demo.runningVmUuid())).contains("cpu0", "memory");
        assertThat(store.lastTime(Archive.ONE_DAY, demo.haltedVmUuid())).as("the halted VM's history").isPresent();

        long hostFirst = last(store, Archive.FIVE_SECONDS, demo.hostUuid());
        long vmFirst = last(store, Archive.FIVE_SECONDS, demo.runningVmUuid());
        waitFor("two rounds of 5 s updates from each fetcher", () -> relay.count("/rrd_updates", "127.0.0.1") >= 2
                && relay.count("/rrd_updates", "localhost") >= 2);
        waitFor("new rows", () -> last(store, Archive.FIVE_SECONDS, demo.hostUuid()) > hostFirst
                && last(store, Archive.FIVE_SECONDS, demo.runningVmUuid()) > vmFirst);
        assertAscending(store, demo.hostUuid());
        assertAscending(store, demo.runningVmUuid());
        MetricsFixtures.assertIncrementalOnTheWire(relay.requests(), "127.0.0.1");
        MetricsFixtures.assertIncrementalOnTheWire(relay.requests(), "localhost");
        assertThat(hostSeen.failures()).isEmpty();
        assertThat(vmSeen.failures()).isEmpty();
        assertThat(hostSeen.updatesOf(demo.hostUuid())).isGreaterThanOrEqualTo(2);

        String first = relay.requests().stream().filter(r -> r.is("/rrd_updates") && r.host().startsWith("127.0.0.1"))
                .findFirst().orElseThrow().line();
        assertThat(first).contains("cf=AVERAGE", "interval=5", "host=true", "session_id=").doesNotContain("json");
        assertThat(relay.requests()).filteredOn(r -> r.is("/rrd_updates") && r.host().startsWith("localhost"))
                .allSatisfy(r -> assertThat(r.line()).doesNotContain("host=true")
                        .contains("vm_uuid=" + demo.runningVmUuid()));
        // every update from 127.0.0.1 is the host fetcher's: the halted VM's fetcher (the API's address, the
        // same listener) fetched its history once and asked for nothing since
        assertThat(relay.requests()).filteredOn(r -> r.is("/rrd_updates") && r.host().startsWith("127.0.0.1"))
                .allSatisfy(r -> assertThat(r.line()).contains("host=true"));
        assertThat(relay.requests()).filteredOn(r -> r.is("/vm_rrd") && r.line().contains(demo.haltedVmUuid())).hasSize(1);
        assertThat(metrics.activeFetchers()).isEqualTo(3);

        host.close();
        halted.close();
        assertThat(metrics.activeFetchers()).isEqualTo(1);
        long toListener = relay.requests().stream().filter(r -> r.host().startsWith("127.0.0.1") && r.line().startsWith("GET"))
                .count();
        long vmRounds = relay.count("/rrd_updates", "localhost");
        waitFor("two more rounds of the VM's fetcher", () -> relay.count("/rrd_updates", "localhost") >= vmRounds + 2);
        assertThat(relay.requests().stream().filter(r -> r.host().startsWith("127.0.0.1") && r.line().startsWith("GET"))
                .count()).as("requests of the closed watches' fetchers").isEqualTo(toListener);
        vm.close();
        assertThat(metrics.activeFetchers()).isZero();
        assertAscending(store, demo.runningVmUuid());
    }

    @Test
    void aMalformedReplyIsToldOnceWithTheParsersSentenceAndTheFetcherRecovers() throws Exception {
        relay.override(line -> line.startsWith("GET /rrd_updates")
                ? TcpRelay.reply("200 OK", "<xport><meta><start>then</start></meta></xport>") : null);
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener seen = new RecordingListener();
        long before = relay.count("/rrd_updates", "127.0.0.1");
        String unknown = "00000000-0000-4000-8000-00000000dead";
        metrics.watchVm(unknown, "127.0.0.1", seen);

        // the unknown VM's RRD: 404, told, and not asked again; its updates are due at once, and malformed
        waitFor("retries", () -> relay.count("/rrd_updates", "127.0.0.1") >= before + 4);
        assertThat(seen.failures()).hasSize(2);
        assertThat(seen.failures().get(0).sentence()).contains("127.0.0.1", "404");
        RecordingListener.Event malformed = seen.failures().get(1);
        assertThat(malformed.error()).isInstanceOf(RrdFormatException.class);
        assertThat(malformed.sentence()).isEqualTo(malformed.error().getMessage()).isNotBlank();
        assertThat(relay.requests()).filteredOn(r -> r.is("/vm_rrd") && r.line().contains(unknown)).hasSize(1);

        relay.override(null);
        waitFor("recovery", () -> !seen.events.get(seen.events.size() - 1).failed());
        assertThat(seen.failures()).hasSize(2).allSatisfy(f -> assertThat(f.sentence()).doesNotContain(session.ref()));
    }

    @Test
    void withoutAFullRrdEveryArchiveStartsItsSpanBackFromTheHostsNowInJson() throws Exception {
        // the host's full RRD is refused (404), so its updates are asked for at once, every archive
        relay.override(line -> line.startsWith("GET /host_rrd") ? TcpRelay.reply("404 Not Found", "") : null);
        metrics = new PoolMetrics(() -> session, scheduler,
                new MetricsOptions(true, Clock.systemUTC(), Duration.ofMillis(100), RrdLimits.DEFAULT));
        RecordingListener seen = new RecordingListener();
        long before = relay.requests().size();
        long serverBefore = System.currentTimeMillis() / 1000; // the simulator runs on this clock
        metrics.watchHost(demo.hostUuid(), "127.0.0.1", seen);
        waitFor("the host's rows in every archive", () -> java.util.Arrays.stream(Archive.values())
                .allMatch(a -> metrics.store().lastTime(a, demo.hostUuid()).isPresent()));

        long serverAfter = metrics.serverNowMillis() / 1000 + 1;
        var updates = relay.requests().subList((int) before, relay.requests().size()).stream()
                .filter(r -> r.is("/rrd_updates")).toList();
        for (Archive a : Archive.values()) {
            TcpRelay.Request r = updates.stream().filter(u -> u.line().contains("interval=" + a.step() + "&"))
                    .findFirst().orElseThrow(() -> new AssertionError("no update of " + a));
            assertThat(r.line()).contains("json=true", "host=true", "vm_uuid=none");
            long start = MetricsFixtures.startOf(r.line());
            // inside the archive's reach (else the host answers from a coarser one), by a margin
            assertThat(start).as("start of %s", a).isBetween(serverBefore - a.span().getSeconds() - 1,
                    serverAfter - a.span().getSeconds() + a.step() + 15);
        }
        assertThat(seen.failures()).hasSize(1).allSatisfy(f -> assertThat(f.sentence()).contains("404"));
        assertAscending(metrics.store(), demo.hostUuid());
    }

    @Test
    void severalWatchedVmsAreFilteredHereAndOnlyWatchedObjectsAreStored() throws Exception {
        java.util.List<String> running = MetricsFixtures.runningVms(session);
        assertThat(running).as("three running demo guests").hasSizeGreaterThanOrEqualTo(3);
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener seen = new RecordingListener();
        metrics.watchHost(demo.hostUuid(), "127.0.0.1", seen);
        metrics.watchVm(running.get(0), "127.0.0.1", seen);
        metrics.watchVm(running.get(1), "127.0.0.1", seen);
        waitFor("two rounds of 5 s updates", () -> relay.requests().stream()
                .filter(r -> r.is("/rrd_updates") && r.line().contains("interval=5&")).count() >= 2
                && seen.updatesOf(running.get(1)) > 1);
        // Two VMs are not named (a host before xen-api v26.10 would answer with the first alone): the
        // host sends all its VMs and the column filter keeps the watched ones.
        assertThat(relay.requests()).filteredOn(r -> r.is("/rrd_updates")).isNotEmpty().allSatisfy(r -> assertThat(r.line())
                .contains("host=true").doesNotContain("vm_uuid="));
        for (Archive a : Archive.values()) {
            assertThat(metrics.store().keys(a, running.get(2))).as("an unwatched VM in %s", a).isEmpty();
        }
        assertThat(metrics.store().keys(Archive.FIVE_SECONDS, running.get(1))).isNotEmpty();
    }

    @Test
    void anObjectIsForgottenAWhileAfterItsLastWatchOrWhenMoreWaitOrWhenDestroyed() throws Exception {
        // a long wait, one object kept: the second closed watch pushes the first out at once
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY.withForgetting(Duration.ofHours(1), 1));
        TimeSeriesStore store = metrics.store();
        RecordingListener hostSeen = new RecordingListener();
        MetricsWatch host = metrics.watchHost(demo.hostUuid(), "127.0.0.1", hostSeen);
        waitFor("the host's RRD", () -> hostSeen.updatesOf(demo.hostUuid()) > 0);
        host.close();
        assertThat(store.lastTime(Archive.ONE_DAY, demo.hostUuid())).as("kept while it is the one waiting").isPresent();
        RecordingListener haltedSeen = new RecordingListener();
        MetricsWatch halted = metrics.watchVm(demo.haltedVmUuid(), null, haltedSeen);
        waitFor("the halted VM's RRD", () -> haltedSeen.updatesOf(demo.haltedVmUuid()) > 0);
        halted.close();
        for (Archive a : Archive.values()) {
            assertThat(store.keys(a, demo.hostUuid())).as("the host pushed out, %s", a).isEmpty();
        }
        assertThat(store.lastTime(Archive.ONE_DAY, demo.haltedVmUuid())).as("the most recent one kept").isPresent();
        // watched again before it goes: its rows are there at once, and closing the watch does not forget it
        metrics.watchVm(demo.haltedVmUuid(), null, null).close();
        assertThat(store.lastTime(Archive.ONE_DAY, demo.haltedVmUuid())).isPresent();
        metrics.forget(demo.haltedVmUuid());
        assertThat(store.lastTime(Archive.ONE_DAY, demo.haltedVmUuid())).as("destroyed").isEmpty();
        metrics.close();

        // a short wait: forgotten by the timer
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY.withForgetting(Duration.ofMillis(200), 4));
        RecordingListener again = new RecordingListener();
        MetricsWatch second = metrics.watchVm(demo.haltedVmUuid(), null, again);
        waitFor("the halted VM's RRD", () -> again.updatesOf(demo.haltedVmUuid()) > 0);
        second.close();
        waitFor("forgotten", () -> java.util.Arrays.stream(Archive.values())
                .allMatch(a -> metrics.store().keys(a, demo.haltedVmUuid()).isEmpty()));
    }

    @Test
    void aHostThatTricklesItsReplyIsCutOffAtTheRequestDeadlineOffTheScheduler() throws Exception {
        // a byte every 50 ms: every read succeeds long before the API's reply timeout, the whole never ends
        relay.override(line -> line.startsWith("GET /host_rrd")
                ? ("HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n<rrd>" + " ".repeat(100_000))
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null);
        relay.trickle(50);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        metrics = new PoolMetrics(() -> {
            threads.add(Thread.currentThread().getName());
            return session;
        }, scheduler, FAST_RETRY.withRequestDeadline(Duration.ofSeconds(1)));
        RecordingListener seen = new RecordingListener();
        metrics.watchHost(demo.hostUuid(), "127.0.0.1", seen);
        waitFor("the deadline", () -> !seen.failures().isEmpty());
        assertThat(seen.failures().get(0).sentence()).contains("127.0.0.1", "within 1 s").doesNotContain(session.ref());
        assertThat(threads).as("fetches run on the metrics' own threads").isNotEmpty()
                .allSatisfy(t -> assertThat(t).startsWith("metrics-fetch-"));
        assertThat(MetricsOptions.DEFAULT.deadlineFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(60));
        assertThat(MetricsOptions.DEFAULT.deadlineFor(Duration.ofSeconds(45))).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a401AsksTheSessionSourceAgainAndRetriesOnceOnly() throws Exception {
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(1);
        relay.override(line -> line.startsWith("GET /host_rrd") && refusals.getAndDecrement() > 0
                ? TcpRelay.reply("401 Unauthorized", "") : null);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        metrics = new PoolMetrics(() -> {
            asked.incrementAndGet();
            return session;
        }, scheduler, FAST_RETRY);
        RecordingListener seen = new RecordingListener();
        long before = relay.count("/host_rrd", "127.0.0.1");
        metrics.watchHost(demo.hostUuid(), "127.0.0.1", seen);
        waitFor("the host's RRD after one refusal", () -> seen.updatesOf(demo.hostUuid()) > 0);
        assertThat(seen.failures()).isEmpty();
        assertThat(relay.count("/host_rrd", "127.0.0.1") - before).isEqualTo(2);
        assertThat(asked.get()).as("the clock, the request, and again after the 401").isGreaterThanOrEqualTo(3);
        metrics.close();

        // a host that refuses every session: one renewal per attempt, then the failure
        refusals.set(Integer.MAX_VALUE);
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener refused = new RecordingListener();
        long start = relay.count("/host_rrd", "127.0.0.1");
        metrics.watchHost(demo.hostUuid(), "127.0.0.1", refused);
        waitFor("the refusal", () -> !refused.failures().isEmpty());
        assertThat(refused.failures().get(0).sentence()).contains("refused the session", "401")
                .doesNotContain(session.ref());
        assertThat(relay.count("/host_rrd", "127.0.0.1") - start).as("the refused request and its one retry")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aReplyWithoutContentLengthIsReadUntilTheHostClosesAndOneCutShortByItsLengthIsMalformed() throws Exception {
        byte[] vector = java.nio.file.Files.readAllBytes(org.xapicenter.testing.Vectors.dir()
                .resolve("rrd/rrdtool-xport-showtime-gap.xml"));
        String vm = "0d0c1b2a-aaaa-bbbb-cccc-000000000001";
        byte[] untilClose = concat("HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n", vector);
        relay.override(line -> line.startsWith("GET /rrd_updates") ? untilClose : null);
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener seen = new RecordingListener();
        metrics.watchVm(vm, "127.0.0.1", seen); // not in the pool: its full RRD is a 404, its updates the vector's
        waitFor("the vector's rows", () -> seen.updatesOf(vm) > 0);
        assertThat(metrics.store().series(Archive.FIVE_SECONDS, new org.xapicenter.rrd.SeriesKey("vm", vm, "cpu0")).size())
                .isEqualTo(80);
        metrics.close();

        // a host that ignores vm_uuid sends the vector's VM to a watch of another: none of it is stored
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener other = new RecordingListener();
        String otherVm = "0d0c1b2a-aaaa-bbbb-cccc-000000000002";
        long updatesBefore = relay.count("/rrd_updates", "127.0.0.1");
        metrics.watchVm(otherVm, "127.0.0.1", other);
        // the second update is sent only once the first was merged
        waitFor("two updates", () -> relay.count("/rrd_updates", "127.0.0.1") >= updatesBefore + 2);
        assertThat(other.failures()).as("only the 404 of its full RRD").hasSize(1);
        assertThat(metrics.store().keys(Archive.FIVE_SECONDS, vm)).as("an unwatched VM's columns").isEmpty();
        metrics.close();

        byte[] cut = concat("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + vector.length / 2
                + "\r\n\r\n", vector);
        relay.override(line -> line.startsWith("GET /rrd_updates") ? cut : null);
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener cutSeen = new RecordingListener();
        metrics.watchVm(vm, "127.0.0.1", cutSeen);
        waitFor("the malformed document", () -> cutSeen.failures().size() >= 2);
        assertThat(cutSeen.failures().get(1).error()).isInstanceOf(RrdFormatException.class);
        assertThat(cutSeen.failures().get(1).sentence()).isEqualTo(cutSeen.failures().get(1).error().getMessage());
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Test
    void aDocumentLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        relay.override(line -> line.startsWith("GET /host_rrd")
                ? ("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1099511627776\r\n\r\n<xport>")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null);
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener seen = new RecordingListener();
        metrics.watchHost(demo.hostUuid(), "127.0.0.1", seen);
        waitFor("the refusal", () -> !seen.failures().isEmpty());
        assertThat(seen.failures().get(0).sentence()).contains("1099511627776", "limit");
        assertThat(seen.failures().get(0).error()).isInstanceOf(RrdFormatException.class);
    }

    @Test
    void aServerErrorIsToldWithItsStatusAndNoSession() throws Exception {
        relay.override(line -> line.startsWith("GET /host_rrd")
                ? TcpRelay.reply("500 Internal Error", "") : null);
        metrics = new PoolMetrics(() -> session, scheduler, FAST_RETRY);
        RecordingListener seen = new RecordingListener();
        metrics.watchHost(demo.hostUuid(), "127.0.0.1", seen);
        waitFor("the failure", () -> !seen.failures().isEmpty());
        assertThat(seen.failures().get(0).sentence()).contains("127.0.0.1", "500").doesNotContain(session.ref());
        long tries = relay.count("/host_rrd", "127.0.0.1");
        waitFor("a retry", () -> relay.count("/host_rrd", "127.0.0.1") > tries);
        relay.override(null);
        waitFor("recovery", () -> seen.updatesOf(demo.hostUuid()) > 0);
        assertThat(seen.failures()).hasSize(1);
    }
}
