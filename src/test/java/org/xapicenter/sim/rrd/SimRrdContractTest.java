package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.LegendEntry;
import org.xapicenter.rrd.RrdDump;
import org.xapicenter.rrd.RrdDumpParser;
import org.xapicenter.rrd.RrdLimits;
import org.xapicenter.rrd.RrdUpdate;
import org.xapicenter.rrd.SeriesKey;
import org.xapicenter.rrd.XportParser;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;

/**
 * The contract between the simulator and the client's format library: what the simulator's hosts send
 * (XML and JSON updates, whole dumps), the library reads, with the same numbers from every endpoint.
 */
class SimRrdContractTest {
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

    private static RrdUpdate updates(String query) throws Exception {
        byte[] body = RrdHttp.get(base, "/rrd_updates?session_id=" + session + query).body();
        return XportParser.parse(new ByteArrayInputStream(body), RrdLimits.DEFAULT);
    }

    private static Map<String, Double> cells(RrdUpdate u) {
        Map<String, Double> out = new HashMap<>();
        for (int c = 0; c < u.columns().size(); c++) {
            for (int r = 0; r < u.rowCount(); r++) {
                out.put(u.times()[r] + " " + u.columns().get(c).wire(), u.values()[c][r]);
            }
        }
        return out;
    }

    private static String vmNamed(String name) {
        ObjectStore s = sim.store();
        return s.refs("VM").stream().filter(v -> name.equals(s.getString(v, "name_label"))
                && !Boolean.TRUE.equals(s.get(v, "is_a_template")) && !Boolean.TRUE.equals(s.get(v, "is_a_snapshot")))
                .findFirst().orElseThrow();
    }

    @Test
    void theLibraryReadsTheSimulatorsXmlAndJsonUpdatesAlike() throws Exception {
        long start = now() - 300;
        String q = "&start=" + start + "&cf=AVERAGE&interval=5&host=true";
        RrdUpdate xml = updates(q);
        RrdUpdate json = updates(q + "&json=true");
        assertThat(xml.step()).isEqualTo(5);
        assertThat(xml.archive()).isEqualTo(Archive.FIVE_SECONDS);
        assertThat(xml.rowCount()).isBetween(59, 61);
        // Oldest first once parsed, every 5 s.
        for (int i = 1; i < xml.rowCount(); i++) {
            assertThat(xml.times()[i] - xml.times()[i - 1]).isEqualTo(5);
        }
        assertThat(xml.columns()).allSatisfy(e -> assertThat(e.cf()).isEqualTo("AVERAGE"));
        String host = sim.store().refs("host").get(0);
        assertThat(xml.columns()).contains(new LegendEntry("AVERAGE",
                new SeriesKey("host", sim.store().getString(host, "uuid"), "cpu_avg")));

        Map<String, Double> a = cells(xml);
        Map<String, Double> b = cells(json);
        a.keySet().retainAll(b.keySet());
        assertThat(a.size()).isGreaterThan(50 * xml.columns().size());
        assertThat(a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).limit(5).toList()).isEmpty();
    }

    @Test
    void aWholeVmDumpAgreesWithItsUpdatesRowForRow() throws Exception {
        String vm = vmNamed("db-primary");
        String uuid = sim.store().getString(vm, "uuid");
        byte[] body = RrdHttp.get(base, "/vm_rrd?session_id=" + session + "&uuid=" + uuid).body();
        RrdDump dump = RrdDumpParser.parse(new ByteArrayInputStream(body), "vm", uuid, RrdLimits.DEFAULT);
        assertThat(dump.step()).isEqualTo(5);
        assertThat(dump.dataSources()).contains("cpu0", "cpu7", "memory", "vbd_xvda_read", "vbd_xvdb_write");
        assertThat(dump.archives().keySet()).containsExactlyInAnyOrder(Archive.values());
        for (Archive archive : Archive.values()) {
            RrdUpdate rows = dump.archives().get(archive);
            assertThat(rows.rowCount()).isEqualTo(archive.rows());
            assertThat(rows.times()[rows.rowCount() - 1]).isEqualTo(dump.lastUpdate() / archive.step() * archive.step());
        }

        RrdUpdate minutes = updates("&start=" + (now() - 3000) + "&interval=60&vm_uuid=" + uuid);
        assertThat(minutes.step()).isEqualTo(60);
        Map<String, Double> fromUpdates = cells(minutes);
        Map<String, Double> fromDump = cells(dump.archives().get(Archive.ONE_MINUTE));
        fromUpdates.keySet().retainAll(fromDump.keySet());
        assertThat(fromUpdates.size()).isGreaterThan(40 * minutes.columns().size());
        assertThat(fromUpdates.keySet().stream().filter(k -> !fromUpdates.get(k).equals(fromDump.get(k)))
                .limit(5).toList()).isEmpty();
    }

    @Test
    void aHostDumpHasAYearOfHistoryAndAHaltedVmsDumpEndsWithItsLastRun() throws Exception {
        String host = sim.store().refs("host").get(1);
        String hostUuid = sim.store().getString(host, "uuid");
        RrdDump h = RrdDumpParser.parse(new ByteArrayInputStream(RrdHttp.get(base, "/host_rrd?session_id=" + session
                + "&uuid=" + hostUuid).body()), "host", hostUuid, RrdLimits.DEFAULT);
        RrdUpdate year = h.archives().get(Archive.ONE_DAY);
        int cpuAvg = year.columns().indexOf(new LegendEntry("AVERAGE", new SeriesKey("host", hostUuid, "cpu_avg")));
        assertThat(cpuAvg).isNotNegative();
        for (int r = 0; r < year.rowCount(); r++) {
            assertThat(year.values()[cpuAvg][r]).isBetween(0.0, 1.0);
        }

        String vm = vmNamed("win11-test");
        String uuid = sim.store().getString(vm, "uuid");
        RrdDump d = RrdDumpParser.parse(new ByteArrayInputStream(RrdHttp.get(base, "/vm_rrd?session_id=" + session
                + "&uuid=" + uuid).body()), "vm", uuid, RrdLimits.DEFAULT);
        assertThat(d.lastUpdate()).isLessThan(now() - 3600);
        RrdUpdate seconds = d.archives().get(Archive.FIVE_SECONDS);
        assertThat(seconds.times()[seconds.rowCount() - 1]).isLessThanOrEqualTo(d.lastUpdate());
        assertThat(seconds.values()[0][seconds.rowCount() - 1]).isBetween(0.0, 1.0);
    }

    @Test
    void anEmptyTableIsReadAsNoRows() throws Exception {
        Xport empty = Xport.of(java.util.List.of(), now() - 60, 5, now());
        RrdUpdate xml = XportParser.parse(new ByteArrayInputStream(XportXmlWriter.write(empty, new Workload(1))),
                RrdLimits.DEFAULT);
        RrdUpdate json = XportParser.parse(new ByteArrayInputStream(XportJsonWriter.write(empty, new Workload(1))),
                RrdLimits.DEFAULT);
        assertThat(xml.rowCount()).isZero();
        assertThat(xml.columns()).isEmpty();
        assertThat(json.rowCount()).isZero();
        assertThat(json.step()).isEqualTo(5);
    }
}
