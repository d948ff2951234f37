package org.xapicenter.xapi.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.xapicenter.xapi.transfer.TransferListener;
import org.xapicenter.xapi.transfer.TransferProgress;

/**
 * The progress bar of the transfer commands ({@code export}, {@code import}, {@code xva verify/convert}).
 *
 * <p>On a terminal it keeps one line up to date, redrawn in place with {@code \r} at most five times a
 * second: label, bar, percent, bytes moved, throughput and time left; when the total is unknown (an export's
 * size is known only at its end) the bar is a moving marker and there is no percent or time left. When the
 * output is a file or a pipe (a log, CI) carriage returns would make a mess, so it prints a plain line each
 * time another tenth of the work is done, or every ten seconds when the total is unknown.
 *
 * <p>Safe to call from the transfer's thread while another thread calls {@link #finish}.
 */
public final class ProgressBar implements TransferListener {
    static final int BAR_WIDTH = 24;
    static final long REDRAW_NANOS = 200_000_000L;
    static final long PLAIN_INDETERMINATE_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final boolean terminal;
    private final LongSupplier clock;

    private TransferProgress.Phase phase;
    private long phaseStart;
    private long lastDraw = Long.MIN_VALUE;
    private int lastTenth = -1;
    private boolean phaseFinished;
    private int lastLineLength;
    private boolean lineOpen;
    private long bytes;
    private long total = -1;
    private double fraction = -1;

    ProgressBar(PrintStream out, String label, boolean terminal, LongSupplier clockNanos) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
        this.clock = clockNanos;
    }

    /** A bar on {@code out} that redraws in place when the process runs on a terminal. */
    public static ProgressBar on(PrintStream out, String label) {
        return new ProgressBar(out, label, System.console() != null, System::nanoTime);
    }

    @Override
    public synchronized void progress(TransferProgress p) {
        if (p.phase() != phase) {
            finish();
            phase = p.phase();
            phaseStart = clock.getAsLong();
            phaseFinished = phase == TransferProgress.Phase.DONE;
            lastDraw = Long.MIN_VALUE;
            lastTenth = -1;
        }
        if (phaseFinished) {
            return;
        }
        bytes = p.bytes();
        total = p.totalBytes();
        fraction = p.fraction();
        show();
    }

    /** Reports {@code bytes} of {@code total} moved ({@code total} -1 when unknown) as one plain transfer. */
    public synchronized void update(long bytes, long total) {
        progress(new TransferProgress(TransferProgress.Phase.TRANSFERRING, bytes, total, 0));
    }

    /** Draws the current phase's final line (average rate, time taken) and ends it; idempotent. */
    public synchronized void finish() {
        if (phase == null || phaseFinished) {
            return;
        }
        phaseFinished = true;
        draw(true);
        endLine();
    }

    private void show() {
        long now = clock.getAsLong();
        if (terminal) {
            if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
                draw(false);
                lastDraw = now;
            }
            return;
        }
        if (fraction >= 0) {
            // 100% is left to finish(), which prints the summary line.
            int tenth = (int) Math.floor(fraction * 10);
            if (tenth > lastTenth && tenth < 10) {
                lastTenth = tenth;
                draw(false);
            }
        } else if (lastDraw == Long.MIN_VALUE || now - lastDraw >= PLAIN_INDETERMINATE_NANOS) {
            lastDraw = now;
            draw(false);
        }
    }

    private void draw(boolean last) {
        long elapsed = Math.max(0, clock.getAsLong() - phaseStart);
        boolean moving = phase == TransferProgress.Phase.TRANSFERRING || phase == TransferProgress.Phase.VERIFYING;
        String text = line(phaseLabel(), bytes, total, fraction, elapsed, moving, last);
        if (terminal) {
            int pad = Math.max(0, lastLineLength - text.length());
            out.print("\r" + text + " ".repeat(pad));
            lastLineLength = text.length();
            lineOpen = true;
        } else {
            out.println(text);
        }
        out.flush();
    }

    private void endLine() {
        if (terminal && lineOpen) {
            out.println();
        }
        out.flush();
        lineOpen = false;
        lastLineLength = 0;
    }

    private String phaseLabel() {
        if (phase == null) {
            return label;
        }
        return switch (phase) {
            case STARTING -> label + " (starting)";
            case FINISHING -> label + " (finishing)";
            case VERIFYING -> "Verifying";
            default -> label;
        };
    }

    /**
     * One progress line: {@code label [=====>    ]  47%  1.2 GiB / 2.5 GiB  85.3 MiB/s  ETA 0:16}. With an
     * unknown total ({@code fraction} &lt; 0) the bar shows a marker that moves with time and there is no
     * percent or ETA. {@code moving}: bytes are moving, so a rate is shown. {@code last} draws the final line:
     * the average rate and the time taken instead of an ETA.
     */
    static String line(String label, long bytes, long total, double fraction, long elapsedNanos, boolean moving,
                       boolean last) {
        StringBuilder b = new StringBuilder(label).append(' ');
        double seconds = elapsedNanos / 1e9;
        // The rate only means something while bytes move: while starting or finishing it would be noise.
        double rate = moving && seconds > 0.05 ? bytes / seconds : -1;
        if (fraction >= 0) {
            b.append(bar(fraction)).append(' ')
                    .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(Math.min(1.0, fraction) * 100)));
        } else if (!last) {
            b.append(marker(elapsedNanos)).append("  ...");
        }
        b.append(last && fraction < 0 ? "" : "  ").append(bytes(bytes));
        if (total > 0) {
            b.append(" / ").append(bytes(total));
        }
        if (rate >= 0) {
            b.append("  ").append(bytes((long) rate)).append("/s");
        }
        if (last) {
            b.append("  in ").append(duration(Math.round(seconds)));
        } else if (fraction > 0 && fraction < 1 && rate > 0 && total > 0 && bytes > 0) {
            long left = (long) Math.ceil((total - bytes) / rate);
            b.append("  ETA ").append(duration(Math.max(0, left)));
        }
        return b.toString();
    }

    static String bar(double fraction) {
        int filled = (int) Math.floor(Math.max(0, Math.min(1.0, fraction)) * BAR_WIDTH);
        StringBuilder b = new StringBuilder(BAR_WIDTH + 2).append('[');
        for (int i = 0; i < BAR_WIDTH; i++) {
            b.append(i < filled ? '=' : (i == filled ? '>' : ' '));
        }
        return b.append(']').toString();
    }

    /** A three-wide marker bouncing across the bar, one step per redraw period. */
    static String marker(long elapsedNanos) {
        int span = BAR_WIDTH - 3;
        int step = (int) ((elapsedNanos / REDRAW_NANOS) % (2L * span));
        int pos = step <= span ? step : 2 * span - step;
        StringBuilder b = new StringBuilder(BAR_WIDTH + 2).append('[');
        for (int i = 0; i < BAR_WIDTH; i++) {
            b.append(i >= pos && i < pos + 3 ? '=' : ' ');
        }
        return b.append(']').toString();
    }

    /** Bytes in binary units, three significant digits: {@code 512 B}, {@code 1.50 KiB}, {@code 12.3 MiB}, {@code 234 GiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        // Rounding may reach 1024 of a unit (1023.9 KiB): show it as 1.00 of the next one.
        if (v >= 999.5 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String digits = v >= 99.95 ? "%.0f" : v >= 9.995 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits, v) + " " + units[u];
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
