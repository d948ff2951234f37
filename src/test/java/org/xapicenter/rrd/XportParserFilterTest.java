package org.xapicenter.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The column filter: a host that names 100 VMs when the client wants one costs only the wanted
 * columns, in every document shape, and the legend stays bounded.
 */
class XportParserFilterTest {
    static final int VMS = 100;
    static final String[] SOURCES = {"cpu0", "cpu1", "memory", "memory_target", "memory_internal_free", "vif_0_rx",
        "vif_0_tx", "vbd_xvda_read", "vbd_xvda_write", "vif_1_rx", "vif_1_tx", "cpu2"};
    static final int ROWS = 3;
    static final String WANTED = vm(42);

    static String vm(int i) {
        return String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", i);
    }

    static List<String> legend() {
        List<String> entries = new ArrayList<>();
        for (int v = 0; v < VMS; v++) {
            for (String s : SOURCES) {
                entries.add("AVERAGE:vm:" + vm(v) + ":" + s);
            }
        }
        return entries;
    }

    /** Column c at row r (document order, newest first) holds c * 1000 + r: every value says where it came from. */
    static double value(int column, int row) {
        return column * 1000.0 + row;
    }

    static long time(int row) {
        return 10_000 - 5L * row; // newest first, as XAPI writes
    }

    static String xml() {
        StringBuilder b = new StringBuilder("<xport><meta><start>9990</start><step>5</step><end>10000</end><rows>")
                .append(ROWS).append("</rows><columns>").append(VMS * SOURCES.length).append("</columns><legend>");
        legend().forEach(e -> b.append("<entry>").append(e).append("</entry>"));
        b.append("</legend></meta><data>");
        for (int r = 0; r < ROWS; r++) {
            b.append("<row><t>").append(time(r)).append("</t>");
            for (int c = 0; c < VMS * SOURCES.length; c++) {
                b.append("<v>").append(value(c, r)).append("</v>");
            }
            b.append("</row>");
        }
        return b.append("</data></xport>").toString();
    }

    static String jsonMeta() {
        StringBuilder b = new StringBuilder("{\"meta\":{\"start\":\"9990\",\"step\":\"5\",\"end\":\"10000\",\"rows\":\"")
                .append(ROWS).append("\",\"columns\":\"").append(VMS * SOURCES.length).append("\",\"legend\":[");
        List<String> entries = legend();
        for (int i = 0; i < entries.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(entries.get(i)).append('"');
        }
        return b.append("]},\"data\":[").toString();
    }

    /** XAPI 23.31+: rows as objects, every number a string. */
    static String jsonObjectRows() {
        StringBuilder b = new StringBuilder(jsonMeta());
        for (int r = 0; r < ROWS; r++) {
            b.append(r == 0 ? "" : ",").append("{\"t\":\"").append(time(r)).append("\",\"values\":[");
            for (int c = 0; c < VMS * SOURCES.length; c++) {
                b.append(c == 0 ? "" : ",").append('"').append(value(c, r)).append('"');
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }

    /** rrdtool --json --showtime: rows as arrays, the time first. */
    static String jsonArrayRows() {
        StringBuilder b = new StringBuilder(jsonMeta());
        for (int r = 0; r < ROWS; r++) {
            b.append(r == 0 ? "" : ",").append("[\"").append(time(r)).append('"');
            for (int c = 0; c < VMS * SOURCES.length; c++) {
                b.append(',').append(value(c, r));
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }

    static ByteArrayInputStream in(String doc) {
        return new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8));
    }

    static final Predicate<SeriesKey> ONE_VM = key -> key.uuid().equals(WANTED);

    static void assertOnlyTheWantedVm(RrdUpdate u) {
        assertThat(u.columns()).hasSize(SOURCES.length);
        assertThat(u.values()).hasNumberOfRows(SOURCES.length);
        assertThat(u.times()).containsExactly(time(2), time(1), time(0));
        for (int k = 0; k < SOURCES.length; k++) {
            assertThat(u.columns().get(k).key()).isEqualTo(new SeriesKey("vm", WANTED, SOURCES[k]));
            int documentColumn = 42 * SOURCES.length + k;
            // ascending: document row 2 (oldest) first
            assertThat(u.values()[k]).containsExactly(value(documentColumn, 2), value(documentColumn, 1),
                    value(documentColumn, 0));
        }
    }

    @Test
    void aTwelveHundredColumnXmlKeepsOnlyTheTwelveWanted() throws IOException {
        assertOnlyTheWantedVm(XportParser.parse(in(xml()), RrdLimits.DEFAULT, ONE_VM));
        assertOnlyTheWantedVm(XportParser.parseXml(in(xml()), RrdLimits.DEFAULT, ONE_VM));
    }

    @Test
    void theFilterAppliesToJsonObjectRows() throws IOException {
        assertOnlyTheWantedVm(XportParser.parse(in(jsonObjectRows()), RrdLimits.DEFAULT, ONE_VM));
    }

    @Test
    void theFilterAppliesToJsonArrayRows() throws IOException {
        assertOnlyTheWantedVm(XportParser.parseJson(in(jsonArrayRows()), RrdLimits.DEFAULT, ONE_VM));
    }

    @Test
    void theKeptColumnBoundCountsOnlyKeptColumns() throws IOException {
        // 1,200 entries against a 12-column bound: fine when 12 are kept
        RrdLimits twelve = new RrdLimits(64L << 20, SOURCES.length, 100);
        assertOnlyTheWantedVm(XportParser.parse(in(xml()), twelve, ONE_VM));
        // ...refused when 13 would be kept
        RrdFormatException e = catchThrowableOfType(RrdFormatException.class, () -> XportParser.parse(in(xml()), twelve,
                key -> key.uuid().equals(WANTED) || key.uuid().equals(vm(43))));
        assertThat(e.getMessage()).isEqualTo("The legend names more than 12 columns to keep, the limit.");
        assertThat(e.where()).isEqualTo("legend entry " + (43 * SOURCES.length + 1));
    }

    @Test
    void aLegendOverTheEntryBoundIsRefusedWhateverTheFilterKeeps() {
        RrdLimits small = RrdLimits.DEFAULT.withMaxLegendEntries(1_000);
        for (String doc : List.of(xml(), jsonObjectRows(), jsonArrayRows())) {
            RrdFormatException e = catchThrowableOfType(RrdFormatException.class,
                    () -> XportParser.parse(in(doc), small, key -> false));
            // the XML meta claims its 1,200 columns before the legend; the JSON legend is counted as it comes
            assertThat(e.getMessage()).isIn("The document claims 1200 columns; the limit is 1000.",
                    "The legend names more than 1000 entries, the limit.");
        }
        String unclaimed = xml().replace("<columns>1200</columns>", "");
        RrdFormatException e = catchThrowableOfType(RrdFormatException.class,
                () -> XportParser.parse(in(unclaimed), small, ONE_VM));
        assertThat(e.getMessage()).isEqualTo("The legend names more than 1000 entries, the limit.");
        assertThat(e.where()).isEqualTo("legend entry 1001");
    }

    @Test
    void aFilteredRowMustStillCarryAValueForEveryEntry() {
        String shortRow = xml().replaceFirst("<v>0\\.0</v>", "");
        RrdFormatException e = catchThrowableOfType(RrdFormatException.class,
                () -> XportParser.parse(in(shortRow), RrdLimits.DEFAULT, ONE_VM));
        assertThat(e.getMessage()).isEqualTo("Row 1 has 1199 values, the legend names 1200.");
    }

    @Test
    void keepingNothingGivesTheTimesAndNoColumns() throws IOException {
        RrdUpdate u = XportParser.parse(in(jsonObjectRows()), RrdLimits.DEFAULT, key -> false);
        assertThat(u.columns()).isEmpty();
        assertThat(u.times()).containsExactly(time(2), time(1), time(0));
    }
}
