package org.xapicenter.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RrdDumpParserTest {
    static final String UUID = "6b7a0c2e-1111-2222-3333-444455556666";

    static String ds(String name) {
        return "<ds><name>" + name + "</name><type>GAUGE</type><minimal_heartbeat>300.0000</minimal_heartbeat>"
                + "<min>0.0</min><max>Infinity</max><last_ds>0.0</last_ds><value>0.0</value>"
                + "<unknown_sec>0</unknown_sec></ds>";
    }

    static String rra(String cf, int pdp, String rows) {
        String cdp = "<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>0.0</value>"
                + "<unknown_datapoints>0</unknown_datapoints></ds>";
        return "<rra><cf>" + cf + "</cf><pdp_per_row>" + pdp + "</pdp_per_row><params><xff>0.5</xff></params>"
                + "<cdp_prep>" + cdp + cdp + "</cdp_prep><database>" + rows + "</database></rra>";
    }

    /** The shape rrd.ml's xml_to_output writes: every ring row oldest first, no times. */
    static final String DUMP = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rrd><version>0003</version><step>5</step>"
            + "<lastupdate>1000003</lastupdate>" + ds("cpu0") + ds("memory")
            + rra("AVERAGE", 1, "<row><v>NaN</v><v>NaN</v></row><row><v>0.25</v><v>1.5e+09</v></row>"
                    + "<row><v>0.5</v><v>1073741824</v></row>")
            + rra("MAX", 1, "<row><v>9</v><v>9</v></row><row><v>9</v><v>9</v></row><row><v>9</v><v>9</v></row>")
            + rra("AVERAGE", 12, "<row><v>0.1</v><v>1e9</v></row><row><v>0.2</v><v>2e9</v></row>")
            + rra("AVERAGE", 7, "<row><v>7</v><v>7</v></row>")
            + rra("AVERAGE", 720, "")
            + "</rrd>";

    static RrdDump parse(String doc) throws IOException {
        return RrdDumpParser.parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "vm", UUID,
                RrdLimits.DEFAULT);
    }

    @Test
    void readsTheAverageArchivesWithTimesFromLastUpdate() throws IOException {
        RrdDump dump = parse(DUMP);
        assertThat(dump.step()).isEqualTo(5);
        assertThat(dump.lastUpdate()).isEqualTo(1000003L);
        assertThat(dump.dataSources()).containsExactly("cpu0", "memory");
        // MAX is dropped, the 35 s archive (pdp 7) is no archive of ours
        assertThat(dump.archives()).containsOnlyKeys(Archive.FIVE_SECONDS, Archive.ONE_MINUTE, Archive.ONE_HOUR);

        RrdUpdate five = dump.archives().get(Archive.FIVE_SECONDS);
        // newest = floor(1000003 / 5) * 5 = 1000000; the last row is the newest
        assertThat(five.times()).containsExactly(999990, 999995, 1000000);
        assertThat(five.values()[0]).containsExactly(Double.NaN, 0.25, 0.5);
        assertThat(five.values()[1]).containsExactly(Double.NaN, 1.5e9, 1073741824.0);
        assertThat(five.columns()).extracting(LegendEntry::wire)
                .containsExactly("AVERAGE:vm:" + UUID + ":cpu0", "AVERAGE:vm:" + UUID + ":memory");
        assertThat(five.start()).isEqualTo(999990);
        assertThat(five.end()).isEqualTo(1000000);

        RrdUpdate minute = dump.archives().get(Archive.ONE_MINUTE);
        // floor(1000003 / 60) * 60 = 999960
        assertThat(minute.times()).containsExactly(999900, 999960);
        assertThat(minute.values()[0]).containsExactly(0.1, 0.2);
        assertThat(dump.archives().get(Archive.ONE_HOUR).rowCount()).isZero();
    }

    @Test
    void roundTripThroughTheStore() throws IOException {
        TimeSeriesStore store = new TimeSeriesStore();
        store.merge(parse(DUMP));
        Series cpu = store.series(Archive.FIVE_SECONDS, new SeriesKey("vm", UUID, "cpu0"));
        assertThat(cpu.times()).containsExactly(999990, 999995, 1000000);
        assertThat(cpu.values()).containsExactly(Double.NaN, 0.25, 0.5);
        assertThat(store.lastTime(Archive.ONE_MINUTE, UUID)).hasValue(999960);
        assertThat(store.keys(Archive.ONE_MINUTE, UUID)).containsExactly(
                new SeriesKey("vm", UUID, "cpu0"), new SeriesKey("vm", UUID, "memory"));
        // an rrd_updates after the dump continues it without a duplicate
        store.merge(new RrdUpdate(999995, 1000005, 5, java.util.List.of(LegendEntry.parse("AVERAGE:vm:" + UUID + ":cpu0")),
                new long[] {999995, 1000000, 1000005}, new double[][] {{0.3, 0.6, 0.7}}));
        Series after = store.series(Archive.FIVE_SECONDS, new SeriesKey("vm", UUID, "cpu0"));
        assertThat(after.times()).containsExactly(999990, 999995, 1000000, 1000005);
        assertThat(after.values()).containsExactly(Double.NaN, 0.3, 0.6, 0.7);
    }

    @Test
    void malformedDumps() {
        RrdFormatException wrongCount = refusal(DUMP.replace("<row><v>0.25</v><v>1.5e+09</v></row>", "<row><v>0.25</v></row>"));
        assertThat(wrongCount.getMessage()).isEqualTo("Archive 1: row 2 has 1 value, the dump has 2 data sources.");
        assertThat(wrongCount.where()).isEqualTo("rra 1, row 2");
        RrdFormatException garbage = refusal(DUMP.replace("<v>0.2</v>", "<v>zero</v>"));
        assertThat(garbage.getMessage()).isEqualTo("Row 2 of archive 3 has a value that is not a number: \"zero\".");
        assertThat(garbage.where()).isEqualTo("rra 3, row 2");
        RrdFormatException step = refusal(DUMP.replace("<step>5</step>", "<step>-5</step>"));
        assertThat(step.getMessage()).isEqualTo("The step \"-5\" is not a positive whole number.");
        RrdFormatException noLast = refusal(DUMP.replace("<lastupdate>1000003</lastupdate>", ""));
        assertThat(noLast.getMessage()).isEqualTo("The archives come before the dump's step and lastupdate.");
        RrdFormatException xport = refusal("<xport/>");
        assertThat(xport.getMessage()).isEqualTo("The document is not an <rrd> document: its root is <xport>.");
        RrdFormatException truncated = refusal(DUMP.substring(0, DUMP.length() / 2));
        assertThat(truncated.getMessage()).isEqualTo("The document ends too early.");
        RrdFormatException doctype = refusal("<!DOCTYPE rrd [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rrd>&x;</rrd>");
        assertThat(doctype.getMessage()).isEqualTo("The document declares a DOCTYPE, which is refused.");
    }

    @Test
    void limitsOnDataSourcesRowsAndBytes() {
        RrdFormatException columns = refusal(DUMP, new RrdLimits(1 << 20, 1, 100));
        assertThat(columns.getMessage()).isEqualTo("The dump has more than 1 data sources, the limit.");
        assertThat(columns.where()).isEqualTo("ds 2");
        RrdFormatException rows = refusal(DUMP, new RrdLimits(1 << 20, 10, 2));
        assertThat(rows.getMessage()).isEqualTo("The document has more than 2 rows, the limit.");
        assertThat(rows.where()).isEqualTo("row 3");
        RrdFormatException bytes = refusal(DUMP, new RrdLimits(500, 10, 100));
        assertThat(bytes.getMessage()).isEqualTo("The document is larger than the limit of 500 bytes.");
    }

    static RrdFormatException refusal(String doc) {
        return refusal(doc, RrdLimits.DEFAULT);
    }

    static RrdFormatException refusal(String doc, RrdLimits limits) {
        return catchThrowableOfType(RrdFormatException.class, () -> RrdDumpParser.parse(
                new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "vm", UUID, limits));
    }
}
