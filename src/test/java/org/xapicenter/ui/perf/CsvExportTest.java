package org.xapicenter.ui.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.rrd.Series;
import org.xapicenter.rrd.Unit;

class CsvExportTest {
    @TempDir
    Path dir;

    private static final List<CsvExport.Column> COLUMNS = List.of(
            new CsvExport.Column("CPU 0", Unit.PERCENT, new Series(new long[] {1_700_000_000L, 1_700_000_005L},
                    new double[] {12.5, Double.NaN})),
            new CsvExport.Column("Used memory", Unit.BYTES, new Series(new long[] {1_700_000_005L, 1_700_000_010L},
                    new double[] {2147483648.0, 1.0 / 3})),
            new CsvExport.Column("Load, average \"1 min\"", Unit.NUMBER, new Series(new long[] {1_700_000_010L},
                    new double[] {Double.POSITIVE_INFINITY})));

    @Test
    void headerUnitsRowsPerTimeEmptyCellsForNoValue() throws IOException {
        StringWriter w = new StringWriter();
        CsvExport.write(w, COLUMNS);
        assertThat(w.toString().split("\r\n")).containsExactly(
                "time,CPU 0 (%),Used memory (B),\"Load, average \"\"1 min\"\"\"",
                "2023-11-14T22:13:20Z,12.5,,",
                "2023-11-14T22:13:25Z,,2147483648,",
                "2023-11-14T22:13:30Z,,0.3333333333,");
    }

    @Test
    void writesThroughAPartFileAndLeavesNoneBehind() throws IOException {
        Path file = dir.resolve("web-01.csv");
        CsvExport.write(file, COLUMNS);
        assertThat(Files.readString(file)).startsWith("time,CPU 0 (%),").contains("2023-11-14T22:13:30Z");
        assertThat(Files.exists(dir.resolve("web-01.csv.part"))).isFalse();
    }

    @Test
    void aFolderThatCannotBeWrittenFailsWithoutAPartFile() {
        Path file = dir.resolve("missing-folder").resolve("x.csv");
        assertThatThrownBy(() -> CsvExport.write(file, COLUMNS)).isInstanceOf(IOException.class);
        assertThat(Files.exists(dir.resolve("missing-folder"))).isFalse();
    }

    @Test
    void numbersArePlainDecimals() {
        assertThat(CsvExport.number(1e12)).isEqualTo("1000000000000");
        assertThat(CsvExport.number(0.0)).isEqualTo("0");
        assertThat(CsvExport.number(-3.25)).isEqualTo("-3.25");
        assertThat(CsvExport.number(Double.NaN)).isEmpty();
    }
}
