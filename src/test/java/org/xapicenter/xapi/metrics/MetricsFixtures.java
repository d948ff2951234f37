package org.xapicenter.xapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.Series;
import org.xapicenter.rrd.SeriesKey;
import org.xapicenter.rrd.TimeSeriesStore;
import org.xapicenter.xapi.XapiSession;

/** The demo pool's objects the metrics tests watch, and the checks they share. */
final class MetricsFixtures {
    private MetricsFixtures() {
    }

    /** A host, a running guest and where it runs, and a halted guest of the demo pool. */
    record Demo(String hostUuid, String hostAddress, String runningVmUuid, String runningVmHostUuid,
                String residentAddress, String haltedVmUuid) {
    }

    @SuppressWarnings("unchecked")
    static Demo demo(XapiSession session) throws Exception {
        Map<String, Map<String, Object>> hosts = (Map<String, Map<String, Object>>) session.call("host.get_all_records");
        Map<String, Map<String, Object>> vms = (Map<String, Map<String, Object>>) session.call("VM.get_all_records");
        String master = (String) session.call("pool.get_master", ((List<?>) session.call("pool.get_all")).get(0));
        Map<String, Object> coordinator = hosts.get(master);
        String running = null;
        String runningHost = null;
        String halted = null;
        for (Map<String, Object> vm : vms.values()) {
            if (Boolean.TRUE.equals(vm.get("is_a_template")) || Boolean.TRUE.equals(vm.get("is_control_domain"))
                    || Boolean.TRUE.equals(vm.get("is_a_snapshot"))) {
                continue;
            }
            if ("Running".equals(vm.get("power_state")) && running == null) {
                running = (String) vm.get("uuid");
                runningHost = (String) vm.get("resident_on");
            } else if ("Halted".equals(vm.get("power_state")) && halted == null) {
                halted = (String) vm.get("uuid");
            }
        }
        assertThat(running).as("a running demo guest").isNotNull();
        assertThat(halted).as("a halted demo guest").isNotNull();
        Map<String, Object> resident = hosts.get(runningHost);
        return new Demo((String) coordinator.get("uuid"), (String) coordinator.get("address"), running,
                (String) resident.get("uuid"), (String) resident.get("address"), halted);
    }

    /** The uuids of every running guest of the pool. */
    @SuppressWarnings("unchecked")
    static List<String> runningVms(XapiSession session) throws Exception {
        Map<String, Map<String, Object>> vms = (Map<String, Map<String, Object>>) session.call("VM.get_all_records");
        return vms.values().stream().filter(vm -> !Boolean.TRUE.equals(vm.get("is_a_template"))
                        && !Boolean.TRUE.equals(vm.get("is_control_domain")) && !Boolean.TRUE.equals(vm.get("is_a_snapshot"))
                        && "Running".equals(vm.get("power_state")))
                .map(vm -> (String) vm.get("uuid")).sorted().toList();
    }

    /** The {@code start=} of a request line. */
    static long startOf(String requestLine) {
        return Long.parseLong(requestLine.replaceAll(".*[?&]start=(\\d+).*", "$1").trim());
    }

    /**
     * On the wire, for one fetcher (the requests sent to {@code hostPrefix}): each archive is asked only
     * once its step has passed since its last fetch (a full RRD counts for every archive), and every
     * update after the first of an archive starts at most a step before the newest row the previous one
     * could bring (the host's newest row lags its clock by less than a step), so no reply repeats more
     * than a row or two.
     */
    static void assertIncrementalOnTheWire(List<TcpRelay.Request> requests, String hostPrefix) {
        List<TcpRelay.Request> mine = requests.stream().filter(r -> r.host().startsWith(hostPrefix)).toList();
        long dump = mine.stream().filter(r -> r.is("/host_rrd") || r.is("/vm_rrd")).mapToLong(TcpRelay.Request::atMillis)
                .min().orElse(Long.MIN_VALUE);
        for (Archive a : Archive.values()) {
            List<TcpRelay.Request> updates = mine.stream()
                    .filter(r -> r.is("/rrd_updates") && r.line().contains("interval=" + a.step() + "&")).toList();
            long stepMillis = a.step() * 1000;
            if (!updates.isEmpty() && dump != Long.MIN_VALUE) {
                assertThat(updates.get(0).atMillis() - dump).as("first %s update after the full RRD", a)
                        .isGreaterThanOrEqualTo(stepMillis - 200);
            }
            for (int i = 1; i < updates.size(); i++) {
                TcpRelay.Request previous = updates.get(i - 1);
                TcpRelay.Request r = updates.get(i);
                assertThat(r.atMillis() - previous.atMillis()).as("%s update %d: its step passed", a, i)
                        .isGreaterThanOrEqualTo(stepMillis - 200);
                long newestThen = Math.floorDiv(previous.atMillis() / 1000, a.step()) * a.step();
                assertThat(startOf(r.line())).as("%s update %d: %s", a, i, r.line())
                        .isGreaterThanOrEqualTo(newestThen - 3 * a.step())
                        .isGreaterThanOrEqualTo(startOf(previous.line()));
            }
        }
    }

    static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor s = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-test");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Every series of the object, in every archive: times strictly ascending (no duplicate, no disorder). */
    static void assertAscending(TimeSeriesStore store, String uuid) {
        for (Archive a : Archive.values()) {
            for (SeriesKey key : store.keys(a, uuid)) {
                Series s = store.series(a, key);
                for (int i = 1; i < s.size(); i++) {
                    assertThat(s.times()[i]).as("%s %s row %d after %d", a, key.name(), i, s.times()[i - 1])
                            .isGreaterThan(s.times()[i - 1]);
                }
            }
        }
    }

    /** Rows held for the object's {@code name} series in the archive. */
    static int rows(TimeSeriesStore store, Archive archive, String type, String uuid, String name) {
        return store.series(archive, new SeriesKey(type, uuid, name)).size();
    }

    static Set<String> names(TimeSeriesStore store, Archive archive, String uuid) {
        return store.keys(archive, uuid).stream().map(SeriesKey::name).collect(java.util.stream.Collectors.toSet());
    }

    static long last(TimeSeriesStore store, Archive archive, String uuid) {
        return store.lastTime(archive, uuid).orElse(Long.MIN_VALUE);
    }

    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("sim", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
