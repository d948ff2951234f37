package org.xapicenter.sim.rrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.RrdDump;
import org.xapicenter.rrd.RrdDumpParser;
import org.xapicenter.rrd.RrdLimits;
import org.xapicenter.rrd.RrdUpdate;

/**
 * The JSON dump ({@code /host_rrd?json}, {@code /vm_rrd?json}, which xcp-rrdd serves since 2023) has no
 * reader in the client, so its shape is checked here against xapi-rrd's {@code Rrd.Json}: the same keys in
 * the same order, every scalar a string, and the same numbers as the XML dump the client reads.
 */
class RrdDumpJsonTest {
    private static final long LAST = 1_763_800_003L;
    private static final RrdObject HOST = new RrdObject("host", "h-uuid", List.of(
            DataSource.derive("cpu0", 1.0, DataSource.Shape.CPU, 1.0),
            DataSource.derive("cpu_avg", 1.0, DataSource.Shape.CPU_AVERAGE, 1.0),
            DataSource.gauge("memory_total_kib", DataSource.Shape.CONSTANT, 1024.0 * 1024),
            new DataSource("loadavg", "GAUGE", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    DataSource.Shape.LOAD, 4)), RrdObject.ALWAYS);

    private static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> i = object.fieldNames(); i.hasNext(); ) {
            out.add(i.next());
        }
        return out;
    }

    private static void everyScalarIsAString(JsonNode n) {
        if (n.isContainerNode()) {
            n.forEach(RrdDumpJsonTest::everyScalarIsAString);
        } else {
            assertThat(n.isTextual()).as("%s", n).isTrue();
        }
    }

    @Test
    void theJsonDumpHasRrdJsonsShapeAndTheXmlDumpsNumbers() throws Exception {
        Workload workload = new Workload(3);
        byte[] json = RrdDumpWriter.json(HOST, LAST, workload);
        JsonNode root = new ObjectMapper().readTree(json);
        everyScalarIsAString(root);
        assertThat(keys(root)).containsExactly("version", "step", "lastupdate", "ds", "rra");
        assertThat(root.get("version").textValue()).isEqualTo("0003");
        assertThat(root.get("step").textValue()).isEqualTo("5");
        assertThat(root.get("lastupdate").textValue()).isEqualTo(Long.toString(LAST));
        assertThat(root.get("ds")).hasSize(4);
        for (JsonNode ds : root.get("ds")) {
            assertThat(keys(ds)).containsExactly("name", "type", "minimal_heartbeat", "min", "max", "last_ds", "value",
                    "unknown_sec", "last_updated");
        }
        assertThat(root.get("ds").get(3).get("max").textValue()).isEqualTo("Infinity");
        assertThat(root.get("ds").get(3).get("min").textValue()).isEqualTo("-Infinity");

        RrdDump xml = RrdDumpParser.parse(new ByteArrayInputStream(RrdDumpWriter.xml(HOST, LAST, workload)), "host",
                "h-uuid", RrdLimits.DEFAULT);
        assertThat(xml.dataSources()).containsExactly("cpu0", "cpu_avg", "memory_total_kib", "loadavg");
        JsonNode rras = root.get("rra");
        assertThat(rras).hasSize(4);
        Archive[] archives = Archive.values();
        for (int a = 0; a < 4; a++) {
            JsonNode rra = rras.get(a);
            assertThat(keys(rra)).containsExactly("cf", "pdp_per_row", "params", "cdp_prep", "database");
            assertThat(rra.get("cf").textValue()).isEqualTo("AVERAGE");
            assertThat(rra.get("pdp_per_row").textValue()).isEqualTo(Long.toString(archives[a].step() / 5));
            assertThat(keys(rra.get("params"))).containsExactly("xff");
            assertThat(keys(rra.get("cdp_prep"))).containsExactly("ds");
            assertThat(rra.get("cdp_prep").get("ds")).hasSize(4).allSatisfy(cdp -> assertThat(keys(cdp))
                    .containsExactly("primary_value", "secondary_value", "value", "unknown_datapoints"));
            JsonNode rows = rra.get("database");
            assertThat(rows).hasSize(archives[a].rows());
            RrdUpdate fromXml = xml.archives().get(archives[a]);
            assertThat(fromXml.rowCount()).isEqualTo(rows.size());
            // Rows oldest first in both; the parser's rows are the same rows in time order.
            for (int r = 0; r < rows.size(); r++) {
                JsonNode row = rows.get(r);
                assertThat(row).hasSize(4);
                for (int c = 0; c < 4; c++) {
                    double fromJson = Double.parseDouble(row.get(c).textValue());
                    assertThat(fromJson).as("archive %s row %d column %d", archives[a], r, c)
                            .isEqualTo(fromXml.values()[c][r]);
                }
            }
        }
    }
}
