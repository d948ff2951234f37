package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;

/** Power state and whole-RRD dumps ({@code /host_rrd}, {@code /vm_rrd}) of the single listener. */
class RrdPowerAndDumpTest {
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

    private static String vmNamed(String name) {
        ObjectStore s = sim.store();
        return s.refs("VM").stream().filter(v -> name.equals(s.getString(v, "name_label"))
                && !Boolean.TRUE.equals(s.get(v, "is_a_template")) && !Boolean.TRUE.equals(s.get(v, "is_a_snapshot")))
                .findFirst().orElseThrow();
    }

    /** The rows of each archive of a dump: archive index -> rows (oldest first) -> values. */
    private static List<List<List<String>>> archives(Document d) {
        List<List<List<String>>> out = new ArrayList<>();
        NodeList rras = d.getDocumentElement().getElementsByTagName("rra");
        for (int a = 0; a < rras.getLength(); a++) {
            List<List<String>> rows = new ArrayList<>();
            NodeList rs = ((Element) ((Element) rras.item(a)).getElementsByTagName("database").item(0))
                    .getElementsByTagName("row");
            for (int i = 0; i < rs.getLength(); i++) {
                List<String> vs = new ArrayList<>();
                NodeList v = ((Element) rs.item(i)).getElementsByTagName("v");
                for (int j = 0; j < v.getLength(); j++) {
                    vs.add(v.item(j).getTextContent());
                }
                rows.add(vs);
            }
            out.add(rows);
        }
        return out;
    }

    private static List<String> dsNames(Document d) {
        List<String> names = new ArrayList<>();
        NodeList ds = d.getDocumentElement().getChildNodes();
        for (int i = 0; i < ds.getLength(); i++) {
            if (ds.item(i) instanceof Element e && e.getTagName().equals("ds")) {
                names.add(e.getElementsByTagName("name").item(0).getTextContent());
            }
        }
        return names;
    }

    @Test
    void hostRrdIsAWholeDumpOldestFirstAndHonoursUuid() throws Exception {
        ObjectStore s = sim.store();
        String member = s.refs("host").stream().filter(h -> s.getString(h, "name_label").equals("xcp-ng-03"))
                .findFirst().orElseThrow();
        HttpResponse<byte[]> r = RrdHttp.get(base, "/host_rrd?session_id=" + session + "&uuid=" + s.getString(member, "uuid"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/xml");
        // As xcp-rrdd: no length, the body ends when the connection closes.
        assertThat(r.headers().firstValue("content-length")).isEmpty();
        assertThat(RrdHttp.text(r)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rrd><version>0003</version><step>5</step><lastupdate>")
                .endsWith("</database></rra></rrd>");
        Document d = RrdHttp.xml(r.body());
        long last = Long.parseLong(d.getElementsByTagName("lastupdate").item(0).getTextContent());
        assertThat(last).isBetween(now() - 10, now());
        List<String> names = dsNames(d);
        // xcp-ng-03 has 24 CPUs in the demo.
        assertThat(names).contains("cpu23", "cpu_avg", "memory_total_kib", "memory_free_kib", "loadavg", "pif_eth0_rx")
                .doesNotContain("cpu24");
        NodeList pdp = d.getElementsByTagName("pdp_per_row");
        assertThat(List.of(pdp.item(0).getTextContent(), pdp.item(1).getTextContent(), pdp.item(2).getTextContent(),
                pdp.item(3).getTextContent())).containsExactly("1", "12", "720", "17280");
        List<List<List<String>>> rras = archives(d);
        assertThat(rras).extracting(List::size).containsExactly(120, 120, 168, 366);
        assertThat(rras).allSatisfy(rows -> assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(names.size())));
        // A host has a year of history: even the oldest daily row has data.
        assertThat(rras.get(3).get(0).get(names.indexOf("cpu_avg"))).isNotEqualTo("NaN");

        String coordinatorUuid = s.getString(sim.hostUrls().keySet().iterator().next(), "uuid");
        Document byDefault = RrdHttp.xml(RrdHttp.get(base, "/host_rrd?session_id=" + session).body());
        assertThat(dsNames(byDefault)).contains("cpu0");
        assertThat(coordinatorUuid).isNotBlank();
    }

    @Test
    void aHaltedVmIsAbsentFromUpdatesAndItsArchiveEndsAtItsStop() throws Exception {
        String vm = vmNamed("dev-sandbox");
        String uuid = sim.store().getString(vm, "uuid");
        RrdHttp.Parsed x = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start="
                + (now() - 60) + "&interval=5&host=true").body());
        assertThat(x.legend()).noneMatch(l -> l.contains(uuid));

        HttpResponse<byte[]> r = RrdHttp.get(base, "/vm_rrd?session_id=" + session + "&uuid=" + uuid);
        assertThat(r.statusCode()).isEqualTo(200);
        Document d = RrdHttp.xml(r.body());
        long last = Long.parseLong(d.getElementsByTagName("lastupdate").item(0).getTextContent());
        // It stopped one to seven days ago; its newest rows are its last running moments.
        assertThat(last).isBetween(now() - 8 * 86400, now() - 1);
        List<String> names = dsNames(d);
        assertThat(names).contains("cpu0", "cpu1", "memory", "vbd_xvda_read", "vif_0_tx").doesNotContain("cpu2");
        List<List<List<String>>> rras = archives(d);
        int cpu0 = names.indexOf("cpu0");
        for (List<List<String>> rows : rras) {
            assertThat(rows.get(rows.size() - 1).get(cpu0)).isNotEqualTo("NaN");
        }

        HttpResponse<byte[]> json = RrdHttp.get(base, "/vm_rrd?session_id=" + session + "&uuid=" + uuid + "&json=true");
        assertThat(json.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode root = new ObjectMapper().readTree(json.body());
        assertThat(root.get("version").textValue()).isEqualTo("0003");
        assertThat(root.get("lastupdate").textValue()).isEqualTo(Long.toString(last));
        assertThat(root.get("rra")).hasSize(4);
        assertThat(root.get("rra").get(1).get("database")).hasSize(120);
        assertThat(root.get("rra").get(1).get("database").get(119).get(cpu0).textValue())
                .isEqualTo(rras.get(1).get(119).get(cpu0));
    }

    @Test
    void aStartedVmAppearsInUpdatesAndRampsUp() throws Exception {
        String vm = vmNamed("legacy-app");
        String uuid = sim.store().getString(vm, "uuid");
        long before = now();
        String reply = RrdHttp.call(base, "VM.start", session, vm, "0", "0");
        assertThat(reply).contains("Success");
        String cpu0 = "AVERAGE:vm:" + uuid + ":cpu0";
        RrdHttp.Parsed x = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            x = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start=" + (before - 60)
                    + "&interval=5").body());
            if (x.legend().contains(cpu0) && !x.values().get(0).get(x.column(cpu0)).equals("NaN")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(x.legend()).contains(cpu0);
        int c = x.column(cpu0);
        // The newest row has data, rows before the start have none (the VM was halted then).
        assertThat(x.values().get(0).get(c)).isNotEqualTo("NaN");
        assertThat(x.values().get(x.values().size() - 1).get(c)).isEqualTo("NaN");
        // Within its first minute it runs at a fraction of its usual level.
        long up = now() - before;
        assertThat(up).isLessThan(60);
        assertThat(Double.parseDouble(x.values().get(0).get(c))).isLessThan(0.7);

        // Once halted it leaves its host's updates again.
        assertThat(RrdHttp.call(base, "VM.hard_shutdown", session, vm)).contains("Success");
        RrdHttp.Parsed after = RrdHttp.xport(RrdHttp.get(base, "/rrd_updates?session_id=" + session + "&start="
                + (now() - 30) + "&interval=5").body());
        assertThat(after.legend()).doesNotContain(cpu0);
        assertThat(RrdHttp.get(base, "/vm_rrd?session_id=" + session + "&uuid=" + uuid).statusCode()).isEqualTo(200);
    }
}
