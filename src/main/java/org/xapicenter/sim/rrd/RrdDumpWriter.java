package org.xapicenter.sim.rrd;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import org.xapicenter.rrd.Archive;

/**
 * A whole RRD as {@code /host_rrd} and {@code /vm_rrd} send it, written as xapi-rrd's
 * {@code Rrd.xml_to_output} (non-internal) and {@code Rrd.Json.rrd} write it, for an RRD made the way
 * xcp-rrdd makes them (step 5, the four AVERAGE archives with xff 0.5, min/max archives off).
 *
 * <p>XML, one line after the declaration: {@code <rrd><version>0003</version><step>5</step>
 * <lastupdate>L</lastupdate>} (an integer), then per data source {@code <ds><name>cpu0</name>
 * <type>DERIVE</type><minimal_heartbeat>300</minimal_heartbeat><min>0.0</min><max>1</max>
 * <last_ds>0.0</last_ds><value>0.0</value><unknown_sec>0</unknown_sec></ds>}, then per archive
 * {@code <rra><cf>AVERAGE</cf><pdp_per_row>1|12|720|17280</pdp_per_row><params><xff>0.5</xff></params>
 * <cdp_prep><ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>V</value>
 * <unknown_datapoints>0</unknown_datapoints></ds>...</cdp_prep><database><row><v>..</v>...</row>...
 * </database></rra>}. Rows are OLDEST first and carry no time: the last row of an archive with step s
 * is at floor(lastupdate / s) * s, each earlier row one step before.
 *
 * <p>JSON (Yojson, compact, every scalar a string): {@code {"version":"0003","step":"5","lastupdate":"L",
 * "ds":[{"name":..,"type":..,"minimal_heartbeat":"300","min":"0.0","max":"Infinity","last_ds":"0.0",
 * "value":"0.0","unknown_sec":"0.0","last_updated":"L"}],"rra":[{"cf":"AVERAGE","pdp_per_row":"1",
 * "params":{"xff":"0.5"},"cdp_prep":{"ds":[{"primary_value":"0.0","secondary_value":"0.0","value":"0.0",
 * "unknown_datapoints":"0"}]},"database":[["v",..],..]}]}}, rows oldest first.
 */
public final class RrdDumpWriter {
    // The caller owns the stream: closing the generator flushes it but leaves it open.
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final long PDP = Archive.FIVE_SECONDS.step();

    private RrdDumpWriter() {
    }

    public static byte[] xml(RrdObject rrd, long lastUpdate, Workload workload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            xml(rrd, lastUpdate, workload, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] json(RrdObject rrd, long lastUpdate, Workload workload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            json(rrd, lastUpdate, workload, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The values a dump of {@code rrd} holds (rows of every archive x data sources). */
    public static long values(RrdObject rrd) {
        long rows = 0;
        for (Archive a : Archive.values()) {
            rows += a.rows();
        }
        return rows * rrd.sources().size();
    }

    /** Writes the XML dump to {@code out} a row at a time. */
    public static void xml(RrdObject rrd, long lastUpdate, Workload workload, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int n = rrd.sources().size();
        StringBuilder s = new StringBuilder(4096);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rrd><version>0003</version><step>").append(PDP)
                .append("</step><lastupdate>").append(lastUpdate).append("</lastupdate>");
        for (DataSource ds : rrd.sources()) {
            s.append("<ds><name>");
            XportXmlWriter.escape(s, ds.name());
            s.append("</name><type>").append(ds.type()).append("</type><minimal_heartbeat>")
                    .append(XapiNumbers.format(300.0)).append("</minimal_heartbeat><min>")
                    .append(XapiNumbers.format(ds.min())).append("</min><max>").append(XapiNumbers.format(ds.max()))
                    .append("</max><last_ds>0.0</last_ds><value>0.0</value><unknown_sec>0</unknown_sec></ds>");
        }
        for (Archive a : Archive.values()) {
            s.append("<rra><cf>AVERAGE</cf><pdp_per_row>").append(a.step() / PDP).append("</pdp_per_row><params><xff>")
                    .append(XapiNumbers.format(0.5)).append("</xff></params><cdp_prep>");
            for (int i = 0; i < n; i++) {
                s.append("<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>0.0</value>"
                        + "<unknown_datapoints>0</unknown_datapoints></ds>");
            }
            s.append("</cdp_prep><database>");
            long newest = Math.floorDiv(lastUpdate, a.step()) * a.step();
            for (int r = a.rows() - 1; r >= 0; r--) {
                long t = newest - r * a.step();
                s.append("<row>");
                for (int i = 0; i < n; i++) {
                    s.append("<v>").append(XapiNumbers.format(rrd.value(workload, i, t, a.step()))).append("</v>");
                }
                s.append("</row>");
                if (s.length() > 60_000) {
                    w.append(s);
                    s.setLength(0);
                }
            }
            s.append("</database></rra>");
        }
        s.append("</rrd>");
        w.append(s);
        w.flush();
    }

    /** Writes the JSON dump to {@code out} as it goes. */
    public static void json(RrdObject rrd, long lastUpdate, Workload workload, OutputStream out) throws IOException {
        int n = rrd.sources().size();
        String last = XapiNumbers.format(lastUpdate);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "0003");
            g.writeStringField("step", Long.toString(PDP));
            g.writeStringField("lastupdate", last);
            g.writeArrayFieldStart("ds");
            for (DataSource ds : rrd.sources()) {
                g.writeStartObject();
                g.writeStringField("name", ds.name());
                g.writeStringField("type", ds.type());
                g.writeStringField("minimal_heartbeat", XapiNumbers.format(300.0));
                g.writeStringField("min", XapiNumbers.format(ds.min()));
                g.writeStringField("max", XapiNumbers.format(ds.max()));
                g.writeStringField("last_ds", "0.0");
                g.writeStringField("value", "0.0");
                g.writeStringField("unknown_sec", "0.0");
                g.writeStringField("last_updated", last);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rra");
            for (Archive a : Archive.values()) {
                g.writeStartObject();
                g.writeStringField("cf", "AVERAGE");
                g.writeStringField("pdp_per_row", Long.toString(a.step() / PDP));
                g.writeObjectFieldStart("params");
                g.writeStringField("xff", XapiNumbers.format(0.5));
                g.writeEndObject();
                g.writeObjectFieldStart("cdp_prep");
                g.writeArrayFieldStart("ds");
                for (int i = 0; i < n; i++) {
                    g.writeStartObject();
                    g.writeStringField("primary_value", "0.0");
                    g.writeStringField("secondary_value", "0.0");
                    g.writeStringField("value", "0.0");
                    g.writeStringField("unknown_datapoints", "0");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeArrayFieldStart("database");
                long newest = Math.floorDiv(lastUpdate, a.step()) * a.step();
                for (int r = a.rows() - 1; r >= 0; r--) {
                    long t = newest - r * a.step();
                    g.writeStartArray();
                    for (int i = 0; i < n; i++) {
                        g.writeString(XapiNumbers.format(rrd.value(workload, i, t, a.step())));
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
