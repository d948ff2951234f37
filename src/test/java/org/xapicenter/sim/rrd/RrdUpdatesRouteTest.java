package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;

/** {@code /rrd_updates} of the single listener (the demo pool) over real HTTP. */
class RrdUpdatesRouteTest {
    private static Simulator sim;
    private static URI base;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().operationDuration(Duration.ofMillis(20))
                .loginFailureDelay(Duration.ofMillis(10)).build());
        base = sim.httpUrl();
        session = RrdHttp.login(base);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String uuid(String ref) {
        return sim.store().getString(ref, "uuid");
    }

    private static String vmNamed(String name) {
        ObjectStore s = sim.store();
        return s.refs("VM").stream().filter(v -> name.equals(s.getString(v, "name_label"))
                && !Boolean.TRUE.equals(s.get(v, "is_a_template")) && !Boolean.TRUE.equals(s.get(v, "is_a_snapshot")))
                .findFirst().orElseThrow();
    }

    @Test
    void xmlIsXapisXportNewestFirstWithEveryHostAndRunningVm() throws Exception {
        long start = now() - 60;
        HttpResponse<byte[]> r = RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=" + start
                + "&cf=AVERAGE&interval=5&host=true");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/xml");
        assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
        assertThat(RrdHttp.text(r)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta><start>");

        RrdHttp.Parsed x = RrdHttp.xport(r.body());
        assertThat(x.step()).isEqualTo(5);
        assertThat(x.rows()).isEqualTo(x.times().size()).isBetween(12, 14);
        assertThat(x.columns()).isEqualTo(x.legend().size());
        assertThat(x.values()).allSatisfy(row -> assertThat(row).hasSize(x.columns()));
        assertThat(x.times().get(0)).isEqualTo(x.end());
        assertThat(x.end() % 5).isZero();
        assertThat(x.end()).isBetween(now() - 15, now());
        for (int i = 1; i < x.times().size(); i++) {
            assertThat(x.times().get(i)).isEqualTo(x.times().get(i - 1) - 5);
        }
        assertThat(x.times()).allMatch(t -> t >= start);
        assertThat(x.start()).isEqualTo(start / 5 * 5 + 5);

        ObjectStore s = sim.store();
        for (String host : s.refs("host")) {
            assertThat(x.legend()).contains("AVERAGE:host:" + uuid(host) + ":cpu_avg",
                    "AVERAGE:host:" + uuid(host) + ":cpu0", "AVERAGE:host:" + uuid(host) + ":memory_total_kib",
                    "AVERAGE:host:" + uuid(host) + ":memory_free_kib", "AVERAGE:host:" + uuid(host) + ":loadavg",
                    "AVERAGE:host:" + uuid(host) + ":pif_eth0_rx", "AVERAGE:host:" + uuid(host) + ":pif_aggr_tx");
        }
        String host0 = s.refs("host").get(0);
        double free = Double.parseDouble(x.values().get(0).get(x.column("AVERAGE:host:" + uuid(host0) + ":memory_free_kib")));
        double total = Double.parseDouble(x.values().get(0).get(x.column("AVERAGE:host:" + uuid(host0) + ":memory_total_kib")));
        long metricsFree = ((Number) s.get(s.getString(host0, "metrics"), "memory_free")).longValue();
        assertThat(free).isLessThanOrEqualTo(total).isBetween(metricsFree / 1024.0 * 0.96, metricsFree / 1024.0);

        String web = uuid(vmNamed("web-01"));
        assertThat(x.legend()).contains("AVERAGE:vm:" + web + ":cpu0", "AVERAGE:vm:" + web + ":cpu1",
                "AVERAGE:vm:" + web + ":memory", "AVERAGE:vm:" + web + ":memory_target",
                "AVERAGE:vm:" + web + ":memory_internal_free", "AVERAGE:vm:" + web + ":vif_0_rx",
                "AVERAGE:vm:" + web + ":vbd_xvda_read", "AVERAGE:vm:" + web + ":vbd_xvda_write")
                .doesNotContain("AVERAGE:vm:" + web + ":cpu2");
        assertThat(x.legend()).noneMatch(l -> l.contains(uuid(vmNamed("dev-sandbox"))))
                .noneMatch(l -> l.contains(uuid(vmNamed("build-runner"))));

        double cpu = Double.parseDouble(x.values().get(0).get(x.column("AVERAGE:vm:" + web + ":cpu0")));
        assertThat(cpu).isBetween(0.0, 1.0);
        double memory = Double.parseDouble(x.values().get(0).get(x.column("AVERAGE:vm:" + web + ":memory")));
        assertThat(memory).isEqualTo(2048.0 * 1024 * 1024);
        assertThat(x.values()).allSatisfy(row -> assertThat(row).allMatch(v -> v.equals("0.0") || v.equals("NaN")
                || v.matches("-?[0-9]+(\\.[0-9]+)?(e[-+][0-9]{2,3})?")));
    }

    @Test
    void withoutHostTrueOnlyVmsAnswer() throws Exception {
        HttpResponse<byte[]> r = RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=" + (now() - 30)
                + "&cf=AVERAGE&interval=5");
        RrdHttp.Parsed x = RrdHttp.xport(r.body());
        assertThat(x.legend()).isNotEmpty().allMatch(l -> l.startsWith("AVERAGE:vm:"));

        String web = uuid(vmNamed("web-01"));
        RrdHttp.Parsed one = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start="
                + (now() - 30) + "&interval=5&vm_uuid=" + web).body());
        assertThat(one.legend()).isNotEmpty().allMatch(l -> l.startsWith("AVERAGE:vm:" + web + ":"));
    }

    private static List<String> vmUuidsOf(RrdHttp.Parsed x) {
        return x.legend().stream().filter(l -> l.startsWith("AVERAGE:vm:")).map(l -> l.split(":")[2]).distinct().toList();
    }

    @Test
    void vmUuidMayRepeatAndAllAndNoneAreUnderstood() throws Exception {
        String q = "/rrd_updates?session_id=" + session + "&start=" + (now() - 30) + "&interval=5";
        String web = uuid(vmNamed("web-01"));
        String web2 = uuid(vmNamed("web-02"));
        String halted = uuid(vmNamed("dev-sandbox"));
        RrdHttp.Parsed every = RrdHttp.xport(RrdHttp.get(base, q + "&host=true").body());
        List<String> running = vmUuidsOf(every);
        assertThat(running).contains(web, web2).hasSizeGreaterThan(3);

        // Several VMs, each named once (xen-api 26.10+); an unknown or halted one is simply absent.
        RrdHttp.Parsed two = RrdHttp.xport(RrdHttp.get(base, q + "&vm_uuid=" + web + "&vm_uuid=" + web2
                + "&vm_uuid=" + halted + "&vm_uuid=00000000-0000-0000-0000-000000000000").body());
        assertThat(vmUuidsOf(two)).containsExactlyInAnyOrder(web, web2);
        assertThat(two.legend()).allMatch(l -> l.startsWith("AVERAGE:vm:"));
        assertThat(two.legend()).containsAll(every.legend().stream()
                .filter(l -> l.contains(":" + web + ":") || l.contains(":" + web2 + ":")).toList());

        // vm_uuid=all: every VM, as xcp-rrdd before 26.10 answers.
        RrdHttp.Parsed all = RrdHttp.xport(RrdHttp.get(base, q + "&host=true&vm_uuid=all").body());
        assertThat(all.legend()).isEqualTo(every.legend());

        // host=true&vm_uuid=none: only the hosts' own data (the client's query for a host graph).
        RrdHttp.Parsed hostsOnly = RrdHttp.xport(RrdHttp.get(base, q + "&host=true&vm_uuid=none").body());
        assertThat(hostsOnly.legend()).isNotEmpty().allMatch(l -> l.startsWith("AVERAGE:host:"));
        assertThat(hostsOnly.legend()).isEqualTo(every.legend().stream().filter(l -> l.startsWith("AVERAGE:host:")).toList());
        // ... and without host=true, nothing at all.
        RrdHttp.Parsed nothing = RrdHttp.xport(RrdHttp.get(base, q + "&vm_uuid=none").body());
        assertThat(nothing.legend()).isEmpty();
        assertThat(nothing.rows()).isZero();
        // A host and one VM: the VM filter applies with host=true too.
        RrdHttp.Parsed hostAndVm = RrdHttp.xport(RrdHttp.get(base, q + "&host=true&vm_uuid=" + web).body());
        assertThat(vmUuidsOf(hostAndVm)).containsExactly(web);
        assertThat(hostAndVm.legend()).anyMatch(l -> l.startsWith("AVERAGE:host:"));
    }

    @Test
    void jsonHasTheSameTreeWithEveryScalarAString() throws Exception {
        long start = now() - 3600;
        HttpResponse<byte[]> r = RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=" + start
                + "&cf=AVERAGE&interval=60&host=true&json=true");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
        assertThat(RrdHttp.text(r)).startsWith("{\"meta\":{\"start\":\"").doesNotContain(" ");
        JsonNode root = new ObjectMapper().readTree(r.body());
        JsonNode meta = root.get("meta");
        assertThat(meta.get("step").textValue()).isEqualTo("60");
        assertThat(meta.get("rows").isTextual()).isTrue();
        int rows = Integer.parseInt(meta.get("rows").textValue());
        int columns = Integer.parseInt(meta.get("columns").textValue());
        assertThat(rows).isBetween(60, 61);
        assertThat(meta.get("legend").size()).isEqualTo(columns);
        JsonNode data = root.get("data");
        assertThat(data.size()).isEqualTo(rows);
        long previous = Long.MAX_VALUE;
        for (JsonNode row : data) {
            long t = Long.parseLong(row.get("t").textValue());
            assertThat(t).isLessThan(previous).isGreaterThanOrEqualTo(start);
            previous = t;
            assertThat(row.get("values").size()).isEqualTo(columns);
            row.get("values").forEach(v -> assertThat(v.isTextual()).isTrue());
        }
    }

    @Test
    void acceptHeaderDecidesAsXapiDoes() throws Exception {
        String q = "/rrd_updates?session_id=" + session + "&start=" + (now() - 10) + "&interval=5";
        assertThat(RrdHttp.get(base, q, "Accept", "*/*").headers().firstValue("content-type")).hasValue("application/json");
        assertThat(RrdHttp.get(base, q, "Accept", "text/xml").headers().firstValue("content-type")).hasValue("text/xml");
        assertThat(RrdHttp.get(base, q + "&json", "Accept", "text/xml, application/json;q=0.5")
                .headers().firstValue("content-type")).hasValue("text/xml");
        assertThat(RrdHttp.get(base, q + "&json").headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void anArchiveIsChosenByIntervalAndStartAndNeverGivesMoreThanItHolds() throws Exception {
        RrdHttp.Parsed year = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session
                + "&start=0&cf=AVERAGE&interval=86400&host=true").body());
        assertThat(year.step()).isEqualTo(86400);
        assertThat(year.rows()).isEqualTo(366);
        // A start older than the 5 s archive reaches falls to the first archive that reaches it.
        RrdHttp.Parsed week = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session
                + "&start=" + (now() - 5 * 86400) + "&interval=5&host=true").body());
        assertThat(week.step()).isEqualTo(3600);
        RrdHttp.Parsed relative = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session
                + "&start=-600&interval=60&host=true").body());
        assertThat(relative.step()).isEqualTo(60);
        assertThat(relative.rows()).isBetween(10, 11);
    }

    @Test
    void sessionsAreCheckedAsXapiDoes() throws Exception {
        String q = "/rrd_updates?start=" + (now() - 10) + "&interval=5";
        assertThat(RrdHttp.get(base, q).statusCode()).isEqualTo(401);
        assertThat(RrdHttp.get(base, q + "&session_id=OpaqueRef:nope").statusCode()).isEqualTo(401);
        assertThat(RrdHttp.get(base, "/host_rrd").statusCode()).isEqualTo(401);
        assertThat(RrdHttp.get(base, "/vm_rrd?uuid=x").statusCode()).isEqualTo(401);
        assertThat(RrdHttp.get(base, q, "Cookie", "session_id=" + session).statusCode()).isEqualTo(200);
        String basic = Base64.getEncoder().encodeToString("root:password".getBytes(StandardCharsets.UTF_8));
        assertThat(RrdHttp.get(base, q, "Authorization", "Basic " + basic).statusCode()).isEqualTo(200);
    }

    @Test
    void badQueriesGetAShort400() throws Exception {
        HttpResponse<byte[]> noStart = RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&interval=5");
        assertThat(noStart.statusCode()).isEqualTo(400);
        assertThat(RrdHttp.text(noStart)).contains("start");
        assertThat(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=soon").statusCode()).isEqualTo(400);
        assertThat(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=0&interval=five").statusCode())
                .isEqualTo(400);
        assertThat(RrdHttp.get(base, "/vm_rrd?session_id=" + session).statusCode()).isEqualTo(400);
        assertThat(RrdHttp.get(base, "/vm_rrd?session_id=" + session + "&uuid=00000000-0000-0000-0000-000000000000")
                .statusCode()).isEqualTo(404);
        assertThat(RrdHttp.get(base, "/host_rrd?session_id=" + session + "&uuid=nope").statusCode()).isEqualTo(404);
        ObjectStore s = sim.store();
        String template = s.refs("VM").stream().filter(v -> Boolean.TRUE.equals(s.get(v, "is_a_template")))
                .findFirst().orElseThrow();
        assertThat(RrdHttp.get(base, "/vm_rrd?session_id=" + session + "&uuid=" + uuid(template)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void everyHostAddressIsTheListener() {
        ObjectStore s = sim.store();
        List<String> addresses = new ArrayList<>();
        for (String h : s.refs("host")) {
            addresses.add(s.getString(h, "address"));
        }
        assertThat(addresses).hasSize(3).containsOnly("127.0.0.1");
    }
}
