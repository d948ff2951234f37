package org.xapicenter.ui.perf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.Series;
import org.xapicenter.rrd.Unit;
import org.xapicenter.ui.perf.chartfx.UnitText;
import org.xapicenter.xva.PartFile;

/**
 * The lines a Performance tab shows, as CSV a spreadsheet opens: {@code time,<label> (<unit>),...}, one row
 * per time (ISO-8601, UTC) ascending, values in the units the graphs use, an empty cell where a series
 * has no value. Written under a part file renamed at the end, so no half file ever has the chosen name.
 */
final class CsvExport {
    /** One column: a plotted measure and its values. */
    record Column(String label, Unit unit, Series series) {
    }

    private CsvExport() {
    }

    /** Whether a graph's line is shown: the legend hides lines without removing them from the graph. */
    interface Shown {
        boolean test(GraphKind kind, ChartSeries line);
    }

    /** The columns of the lines the graphs show (not those hidden through a legend), in their order. */
    static List<Column> columnsOf(List<PerformanceGraph> graphs, Shown shown) {
        List<Column> out = new ArrayList<>();
        for (PerformanceGraph g : graphs) {
            for (PerformanceGraph.Line l : g.lines()) {
                if (shown.test(g.kind(), l.chartSeries())) {
                    out.add(new Column(l.measure().label(), l.measure().unit(), l.series()));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Writes the file; blocking, never on the FX thread. */
    static void write(Path target, List<Column> columns) throws IOException {
        try (PartFile part = PartFile.create(target)) {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(part.outputStream(), StandardCharsets.UTF_8))) {
                write(w, columns);
            }
            part.commit();
        }
    }

    static void write(Writer w, List<Column> columns) throws IOException {
        StringBuilder line = new StringBuilder("time");
        for (Column c : columns) {
            String unit = UnitText.symbol(c.unit());
            line.append(',').append(quoted(unit.isEmpty() ? c.label() : c.label() + " (" + unit + ")"));
        }
        w.write(line.append("\r\n").toString());
        TreeSet<Long> times = new TreeSet<>();
        for (Column c : columns) {
            for (long t : c.series().times()) {
                times.add(t);
            }
        }
        for (long t : times) {
            line.setLength(0);
            line.append(Instant.ofEpochSecond(t));
            for (Column c : columns) {
                line.append(',');
                int i = Arrays.binarySearch(c.series().times(), t);
                if (i >= 0) {
                    line.append(number(c.series().values()[i]));
                }
            }
            w.write(line.append("\r\n").toString());
        }
    }

    /** Plain decimal (no exponent, no grouping), ten significant digits; empty for no value. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return new BigDecimal(v).round(MathContext.DECIMAL64).round(new MathContext(10)).stripTrailingZeros()
                .toPlainString();
    }

    /** RFC 4180: a field with a comma, quote or line break goes in quotes, quotes doubled. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
