package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.xapicenter.rrd.RrdLimits;
import org.xapicenter.rrd.RrdUpdate;
import org.xapicenter.rrd.XportParser;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.scale.ScaleSettings;
import org.xapicenter.sim.store.ObjectStore;

/** Determinism across simulators, pool members mode, and a scale pool. */
class RrdPoolModesTest {
    private static SimulatorOptions.Builder options() {
        return SimulatorOptions.builder().operationDuration(Duration.ofMillis(20)).loginFailureDelay(Duration.ofMillis(10));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String vmNamed(ObjectStore s, String name) {
        return s.refs("VM").stream().filter(v -> name.equals(s.getString(v, "name_label"))
                && !Boolean.TRUE.equals(s.get(v, "is_a_template")) && !Boolean.TRUE.equals(s.get(v, "is_a_snapshot")))
                .findFirst().orElseThrow();
    }

    private static Map<String, String> cells(RrdHttp.Parsed x) {
        Map<String, String> out = new HashMap<>();
        for (int r = 0; r < x.times().size(); r++) {
            for (int c = 0; c < x.legend().size(); c++) {
                out.put(x.times().get(r) + " " + x.legend().get(c), x.values().get(r).get(c));
            }
        }
        return out;
    }

    @Test
    void aRestartedSimulatorWithTheSameSeedAnswersTheSameNumbers() throws Exception {
        long start = now() - 6000;
        RrdHttp.Parsed first;
        try (Simulator a = Simulator.start(options().seed(5).build())) {
            first = RrdHttp.xport(RrdHttp.get(a.httpUrl(), "/rrd_updates?session_id=" + RrdHttp.login(a.httpUrl())
                    + "&start=" + start + "&interval=60&host=true").body());
        }
        RrdHttp.Parsed second;
        try (Simulator b = Simulator.start(options().seed(5).build())) {
            second = RrdHttp.xport(RrdHttp.get(b.httpUrl(), "/rrd_updates?session_id=" + RrdHttp.login(b.httpUrl())
                    + "&start=" + start + "&interval=60&host=true").body());
        }
        assertThat(first.step()).isEqualTo(60);
        assertThat(second.legend()).isEqualTo(first.legend());
        Map<String, String> a = cells(first);
        Map<String, String> b = cells(second);
        a.keySet().retainAll(b.keySet());
        assertThat(a.size()).isGreaterThan(90 * first.legend().size());
        List<String> differing = a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).limit(5).toList();
        assertThat(differing).isEmpty();
    }

    @Test
    void inPoolMembersModeEachHostAnswersForItselfAndVmRrdRedirects() throws Exception {
        try (Simulator sim = Simulator.start(options().poolMembers(true).build())) {
            ObjectStore s = sim.store();
            URI coordinator = sim.httpUrl();
            String session = RrdHttp.login(coordinator);
            String web2 = vmNamed(s, "web-02");
            String member = s.getString(web2, "resident_on");
            URI memberUrl = sim.hostUrl(member);
            assertThat(memberUrl).isNotEqualTo(coordinator);

            String query = "/vm_rrd?session_id=" + session + "&uuid=" + s.getString(web2, "uuid");
            HttpResponse<byte[]> r = RrdHttp.get(coordinator, query);
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("location")).hasValue(memberUrl.resolve(query).toString());
            assertThat(RrdHttp.get(memberUrl, query).statusCode()).isEqualTo(200);

            // A halted VM's archive lives on the coordinator.
            String halted = "/vm_rrd?session_id=" + session + "&uuid=" + s.getString(vmNamed(s, "dev-sandbox"), "uuid");
            HttpResponse<byte[]> h = RrdHttp.get(memberUrl, halted);
            assertThat(h.statusCode()).isEqualTo(302);
            assertThat(h.headers().firstValue("location")).hasValue(coordinator.resolve(halted).toString());
            assertThat(RrdHttp.get(coordinator, halted).statusCode()).isEqualTo(200);

            RrdHttp.Parsed x = RrdHttp.xport(RrdHttp.get(memberUrl, "/rrd_updates?session_id=" + session + "&start="
                    + (now() - 30) + "&interval=5&host=true").body());
            String memberUuid = s.getString(member, "uuid");
            assertThat(x.legend()).anyMatch(l -> l.startsWith("AVERAGE:host:" + memberUuid + ":"))
                    .noneMatch(l -> l.startsWith("AVERAGE:host:") && !l.startsWith("AVERAGE:host:" + memberUuid + ":"));
            List<String> vmUuids = x.legend().stream().filter(l -> l.startsWith("AVERAGE:vm:"))
                    .map(l -> l.split(":")[2]).distinct().toList();
            assertThat(vmUuids).isNotEmpty().contains(s.getString(web2, "uuid"));
            for (String uuid : vmUuids) {
                String vm = s.refByUuid(uuid).orElseThrow();
                assertThat(s.getString(vm, "resident_on")).isEqualTo(member);
            }
        }
    }

    @Test
    void aTenThousandVmPoolAnswersTheClientsHostAndVmQueriesWithinItsLimits() throws Exception {
        try (Simulator sim = Simulator.start(options().demoPool(false)
                .scale(new ScaleSettings(16, 10_000, 0, null, null)).build())) {
            URI base = sim.httpUrl();
            String session = RrdHttp.login(base);
            ObjectStore s = sim.store();
            // What the client sends for a host graph: the hosts' own data and no VM.
            String hostQuery = "/rrd_updates?session_id=" + session + "&start=" + (now() - 10)
                    + "&cf=AVERAGE&interval=5&host=true&vm_uuid=none";
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = RrdHttp.get(base, hostQuery);
            long hostMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            RrdUpdate hosts = XportParser.parse(new ByteArrayInputStream(r.body()), RrdLimits.DEFAULT);
            assertThat(hosts.columns()).allMatch(k -> k.key().objectType().equals("host"));
            assertThat(hosts.columns().stream().filter(k -> k.key().name().equals("cpu_avg")).count()).isEqualTo(16);
            assertThat(hosts.rowCount()).isBetween(2, 4);

            // What the client sends for one VM's graph.
            String vm = s.refs("VM").stream().filter(v -> "Running".equals(s.getString(v, "power_state"))
                    && !Boolean.TRUE.equals(s.get(v, "is_control_domain"))).findFirst().orElseThrow();
            String uuid = s.getString(vm, "uuid");
            t0 = System.nanoTime();
            HttpResponse<byte[]> one = RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=" + (now() - 10)
                    + "&cf=AVERAGE&interval=5&vm_uuid=" + uuid);
            long vmMillis = (System.nanoTime() - t0) / 1_000_000;
            RrdUpdate vmUpdate = XportParser.parse(new ByteArrayInputStream(one.body()), RrdLimits.DEFAULT);
            assertThat(vmUpdate.columns()).isNotEmpty().allMatch(k -> k.key().objectType().equals("vm") && k.key().uuid().equals(uuid));
            assertThat(vmUpdate.columns()).anyMatch(k -> k.key().name().equals("cpu0"));
            // A whole-pool year: refused up front when over the simulator's cap, never built in memory.
            RrdHttp.Parsed now = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start="
                    + (now() - 10) + "&interval=5&host=true").body());
            HttpResponse<byte[]> year = RrdHttp.get(base, "/rrd_updates?session_id=" + session
                    + "&start=0&interval=86400&host=true");
            if (366L * now.columns() > RrdRoute.MAX_VALUES) {
                assertThat(year.statusCode()).isEqualTo(500);
                assertThat(RrdHttp.text(year)).startsWith("rrd_updates: the reply would hold " + 366L * now.columns());
            } else {
                assertThat(year.statusCode()).isEqualTo(200);
            }
            // Once more, warm (the first requests include class loading and JIT); printed, not asserted.
            t0 = System.nanoTime();
            assertThat(RrdHttp.get(base, hostQuery).statusCode()).isEqualTo(200);
            long hostWarm = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            assertThat(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=" + (now() - 10)
                    + "&cf=AVERAGE&interval=5&vm_uuid=" + uuid).statusCode()).isEqualTo(200);
            long vmWarm = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("10,000-VM pool /rrd_updates: host=true&vm_uuid=none %d ms cold, %d ms warm (%d columns, "
                    + "%d bytes); vm_uuid=<one> %d ms cold, %d ms warm (%d columns); whole pool %d columns, a year of it: "
                    + "HTTP %d%n", hostMillis, hostWarm, hosts.columns().size(), r.body().length, vmMillis, vmWarm,
                    vmUpdate.columns().size(), now.columns(), year.statusCode());
        }
    }
}
