package org.xapicenter.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xapicenter.testing.Vectors;

class XportParserTest {
    static final String VM = "0d0c1b2a-aaaa-bbbb-cccc-000000000001";

    static Path vector(String name) {
        return Vectors.dir().resolve("rrd").resolve(name);
    }

    static RrdUpdate parse(String doc) throws IOException {
        return XportParser.parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), RrdLimits.DEFAULT);
    }

    @Test
    void rrdtoolShowtimeVectorWithItsGap() throws IOException {
        RrdUpdate u;
        try (InputStream in = Files.newInputStream(vector("rrdtool-xport-showtime-gap.xml"))) {
            u = XportParser.parseXml(in, RrdLimits.DEFAULT);
        }
        assertThat(u.start()).isEqualTo(1763700105L);
        assertThat(u.end()).isEqualTo(1763700500L);
        assertThat(u.step()).isEqualTo(5);
        assertThat(u.archive()).isEqualTo(Archive.FIVE_SECONDS);
        assertThat(u.columns()).extracting(LegendEntry::wire).containsExactly(
                "AVERAGE:vm:" + VM + ":cpu0", "AVERAGE:vm:" + VM + ":memory", "AVERAGE:vm:" + VM + ":vif_0_rx");
        assertThat(u.rowCount()).isEqualTo(80);
        for (int i = 0; i < 80; i++) {
            assertThat(u.times()[i]).isEqualTo(1763700105L + 5L * i);
        }
        assertThat(u.values()[0][0]).isEqualTo(0.96);
        assertThat(u.values()[1][0]).isEqualTo(1.0731968240e+09);
        assertThat(u.values()[2][0]).isEqualTo(2469.0);
        assertThat(u.values()[0][79]).isEqualTo(0.35);
        // rows 1763700200..1763700280 are the gap: NaN in every column, kept as rows
        for (int i = 0; i < 80; i++) {
            long t = u.times()[i];
            boolean gap = t >= 1763700200L && t <= 1763700280L;
            for (int c = 0; c < 3; c++) {
                assertThat(Double.isNaN(u.values()[c][i])).as("t=%d column %d", t, c).isEqualTo(gap);
            }
        }
        assertThat(u.values()[0][36]).isEqualTo(0.81); // first row after the gap, 1763700285
    }

    @Test
    void rrdtoolVectorWithoutTimesTakesStartPlusIStep() throws IOException {
        RrdUpdate u;
        try (InputStream in = Files.newInputStream(vector("rrdtool-xport-notime.xml"))) {
            u = XportParser.parse(in, RrdLimits.DEFAULT);
        }
        assertThat(u.rowCount()).isEqualTo(100);
        assertThat(u.times()[0]).isEqualTo(1763700505L);
        assertThat(u.times()[99]).isEqualTo(1763701000L);
        assertThat(u.values()[0][0]).isEqualTo(0.8);
        assertThat(u.values()[1][0]).isEqualTo(1.0736139240e+09);
        assertThat(u.values()[0][99]).isEqualTo(0.5);
        assertThat(u.values()[1][99]).isEqualTo(1.0720883240e+09);
        assertThat(u.values()[2][50]).isEqualTo(2469.0);
    }

    @Test
    void rrdtoolJsonVectorWithStringTimesAndNulls() throws IOException {
        RrdUpdate u;
        try (InputStream in = Files.newInputStream(vector("rrdtool-xport-showtime.json"))) {
            u = XportParser.parse(in, RrdLimits.DEFAULT);
        }
        assertThat(u.columns()).extracting(LegendEntry::wire).containsExactly("AVERAGE:vm:" + VM + ":cpu0");
        assertThat(u.start()).isEqualTo(1763700105L);
        assertThat(u.end()).isEqualTo(1763700300L);
        assertThat(u.rowCount()).isEqualTo(40);
        assertThat(u.times()[0]).isEqualTo(1763700105L);
        assertThat(u.times()[39]).isEqualTo(1763700300L);
        assertThat(u.values()[0][0]).isEqualTo(0.96);
        assertThat(u.values()[0][39]).isEqualTo(0.8);
        for (int i = 0; i < 40; i++) {
            long t = u.times()[i];
            assertThat(Double.isNaN(u.values()[0][i])).as("t=%d", t).isEqualTo(t >= 1763700200L && t <= 1763700280L);
        }
    }

    @Test
    void xapiXmlNewestFirstWithItsNumberSpellings() throws IOException {
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta><start>1000</start><step>5</step>"
                + "<end>1015</end><rows>4</rows><columns>2</columns><legend>"
                + "<entry>AVERAGE:host:h-1:cpu0</entry><entry>AVERAGE:vm:v-1:vbd_xvda_read_latency:x</entry>"
                + "</legend></meta><data>"
                + "<row><t>1015</t><v>0.0123456789012345</v><v>1.07374182e+09</v></row>"
                + "<row><t>1010</t><v>NaN</v><v>Infinity</v></row>"
                + "<row><t>1005</t><v>-Infinity</v><v>nan</v></row>"
                + "<row><t>1000</t><v>inf</v><v>0.0</v></row>"
                + "</data></xport>";
        RrdUpdate u = parse(doc);
        assertThat(u.times()).containsExactly(1000, 1005, 1010, 1015);
        assertThat(u.values()[0]).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                0.0123456789012345);
        assertThat(u.values()[1]).containsExactly(0.0, Double.NaN, Double.POSITIVE_INFINITY, 1.07374182e+09);
        // the data source name keeps its own colons
        assertThat(u.columns().get(1).key()).isEqualTo(new SeriesKey("vm", "v-1", "vbd_xvda_read_latency:x"));
        assertThat(u.columns().get(0).key()).isEqualTo(new SeriesKey("host", "h-1", "cpu0"));
    }

    @Test
    void aRepeatedTimeKeepsItsLastCopyAndRowsComeOutAscending() throws IOException {
        String doc = "<xport><meta><start>0</start><step>5</step><end>20</end><legend><entry>AVERAGE:vm:v:cpu0</entry>"
                + "</legend></meta><data>"
                + "<row><t>10</t><v>1</v></row><row><t>20</t><v>2</v></row><row><t>10</t><v>3</v></row>"
                + "<row><t>5</t><v>4</v></row></data></xport>";
        RrdUpdate u = parse(doc);
        assertThat(u.times()).containsExactly(5, 10, 20);
        assertThat(u.values()[0]).containsExactly(4.0, 3.0, 2.0);
    }

    @Test
    void jsonWithNumbersForMetaAndTimesAndStringsForValues() throws IOException {
        String doc = "{\"meta\":{\"start\":1000,\"step\":60,\"end\":1120,\"rows\":3,\"columns\":2,"
                + "\"legend\":[\"AVERAGE:vm:v-1:cpu0\",\"AVERAGE:vm:v-1:memory\"]},"
                + "\"data\":[{\"t\":1120,\"values\":[\"0.5\",\"1073741824\"]},"
                + "{\"t\":1060,\"values\":[\"NaN\",\"1.5e+09\"]},"
                + "{\"t\":1000,\"values\":[\"-Infinity\",\"0.0\"]}]}";
        RrdUpdate u = parse(doc);
        assertThat(u.step()).isEqualTo(60);
        assertThat(u.archive()).isEqualTo(Archive.ONE_MINUTE);
        assertThat(u.times()).containsExactly(1000, 1060, 1120);
        assertThat(u.values()[0]).containsExactly(Double.NEGATIVE_INFINITY, Double.NaN, 0.5);
        assertThat(u.values()[1]).containsExactly(0.0, 1.5e9, 1073741824.0);
    }

    @Test
    void xapiJsonWithEveryNumberAString() throws IOException {
        // rrd_updates.ml json_of_t through rrd.ml's Json helpers: int, int64 and float all become strings
        String doc = "{\"meta\":{\"start\":\"1000\",\"step\":\"5\",\"end\":\"1005\",\"rows\":\"2\",\"columns\":\"1\","
                + "\"legend\":[\"AVERAGE:host:h:loadavg\"]},\"data\":[{\"t\":\"1005\",\"values\":[\"0.25\"]},"
                + "{\"t\":\"1000\",\"values\":[\"0.5\"]}]}";
        RrdUpdate u = XportParser.parseJson(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                RrdLimits.DEFAULT);
        assertThat(u.times()).containsExactly(1000, 1005);
        assertThat(u.values()[0]).containsExactly(0.5, 0.25);
    }

    @Test
    void oldXapiJsonWithUnquotedKeysAndBareNaN() throws IOException {
        String doc = "{meta: {start: 1000, step: 5, end: 1010, rows: 3, columns: 2, legend: ['AVERAGE:vm:v-1:cpu0',"
                + " \"AVERAGE:vm:v-1:cpu1\",]},\n data: [{t: 1010, values: [0.25, NaN]}, {t: 1005, values: [Infinity,"
                + " -Infinity]}, {t: 1000, values: [1.0E-3, 2]},]}";
        RrdUpdate u = parse(doc);
        assertThat(u.times()).containsExactly(1000, 1005, 1010);
        assertThat(u.values()[0]).containsExactly(0.001, Double.POSITIVE_INFINITY, 0.25);
        assertThat(u.values()[1]).containsExactly(2.0, Double.NEGATIVE_INFINITY, Double.NaN);
    }

    @Test
    void anEmptyUpdateHasNoRows() throws IOException {
        RrdUpdate u = parse("<xport><meta><start>10</start><step>5</step><end>10</end><rows>0</rows>"
                + "<columns>1</columns><legend><entry>AVERAGE:vm:v:cpu0</entry></legend></meta><data></data></xport>");
        assertThat(u.rowCount()).isZero();
        assertThat(u.values()[0]).isEmpty();
    }
}
