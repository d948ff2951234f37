package org.xapicenter.xapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.transfer.TransferProgress;
import org.xapicenter.xapi.transfer.TransferProgress.Phase;

/** The CLI progress bar: its formatting, its redraw budget on a terminal and its plain lines in a log. */
class ProgressBarTest {
    private static final long MIB = 1024L * 1024;
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bytesUseBinaryUnitsWithThreeSignificantDigits() {
        assertThat(ProgressBar.bytes(0)).isEqualTo("0 B");
        assertThat(ProgressBar.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressBar.bytes(1024)).isEqualTo("1.00 KiB");
        assertThat(ProgressBar.bytes(1536)).isEqualTo("1.50 KiB");
        assertThat(ProgressBar.bytes(12 * MIB + 300 * 1024)).isEqualTo("12.3 MiB");
        assertThat(ProgressBar.bytes(234L * 1024 * MIB)).isEqualTo("234 GiB");
        assertThat(ProgressBar.bytes(1024 * MIB - 1)).isEqualTo("1.00 GiB");
        assertThat(ProgressBar.bytes(5L * 1024 * 1024 * MIB)).isEqualTo("5.00 TiB");
        assertThat(ProgressBar.bytes(Long.MAX_VALUE)).isEqualTo("8.00 EiB");
    }

    @Test
    void durationsAreMinutesAndSecondsThenHours() {
        assertThat(ProgressBar.duration(0)).isEqualTo("0:00");
        assertThat(ProgressBar.duration(75)).isEqualTo("1:15");
        assertThat(ProgressBar.duration(3599)).isEqualTo("59:59");
        assertThat(ProgressBar.duration(3600 + 62)).isEqualTo("1:01:02");
    }

    @Test
    void aKnownTotalShowsBarPercentBytesRateAndTimeLeft() {
        // 256 MiB of 1 GiB in 4 s: 64 MiB/s, 768 MiB left = 12 s.
        String line = ProgressBar.line("Exporting", 256 * MIB, 1024 * MIB, 0.25, 4 * SECOND, true, false);
        assertThat(line).isEqualTo("Exporting [======>                 ]  25%  256 MiB / 1.00 GiB  64.0 MiB/s  ETA 0:12");
    }

    @Test
    void anUnknownTotalShowsAMovingMarkerAndNoPercentOrEta() {
        String early = ProgressBar.line("Exporting", 10 * MIB, -1, -1, 1 * SECOND, true, false);
        String later = ProgressBar.line("Exporting", 20 * MIB, -1, -1, 2 * SECOND, true, false);
        assertThat(early).startsWith("Exporting [").contains("10.0 MiB  10.0 MiB/s").doesNotContain("%", "ETA", " / ");
        assertThat(early.substring(0, 36)).isNotEqualTo(later.substring(0, 36));
        assertThat(ProgressBar.marker(0)).isEqualTo("[===                     ]");
        // It bounces back from the right end instead of wrapping.
        int span = ProgressBar.BAR_WIDTH - 3;
        assertThat(ProgressBar.marker(span * ProgressBar.REDRAW_NANOS)).isEqualTo("[                     ===]");
        assertThat(ProgressBar.marker((span + 1) * ProgressBar.REDRAW_NANOS)).isEqualTo("[                    === ]");
    }

    @Test
    void theFinalLineGivesTheAverageRateAndTheTimeTaken() {
        String line = ProgressBar.line("Importing", 1024 * MIB, 1024 * MIB, 1.0, 8 * SECOND, true, true);
        assertThat(line).isEqualTo("Importing [========================] 100%  1.00 GiB / 1.00 GiB  128 MiB/s  in 0:08");
        String unknown = ProgressBar.line("Exporting", 3 * MIB, -1, -1, 3 * SECOND, true, true);
        assertThat(unknown).isEqualTo("Exporting 3.00 MiB  1.00 MiB/s  in 0:03");
    }

    @Test
    void noRateWhileStartingOrFinishing() {
        String line = ProgressBar.line("Importing (finishing)", 1024 * MIB, 1024 * MIB, 0.5, 4 * SECOND, false, false);
        assertThat(line).isEqualTo("Importing (finishing) [============>           ]  50%  1.00 GiB / 1.00 GiB");
    }

    @Test
    void onATerminalItRedrawsOneLineAtMostFiveTimesASecond() {
        ProgressBar bar = new ProgressBar(out, "Exporting", true, now::get);
        long total = 1000 * MIB;
        // 1000 updates over 2 seconds (every 2 ms): at most 2 s / 200 ms + 1 redraws.
        for (int i = 1; i <= 1000; i++) {
            now.addAndGet(2_000_000L);
            bar.update(i * MIB, total);
        }
        int redraws = count(output(), '\r');
        assertThat(redraws).isBetween(5, 11);
        assertThat(output()).doesNotContain("\n");
        bar.finish();
        String text = output();
        assertThat(text).endsWith(System.lineSeparator());
        String last = text.substring(text.lastIndexOf('\r') + 1).strip();
        assertThat(last).startsWith("Exporting [========================] 100%").contains("in 0:02");
    }

    @Test
    void onATerminalAShorterLineErasesTheRestOfTheLongerOne() {
        ProgressBar bar = new ProgressBar(out, "Exporting", true, now::get);
        bar.update(900 * MIB, -1);
        int first = output().length() - 1;
        now.addAndGet(SECOND);
        bar.update(1, -1);
        String second = output().substring(first + 1);
        assertThat(second).startsWith("\r");
        assertThat(second.length() - 1).isGreaterThanOrEqualTo(first);
    }

    @Test
    void inALogItPrintsAPlainLineEveryTenthThenOneSummary() {
        ProgressBar bar = new ProgressBar(out, "Importing", false, now::get);
        for (int i = 0; i <= 1000; i++) {
            now.addAndGet(1_000_000L);
            bar.update(i * MIB, 1000 * MIB);
        }
        bar.finish();
        bar.finish();
        String text = output();
        assertThat(text).doesNotContain("\r");
        List<String> lines = Arrays.asList(text.split(System.lineSeparator()));
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).contains("  0%");
        assertThat(lines.get(5)).contains(" 50%");
        assertThat(lines.get(10)).contains("100%").contains("in 0:01");
    }

    @Test
    void inALogAnUnknownTotalPrintsEveryTenSeconds() {
        ProgressBar bar = new ProgressBar(out, "Exporting", false, now::get);
        for (int i = 0; i < 300; i++) {
            now.addAndGet(100_000_000L);
            bar.update(i * MIB, -1);
        }
        // 30 s of updates: at 0, 10, 20 s.
        assertThat(output().split(System.lineSeparator())).hasSize(3);
    }

    @Test
    void eachPhaseEndsItsLineAndDoneEndsTheLast() {
        ProgressBar bar = new ProgressBar(out, "Exporting", true, now::get);
        bar.progress(new TransferProgress(Phase.STARTING, 0, -1, 0));
        now.addAndGet(SECOND);
        bar.progress(new TransferProgress(Phase.TRANSFERRING, 50 * MIB, 100 * MIB, 0.1));
        now.addAndGet(SECOND);
        bar.progress(new TransferProgress(Phase.TRANSFERRING, 100 * MIB, 100 * MIB, 0.2));
        now.addAndGet(SECOND);
        bar.progress(new TransferProgress(Phase.VERIFYING, 10 * MIB, 100 * MIB, 1));
        now.addAndGet(SECOND);
        bar.progress(new TransferProgress(Phase.DONE, 100 * MIB, 100 * MIB, 1));
        bar.finish();
        String[] lines = output().split(System.lineSeparator());
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("Exporting (starting)");
        assertThat(lines[1].substring(lines[1].lastIndexOf('\r') + 1))
                .startsWith("Exporting [========================] 100%  100 MiB / 100 MiB  50.0 MiB/s  in 0:02");
        assertThat(lines[2].substring(lines[2].lastIndexOf('\r') + 1)).startsWith("Verifying [==>");
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
