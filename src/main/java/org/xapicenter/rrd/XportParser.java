package org.xapicenter.rrd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streaming reader of the {@code xport} document of {@code /rrd_updates}, XML and JSON, in every
 * spelling real hosts and rrdtool write. Reads at most {@link RrdLimits#maxBytes()}; checks the legend
 * against {@link RrdLimits#maxLegendEntries()}, the kept columns against {@link RrdLimits#maxColumns()},
 * the rows against {@link RrdLimits#maxRows()} and rows x kept columns against
 * {@link RrdLimits#maxValues()} before it allocates for them; allocates only as the document's real
 * content arrives (never from a claim).
 *
 * <p><b>Column filter</b>: the overloads taking a {@code Predicate<SeriesKey> keep} keep only the columns
 * whose key it accepts (asked once per legend entry, in legend order). Every entry still counts against
 * {@link RrdLimits#maxLegendEntries()} and every row must still carry a value for every entry (so a
 * broken row is refused the same), but the values of dropped columns are read and thrown away, never
 * stored: a host that ignores {@code vm_uuid} and names thousands of VMs costs the client only the
 * columns it asked for. {@link RrdUpdate#columns()} then lists the kept entries in legend order.
 *
 * <h2>Shapes accepted</h2>
 * <b>XML</b> (XAPI's {@code rrd_updates.ml} and {@code rrdtool xport}):
 * <pre>{@code
 * <?xml ...?>                                   optional; any encoding the declaration names
 * <xport>
 *   <meta>
 *     <start>1763700105</start><step>5</step><end>1763700500</end>
 *     <rows>80</rows><columns>3</columns>        optional; when present they must match the content
 *     <legend><entry>AVERAGE:vm:<uuid>:cpu0</entry>...</legend>   required (may be empty)
 *   </meta>                                     unknown elements in <meta> are skipped
 *   <data>
 *     <row><t>1763700105</t><v>0.96</v>...</row>   <t> optional: all rows have it or none
 *   </data>
 * </xport>
 * }</pre>
 * XAPI writes rows newest first and every {@code <t>}; rrdtool writes rows oldest first, with {@code <t>}
 * only under {@code --showtime}. Without {@code <t>} row {@code i} (document order) is at
 * {@code start + i * step}. A DOCTYPE or any entity is refused.
 *
 * <p><b>JSON</b>, three dialects read by one lenient reader (unquoted and single-quoted keys, bare
 * {@code NaN}/{@code Infinity}/{@code -Infinity}, trailing commas, comments):
 * <pre>{@code
 * XAPI 23.31+ (Yojson, rrd_updates.ml json_of_t with rrd.ml's Json helpers, which make EVERY number
 * a string, meta and times included):
 *                        {"meta":{"start":"1763700105","step":"5","end":"1763700500","rows":"2",
 *                          "columns":"1","legend":["AVERAGE:vm:<uuid>:cpu0"]},
 *                         "data":[{"t":"1763700500","values":["0.35"]},{"t":"1763700495","values":["NaN"]}]}
 * older XAPI:            {meta: {start: 1763700105, ..., legend: ["AVERAGE:..."]},
 *                         data: [{t: 1763700500, values: [0.35, NaN]}, ...]}
 * rrdtool --json:        {"about": "RRDtool graph JSON output",
 *                         "meta": {"start": 1763700105, "end": ..., "step": 5, "legend": ["..."]},
 *                         "data": [["1763700105", 9.6e-01], ["1763700110", null], ...]}
 * }</pre>
 * Every number (meta, time, value) may be a JSON number or a string holding one; a value may be
 * {@code null} (no value: NaN). A row is an object {@code {t, values}} or an array whose first element
 * is the time when the array holds one more element than the legend (else there is no time, as XML
 * without {@code <t>}). {@code meta} must come before {@code data}; other keys are skipped.
 *
 * <p><b>Numbers</b>: anything {@code %0.15g}, {@code %0.5g} or rrdtool's {@code %e} style produces
 * ({@code 0.0123}, {@code 1.07e+09}, {@code 9.6000000000e-01}), and the special values {@code NaN},
 * {@code nan}, {@code -nan}, {@code Infinity}, {@code inf}, {@code -Infinity}, {@code -inf}.
 *
 * <p><b>Result</b>: rows ascending by time and unique (if a document repeats a time, its last copy
 * wins), {@code values[column][row]}, NaN where the host had no value. A step of 0 or less, a missing
 * legend or step, a row with the wrong number of values, an unreadable number or a claim
 * ({@code <rows>}, {@code <columns>}) that does not match the content gives {@link RrdFormatException}.
 */
public final class XportParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(1 << 20).maxNumberLength(100).maxNestingDepth(64).build())
            .build();

    /** Keeps every column; bounds the legend by {@link RrdLimits#maxColumns()} as well. */
    private static final Predicate<SeriesKey> ALL = key -> true;

    private XportParser() {
    }

    /** XML or JSON, told apart by the first non-blank character ({@code <} or {@code {}); every column. */
    public static RrdUpdate parse(InputStream in, RrdLimits limits) throws IOException {
        return parse(in, limits, ALL);
    }

    /** XML or JSON, keeping only the columns {@code keep} accepts (see the class comment). */
    public static RrdUpdate parse(InputStream in, RrdLimits limits, Predicate<SeriesKey> keep) throws IOException {
        Objects.requireNonNull(keep, "keep");
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        buffered.mark(8192);
        int c;
        int seen = 0;
        do {
            c = buffered.read();
            seen++;
        } while (c >= 0 && seen < 8192 && (Character.isWhitespace(c) || c == 0xEF || c == 0xBB || c == 0xBF));
        buffered.reset();
        if (c == '<') {
            return parseXml(buffered, limits, keep);
        }
        if (c == '{') {
            return parseJson(buffered, limits, keep);
        }
        if (c < 0) {
            throw new RrdFormatException("The document is empty.", "");
        }
        throw new RrdFormatException("The document is neither XML nor JSON.", "byte " + seen);
    }

    public static RrdUpdate parseXml(InputStream in, RrdLimits limits) throws IOException {
        return parseXml(in, limits, ALL);
    }

    /** XML only, keeping only the columns {@code keep} accepts. */
    public static RrdUpdate parseXml(InputStream in, RrdLimits limits, Predicate<SeriesKey> keep) throws IOException {
        Objects.requireNonNull(keep, "keep");
        LimitedInputStream counted = new LimitedInputStream(in, limits.maxBytes());
        try {
            XMLStreamReader r = XmlReading.open(counted);
            try {
                return readXport(r, limits, keep);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw XmlReading.failure(e, counted);
        } catch (RuntimeException e) {
            // some StAX implementations throw unchecked exceptions on broken input
            if (counted.refusal() != null) {
                throw counted.refusal();
            }
            throw new RrdFormatException("The document is not well-formed XML.", "byte " + counted.count(), e);
        }
    }

    public static RrdUpdate parseJson(InputStream in, RrdLimits limits) throws IOException {
        return parseJson(in, limits, ALL);
    }

    /** JSON only, keeping only the columns {@code keep} accepts. */
    public static RrdUpdate parseJson(InputStream in, RrdLimits limits, Predicate<SeriesKey> keep) throws IOException {
        Objects.requireNonNull(keep, "keep");
        LimitedInputStream counted = new LimitedInputStream(in, limits.maxBytes());
        try (JsonParser p = JSON.createParser(counted)) {
            return new JsonXport(p, limits, keep).read();
        } catch (RrdFormatException e) {
            throw counted.refusal() != null ? counted.refusal() : e;
        } catch (JsonProcessingException e) {
            if (counted.refusal() != null) {
                throw counted.refusal();
            }
            throw new RrdFormatException("The document is not well-formed JSON (" + LegendEntry.shorten(
                    e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse(""))
                    + ").", JsonXport.where(e.getLocation()), e);
        }
    }

    // --- XML ---

    private static RrdUpdate readXport(XMLStreamReader r, RrdLimits limits, Predicate<SeriesKey> keep) throws XMLStreamException, RrdFormatException {
        XmlReading.toRoot(r, "xport");
        Meta meta = null;
        RrdUpdate result = null;
        while (XmlReading.nextChild(r)) {
            String name = r.getLocalName();
            if (name.equals("meta")) {
                meta = readMeta(r, limits, keep);
            } else if (name.equals("data")) {
                if (meta == null) {
                    throw new RrdFormatException("The <data> comes before the <meta> that names its columns.",
                            XmlReading.where(r));
                }
                RowCollector rows = meta.rows();
                while (XmlReading.nextChild(r)) {
                    if (!r.getLocalName().equals("row")) {
                        throw new RrdFormatException("<" + r.getLocalName() + "> is not expected in <data>.",
                                XmlReading.where(r));
                    }
                    readRow(r, rows);
                }
                result = meta.finish(rows);
            } else {
                XmlReading.skip(r);
            }
        }
        if (meta == null) {
            throw new RrdFormatException("The document has no <meta>.", "");
        }
        return result != null ? result : meta.finish(meta.rows());
    }

    private static void readRow(XMLStreamReader r, RowCollector rows) throws XMLStreamException, RrdFormatException {
        rows.startRow();
        while (XmlReading.nextChild(r)) {
            String name = r.getLocalName();
            if (name.equals("v")) {
                String text = XmlReading.text(r);
                Double v = Numbers.parseValue(text);
                if (v == null) {
                    throw new RrdFormatException("Row " + (rows.rows() + 1) + " has a value that is not a number: \""
                            + LegendEntry.shorten(text.strip()) + "\".", "row " + (rows.rows() + 1));
                }
                rows.value(v);
            } else if (name.equals("t")) {
                rows.time(time(XmlReading.text(r), rows));
            } else {
                throw new RrdFormatException("<" + name + "> is not expected in a row.", "row " + (rows.rows() + 1));
            }
        }
        rows.endRow();
    }

    static long time(String text, RowCollector rows) throws RrdFormatException {
        Long t = Numbers.parseLong(text);
        if (t == null) {
            throw new RrdFormatException("Row " + (rows.rows() + 1) + " has a time that is not a whole number: \""
                    + LegendEntry.shorten(text.strip()) + "\".", "row " + (rows.rows() + 1));
        }
        return t;
    }

    private static Meta readMeta(XMLStreamReader r, RrdLimits limits, Predicate<SeriesKey> keep)
            throws XMLStreamException, RrdFormatException {
        Meta meta = new Meta(limits, keep);
        while (XmlReading.nextChild(r)) {
            String name = r.getLocalName();
            if (name.equals("legend")) {
                meta.startLegend();
                while (XmlReading.nextChild(r)) {
                    if (!r.getLocalName().equals("entry")) {
                        throw new RrdFormatException("<" + r.getLocalName() + "> is not expected in <legend>.",
                                XmlReading.where(r));
                    }
                    meta.addEntry(XmlReading.text(r));
                }
            } else if (Meta.isNumberField(name)) {
                meta.set(name, XmlReading.text(r));
            } else {
                XmlReading.skip(r);
            }
        }
        meta.check();
        return meta;
    }

    /** The {@code <meta>} (or JSON {@code meta}) as read, with its claims checked against the limits. */
    static final class Meta {
        private final RrdLimits limits;
        private final Predicate<SeriesKey> keep;
        Long start;
        Long end;
        Long step;
        Long claimedRows;
        Long claimedColumns;
        /** The kept entries, in legend order. */
        List<LegendEntry> legend;
        /** Entries the legend names, kept or not: the values every row carries. */
        private int entries;
        /** Per legend entry, its kept column or -1; null while every entry is kept. */
        private int[] slots;

        Meta(RrdLimits limits, Predicate<SeriesKey> keep) {
            this.limits = limits;
            this.keep = keep;
        }

        private boolean keepsAll() {
            return keep == ALL;
        }

        /** Without a filter every entry is a kept column, so the tighter of the two bounds applies. */
        private int entryLimit() {
            return keepsAll() ? Math.min(limits.maxColumns(), limits.maxLegendEntries()) : limits.maxLegendEntries();
        }

        void startLegend() {
            legend = new ArrayList<>();
            entries = 0;
            slots = null;
        }

        RowCollector rows() {
            return new RowCollector(entries, slots == null ? null : Arrays.copyOf(slots, entries),
                    legend.size(), limits, claimedRows == null ? -1 : claimedRows);
        }

        static boolean isNumberField(String name) {
            return switch (name) {
                case "start", "end", "step", "rows", "columns" -> true;
                default -> false;
            };
        }

        void set(String name, String text) throws RrdFormatException {
            Long n = Numbers.parseLong(text);
            if (n == null) {
                throw new RrdFormatException("The meta " + name + " is not a whole number: \""
                        + LegendEntry.shorten(text.strip()) + "\".", "meta " + name);
            }
            set(name, n);
        }

        void set(String name, long n) throws RrdFormatException {
            switch (name) {
                case "start" -> start = n;
                case "end" -> end = n;
                case "step" -> {
                    if (n <= 0) {
                        throw new RrdFormatException("The step is " + n + " seconds; it must be positive.", "meta step");
                    }
                    step = n;
                }
                case "rows" -> {
                    if (n < 0 || n > limits.maxRows()) {
                        throw new RrdFormatException("The document claims " + n + " rows; the limit is "
                                + limits.maxRows() + ".", "meta rows");
                    }
                    claimedRows = n;
                }
                case "columns" -> {
                    if (n < 0 || n > entryLimit()) {
                        throw new RrdFormatException("The document claims " + n + " columns; the limit is "
                                + entryLimit() + ".", "meta columns");
                    }
                    claimedColumns = n;
                }
                default -> {
                }
            }
        }

        void addEntry(String text) throws RrdFormatException {
            String where = "legend entry " + (entries + 1);
            if (keepsAll() && entries >= limits.maxColumns()) {
                throw new RrdFormatException("The legend names more than " + limits.maxColumns()
                        + " columns, the limit.", where);
            }
            if (entries >= limits.maxLegendEntries()) {
                throw new RrdFormatException("The legend names more than " + limits.maxLegendEntries()
                        + " entries, the limit.", where);
            }
            LegendEntry entry;
            try {
                entry = LegendEntry.parse(text.strip());
            } catch (RrdFormatException e) {
                throw new RrdFormatException(e.getMessage(), where);
            }
            if (keepsAll()) {
                legend.add(entry);
                entries++;
                return;
            }
            boolean kept = keep.test(entry.key());
            if (kept && legend.size() >= limits.maxColumns()) {
                throw new RrdFormatException("The legend names more than " + limits.maxColumns()
                        + " columns to keep, the limit.", where);
            }
            if (slots == null) {
                slots = new int[64];
            } else if (entries == slots.length) {
                // bounded by maxLegendEntries, checked above
                slots = Arrays.copyOf(slots, (int) Math.min((long) slots.length * 2, limits.maxLegendEntries()));
            }
            slots[entries++] = kept ? legend.size() : -1;
            if (kept) {
                legend.add(entry);
            }
        }

        void check() throws RrdFormatException {
            if (legend == null) {
                throw new RrdFormatException("The meta has no legend.", "meta");
            }
            if (step == null) {
                throw new RrdFormatException("The meta has no step.", "meta");
            }
            if (claimedColumns != null && claimedColumns != entries) {
                throw new RrdFormatException("The meta claims " + claimedColumns + " columns, the legend names "
                        + entries + ".", "meta columns");
            }
        }

        RrdUpdate finish(RowCollector rows) throws RrdFormatException {
            if (claimedRows != null && claimedRows != rows.rows()) {
                throw new RrdFormatException("The meta claims " + claimedRows + " rows, the data has "
                        + rows.rows() + ".", "meta rows");
            }
            if (rows.rows() > 0 && !rows.rowsHaveTimes()) {
                if (start == null) {
                    throw new RrdFormatException("The rows have no times and the meta has no start.", "meta");
                }
                rows.impliedTimes(start, step);
            }
            long s = start != null ? start : 0;
            long e = end != null ? end : s;
            return rows.finish(s, e, step, legend);
        }
    }

    // --- JSON ---

    /** One JSON document, read token by token. */
    private static final class JsonXport {
        private final JsonParser p;
        private final RrdLimits limits;
        private final Predicate<SeriesKey> keep;
        /** One row of an array-shaped document: the time (if any) comes out only at its end. */
        private double[] pending;

        JsonXport(JsonParser p, RrdLimits limits, Predicate<SeriesKey> keep) {
            this.p = p;
            this.limits = limits;
            this.keep = keep;
        }

        static String where(JsonLocation l) {
            return l == null ? "" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
        }

        private RrdFormatException fail(String sentence) {
            return new RrdFormatException(sentence, where(p.currentLocation()));
        }

        RrdUpdate read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("The document is not a JSON object.");
            }
            Meta meta = null;
            RrdUpdate result = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("meta")) {
                    meta = readMeta(t);
                } else if (name.equals("data")) {
                    if (meta == null) {
                        throw fail("The data comes before the meta that names its columns.");
                    }
                    if (t != JsonToken.START_ARRAY) {
                        throw fail("The data is not an array.");
                    }
                    RowCollector rows = meta.rows();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        readRow(rows, meta.entries);
                    }
                    result = meta.finish(rows);
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw fail("The document ends too early.");
            }
            if (meta == null) {
                throw fail("The document has no meta.");
            }
            return result != null ? result : meta.finish(meta.rows());
        }

        private Meta readMeta(JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                throw fail("The meta is not an object.");
            }
            Meta meta = new Meta(limits, keep);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("legend")) {
                    if (v != JsonToken.START_ARRAY) {
                        throw fail("The legend is not an array.");
                    }
                    meta.startLegend();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.VALUE_STRING) {
                            throw new RrdFormatException("A legend entry is not a string.",
                                    "legend entry " + (meta.entries + 1));
                        }
                        meta.addEntry(p.getText());
                    }
                } else if (Meta.isNumberField(name)) {
                    if (v == JsonToken.VALUE_NUMBER_INT) {
                        meta.set(name, p.getLongValue());
                    } else if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        meta.set(name, p.getText());
                    } else {
                        throw new RrdFormatException("The meta " + name + " is not a number.", "meta " + name);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw fail("The document ends too early.");
            }
            meta.check();
            return meta;
        }

        private void readRow(RowCollector rows, int columns) throws IOException {
            JsonToken t = p.currentToken();
            rows.startRow();
            if (t == JsonToken.START_OBJECT) {
                boolean sawValues = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("t")) {
                        rows.time(jsonTime(v, rows));
                    } else if (name.equals("values")) {
                        if (v != JsonToken.START_ARRAY) {
                            throw new RrdFormatException("Row " + (rows.rows() + 1) + " has values that are not an array.",
                                    "row " + (rows.rows() + 1));
                        }
                        sawValues = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            rows.value(jsonValue(p.currentToken(), rows));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw fail("The document ends too early.");
                }
                if (!sawValues && columns > 0) {
                    throw new RrdFormatException("Row " + (rows.rows() + 1) + " has no values.", "row " + (rows.rows() + 1));
                }
            } else if (t == JsonToken.START_ARRAY) {
                // rrdtool: [time, v1, v2, ...] with --showtime, [v1, v2, ...] without. Read the elements
                // into the row; the first is the time when there is one element more than columns.
                if (pending == null) {
                    pending = new double[columns + 1]; // once per document; columns <= maxLegendEntries
                }
                String first = null;
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonToken v = p.currentToken();
                    if (v == null) {
                        throw fail("The document ends too early.");
                    }
                    if (n > columns) {
                        throw new RrdFormatException("Row " + (rows.rows() + 1) + " has more values than the " + columns
                                + " the legend names.", "row " + (rows.rows() + 1));
                    }
                    if (n == 0 && v != JsonToken.VALUE_NULL) {
                        first = p.getText();
                    }
                    pending[n] = jsonValue(v, rows);
                    n++;
                }
                int from = 0;
                if (n == columns + 1) {
                    if (first == null) {
                        throw new RrdFormatException("Row " + (rows.rows() + 1) + " has no time.", "row " + (rows.rows() + 1));
                    }
                    rows.time(XportParser.time(first, rows));
                    from = 1;
                }
                for (int i = from; i < n; i++) {
                    rows.value(pending[i]);
                }
            } else {
                throw new RrdFormatException("Row " + (rows.rows() + 1) + " is neither an object nor an array.",
                        "row " + (rows.rows() + 1));
            }
            rows.endRow();
        }

        private long jsonTime(JsonToken v, RowCollector rows) throws IOException {
            if (v == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_FLOAT) {
                return XportParser.time(p.getText(), rows);
            }
            throw new RrdFormatException("Row " + (rows.rows() + 1) + " has a time that is not a number.",
                    "row " + (rows.rows() + 1));
        }

        private double jsonValue(JsonToken v, RowCollector rows) throws IOException {
            switch (v) {
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return p.getDoubleValue();
                case VALUE_NULL:
                    return Double.NaN;
                case VALUE_STRING: {
                    Double d = Numbers.parseValue(p.getText());
                    if (d != null) {
                        return d;
                    }
                    throw new RrdFormatException("Row " + (rows.rows() + 1) + " has a value that is not a number: \""
                            + LegendEntry.shorten(p.getText().strip()) + "\".", "row " + (rows.rows() + 1));
                }
                default:
                    throw new RrdFormatException("Row " + (rows.rows() + 1) + " has a value that is not a number.",
                            "row " + (rows.rows() + 1));
            }
        }
    }
}
