package org.xapicenter.rfb;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xapicenter.rfb.decode.DecoderSet;
import org.xapicenter.rfb.decode.RectDecoder;

/**
 * Decode time per full 1920x1080 frame for every encoding we decode, and for Vernacular on the same
 * bytes where it decodes the encoding too. The bytes are the first full update a real TigerVNC Xvnc
 * sends, captured once per encoding from a desktop of terminals and small X clients over a flat root
 * (the usual console) and over a photo-like root (where Tight uses JPEG and RRE gives up); the timed
 * loop replays them from memory, so the network is not measured. Run it with
 * {@code mvn -o test -Dtest=DecodeBenchmark -Dsurefire.excludedGroups= -Dgroups=benchmark}. It prints
 * its numbers (also to target/decode-benchmark-*.txt) and asserts only that every decoder produced the
 * screen Raw did (Tight JPEG: within a small tolerance).
 */
@Tag("benchmark")
class DecodeBenchmark {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final int TIGHT_JPEG_QUALITY = 8;
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int MIN_WARM_UP = 5;
    private static final int MEASURED = 30;

    private record Case(String name, int encoding, List<Integer> wire, boolean lossy) {
    }

    private static final List<Case> CASES = List.of(
            new Case("Raw", Encoding.RAW.code(), List.of(Encoding.RAW.code()), false),
            new Case("RRE", Encoding.RRE.code(), List.of(Encoding.RRE.code()), false),
            new Case("Hextile", Encoding.HEXTILE.code(), List.of(Encoding.HEXTILE.code()), false),
            new Case("ZRLE", Encoding.ZRLE.code(), List.of(Encoding.ZRLE.code()), false),
            new Case("Tight lossless", Encoding.TIGHT.code(), List.of(Encoding.TIGHT.code()), false),
            new Case("Tight JPEG q" + TIGHT_JPEG_QUALITY, Encoding.TIGHT.code(),
                    List.of(Encoding.TIGHT.code(), Encoding.PSEUDO_JPEG_QUALITY_0 + TIGHT_JPEG_QUALITY), true));

    @Test
    void flatDesktop() throws Exception {
        run("flat", false);
    }

    @Test
    void photoDesktop() throws Exception {
        run("photo", true);
    }

    /** Our decoders, fresh (a new connection's zlib streams) for each replay: the client's own registry. */
    private static Map<Integer, RectDecoder> ours() {
        DecoderSet set = new DecoderSet();
        Map<Integer, RectDecoder> m = new HashMap<>();
        for (Encoding e : Encoding.values()) {
            set.decoder(e).ifPresent(d -> m.put(e.code(), d));
        }
        return m;
    }

    private void run(String name, boolean photo) throws Exception {
        assumeTrue(BusyDesktop.available(), "TigerVNC's Xvnc is not installed");
        Map<Case, RecordedUpdate> updates = new HashMap<>();
        int[] rawScreen;
        try (BusyDesktop desktop = BusyDesktop.start(WIDTH, HEIGHT, photo)) {
            rawScreen = settledScreen(desktop);
            for (Case c : CASES) {
                updates.put(c, RecordedUpdate.capture(desktop.port(), c.wire(), ours()));
            }
            int[] after = screen(RecordedUpdate.capture(desktop.port(), CASES.get(0).wire(), ours()));
            assertTrue(Arrays.equals(rawScreen, after), "the desktop changed while the updates were captured");
        }

        List<String> lines = new ArrayList<>();
        lines.add("Desktop: " + name + ", " + WIDTH + "x" + HEIGHT);
        lines.add(String.format(Locale.ROOT, "%-16s %10s %9s %9s %11s %9s   %s", "encoding", "wire bytes",
                "ours ms", "ours MB/s", "Vernac. ms", "Vern MB/s", "rectangles the server chose"));
        for (Case c : CASES) {
            RecordedUpdate update = updates.get(c);
            Framebuffer fb = new Framebuffer(WIDTH, HEIGHT);
            update.replay(ours(), fb);
            checkAgainstRaw(c.name(), c.lossy(), rawScreen, fb.snapshot().argb());
            double ours = median(() -> update.replay(ours(), fb));
            String theirs = "-";
            String theirRate = "-";
            if (VernacularBaseline.supports(c.encoding())) {
                VernacularBaseline vernacular = new VernacularBaseline(WIDTH, HEIGHT);
                vernacular.replay(update);
                int[] image = new int[WIDTH * HEIGHT];
                for (int i = 0; i < image.length; i++) {
                    image[i] = 0xFF000000 | vernacular.rgb(i % WIDTH, i / WIDTH);
                }
                checkAgainstRaw("Vernacular " + c.name(), false, rawScreen, image);
                double ms = median(() -> vernacular.replay(update));
                theirs = fmt(ms);
                theirRate = fmt(update.message.length / 1e3 / ms);
            }
            lines.add(String.format(Locale.ROOT, "%-16s %10d %9s %9s %11s %9s   %s", c.name(), update.message.length,
                    fmt(ours), fmt(update.message.length / 1e3 / ours), theirs, theirRate, update.mix));
        }
        lines.add("ms = median milliseconds to decode the whole frame (" + MEASURED + " replays after "
                + WARM_UP_NANOS / 1_000_000_000 + " s of warm-up); MB/s = wire bytes per second; Java "
                + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        lines.forEach(System.out::println);
        Path report = Path.of("target", "decode-benchmark-" + name + ".txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
    }

    /** Captures Raw until two captures in a row show the same screen: every client has drawn. */
    private static int[] settledScreen(BusyDesktop desktop) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        int[] previous = null;
        while (System.nanoTime() < deadline) {
            int[] now = screen(RecordedUpdate.capture(desktop.port(), CASES.get(0).wire(), ours()));
            if (previous != null && Arrays.equals(previous, now)) {
                return now;
            }
            previous = now;
            Thread.sleep(500);
        }
        throw new IOException("the desktop did not settle within 90 s");
    }

    private static int[] screen(RecordedUpdate raw) throws IOException {
        Framebuffer fb = new Framebuffer(raw.width, raw.height);
        raw.replay(ours(), fb);
        return fb.snapshot().argb();
    }

    private static void checkAgainstRaw(String name, boolean lossy, int[] raw, int[] got) {
        if (!lossy) {
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] != got[i]) {
                    fail(name + " differs from Raw at " + i % WIDTH + "," + i / WIDTH + ": "
                            + Integer.toHexString(got[i]) + " instead of " + Integer.toHexString(raw[i]));
                }
            }
            return;
        }
        long sum = 0;
        int far = 0;
        for (int i = 0; i < raw.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = Math.abs((raw[i] >> shift & 0xFF) - (got[i] >> shift & 0xFF));
                sum += d;
                if (d > 48) {
                    far++;
                }
            }
        }
        double mean = sum / (3.0 * raw.length);
        System.out.printf(Locale.ROOT, "%s: mean difference from Raw %.2f per channel; %d channel values off by more than 48%n",
                name, mean, far);
        assertTrue(mean < 4.0, name + " is too far from Raw: mean difference " + mean);
        assertTrue(far < raw.length * 3 / 100, name + " has " + far + " channel values far from Raw");
    }

    private interface Replay {
        void run() throws IOException;
    }

    /** Milliseconds, median of {@link #MEASURED} runs after a warm-up of a few seconds. */
    private static double median(Replay replay) throws IOException {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < MIN_WARM_UP || System.nanoTime() < warmUpEnd; i++) {
            replay.run();
        }
        long[] times = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long t0 = System.nanoTime();
            replay.run();
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        return times[MEASURED / 2] / 1e6;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }
}
