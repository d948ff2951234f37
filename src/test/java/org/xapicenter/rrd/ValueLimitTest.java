package org.xapicenter.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rows x columns is bounded before the parser grows for a row: a document of tiny values (rrdtool's
 * {@code [0,0,...]} costs 2 bytes a value) cannot make it hold more doubles than the limit allows.
 */
class ValueLimitTest {
    static final int COLUMNS = 100;

    /** rrdtool --json without times: every value one digit, endless. */
    static InputStream endlessTinyRows() {
        StringBuilder head = new StringBuilder("{\"about\":\"RRDtool graph JSON output\",\"meta\":{\"start\":0,\"step\":5,"
                + "\"end\":0,\"legend\":[");
        for (int c = 0; c < COLUMNS; c++) {
            head.append(c == 0 ? "" : ",").append("\"AVERAGE:vm:v:cpu").append(c).append('"');
        }
        head.append("]},\"data\":[");
        StringBuilder row = new StringBuilder("[0");
        for (int c = 1; c < COLUMNS; c++) {
            row.append(",0");
        }
        row.append("],");
        byte[] prefix = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] rowBytes = row.toString().getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private long i;

            @Override
            public int read() {
                long n = i++;
                return n < prefix.length ? prefix[(int) n] : rowBytes[(int) ((n - prefix.length) % rowBytes.length)];
            }
        };
    }

    @Test
    void aDocumentOfTinyValuesOverTheValueLimitIsRefusedWithASentence() {
        RrdLimits limits = new RrdLimits(64L << 20, 50_000, 10_000).withMaxValues(25_000);
        RrdFormatException e = catchThrowableOfType(RrdFormatException.class,
                () -> XportParser.parse(endlessTinyRows(), limits));
        assertThat(e.getMessage()).isEqualTo("The document has more than 25000 values (rows x columns), the limit.");
        assertThat(e.where()).isEqualTo("row 251");
    }

    @Test
    void theCollectorNeverHoldsMoreThanTheValueLimitAllows() throws RrdFormatException {
        RrdLimits limits = new RrdLimits(1 << 20, 1000, 10_000).withMaxValues(25_000);
        RowCollector rows = new RowCollector(COLUMNS, null, COLUMNS, limits, -1);
        RrdFormatException refused = null;
        while (refused == null) {
            try {
                rows.startRow();
                for (int c = 0; c < COLUMNS; c++) {
                    rows.value(0);
                }
                rows.endRow();
                assertThat((long) rows.capacity() * COLUMNS).isLessThanOrEqualTo(25_000);
            } catch (RrdFormatException e) {
                refused = e;
            }
        }
        assertThat(rows.rows()).isEqualTo(250);
        assertThat(rows.capacity()).isEqualTo(250);
    }

    @Test
    void aRowClaimOnlyPicksTheGrowthAndALyingOneCostsNothing() throws RrdFormatException {
        RrdLimits limits = RrdLimits.DEFAULT;
        RowCollector honest = new RowCollector(3, null, 3, limits, 366);
        fill(honest, 366);
        assertThat(honest.capacity()).isEqualTo(366); // handed over without a trimming copy
        RowCollector liar = new RowCollector(3, null, 3, limits, 10_000);
        fill(liar, 1);
        assertThat(liar.capacity()).isEqualTo(64);
    }

    @Test
    void theDefaultsAdmitTheLargestLegitimateUpdate() {
        // a 1,000-VM host x 20 sources x a year of daily rows
        assertThat(1_000L * 20 * 366).isLessThanOrEqualTo(RrdLimits.DEFAULT.maxValues());
        assertThat(1_000 * 20).isLessThanOrEqualTo(RrdLimits.DEFAULT.maxColumns());
    }

    @Test
    void newestFirstShuffledAndAscendingRowsComeOutTheSame() throws IOException {
        String meta = "<xport><meta><start>5</start><step>5</step><end>15</end><legend>"
                + "<entry>AVERAGE:vm:v:a</entry><entry>AVERAGE:vm:v:b</entry></legend></meta><data>";
        for (List<Integer> order : List.of(List.of(15, 10, 5), List.of(10, 5, 15), List.of(5, 10, 15))) {
            StringBuilder doc = new StringBuilder(meta);
            for (int t : order) {
                doc.append("<row><t>").append(t).append("</t><v>").append(t / 5).append("</v><v>").append(-t)
                        .append("</v></row>");
            }
            doc.append("</data></xport>");
            RrdUpdate u = XportParser.parse(new ByteArrayInputStream(doc.toString().getBytes(StandardCharsets.UTF_8)),
                    RrdLimits.DEFAULT);
            assertThat(u.times()).containsExactly(5, 10, 15);
            assertThat(u.values()[0]).containsExactly(1.0, 2.0, 3.0);
            assertThat(u.values()[1]).containsExactly(-5.0, -10.0, -15.0);
        }
    }

    static void fill(RowCollector rows, int n) throws RrdFormatException {
        for (int r = 0; r < n; r++) {
            rows.startRow();
            rows.time(r);
            for (int c = 0; c < 3; c++) {
                rows.value(r);
            }
            rows.endRow();
        }
    }
}
