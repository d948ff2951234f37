package org.xapicenter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.Tasks;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.transfer.ExportOptions;
import org.xapicenter.xapi.transfer.ExportResult;
import org.xapicenter.xapi.transfer.ImportOptions;
import org.xapicenter.xapi.transfer.TransferListener;
import org.xapicenter.xapi.transfer.XvaExport;
import org.xapicenter.xapi.transfer.XvaImport;
import org.xapicenter.xva.ChecksumKind;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;
import org.xapicenter.xva.XvaSummary;
import org.xapicenter.xva.XvaVerifier;
import org.xapicenter.xva.XvaWriter;

/**
 * Export, import and verify throughput of our client next to {@code curl} moving the same bytes over the
 * same loopback connection to the same in-process simulator, in one run.
 *
 * <p>The VM has {@value #DEFAULT_MIB} MiB of non-zero data by default ({@code -Dbench.xva.mib=N}) in two
 * disks, so that every block really travels and is checksummed (an all-zero disk would be skipped). It is
 * imported once by us to create the VM that both clients then export; each side imports the same file.
 * curl runs with {@code -H "Expect:"} so that it does not wait a second for a {@code 100 Continue} that
 * xapi never sends. For verification the baseline is {@code cat FILE > /dev/null}: reading the same bytes
 * with no work done on them. Each figure is the median of {@value #RUNS} runs after one warm-up run.
 * MB is 10^6 bytes. Run it with
 * {@code mvn -o -q test -Dtest=XvaTransferBenchmark -Dsurefire.excludedGroups=none}; the table also goes to
 * target/xva-transfer-benchmark.txt. It asserts only that both clients moved the same bytes and that
 * every export verifies.
 */
@Tag("benchmark")
class XvaTransferBenchmark {
    static final int DEFAULT_MIB = 256;
    static final int RUNS = 3;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void exportImportAndVerifyNextToCurl() throws Exception {
        assumeTrue(curlAvailable(), "curl is not installed");
        long mib = Long.getLong("bench.xva.mib", DEFAULT_MIB);
        // Two disks, the second with a short last block, together mib MiB of non-zero data.
        long first = mib * 3 / 4 * MIB;
        long second = mib * MIB - first + 12_345;
        Path xva = writeXva(dir.resolve("bench.xva"), first, second);
        long xvaBytes = Files.size(xva);

        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1).build());
             XapiSession session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC),
                     SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            String base = sim.httpUrl().resolve("/").toString();
            String vm = new XvaImport(session, xva, ImportOptions.defaults()).run(TransferListener.NONE).get(0);

            Map<String, List<Double>> rates = new LinkedHashMap<>();
            long exportBytes = -1;
            for (int run = 0; run <= RUNS; run++) {
                boolean measured = run > 0;

                Path ours = dir.resolve("ours.xva");
                Files.deleteIfExists(ours);
                long t0 = System.nanoTime();
                ExportResult result = new XvaExport(session, vm, ours, new ExportOptions(Compression.NONE, false))
                        .run(TransferListener.NONE);
                long t1 = System.nanoTime();
                record(rates, "export ours", measured, result.bytes(), t1 - t0);

                Path theirs = dir.resolve("curl.xva");
                Files.deleteIfExists(theirs);
                t0 = System.nanoTime();
                curl(dir, "-o", theirs.toString(), base + "export?ref=" + vm + "&session_id=" + session.ref());
                t1 = System.nanoTime();
                record(rates, "export curl", measured, Files.size(theirs), t1 - t0);
                assertThat(Files.size(theirs)).isEqualTo(result.bytes());
                exportBytes = result.bytes();

                t0 = System.nanoTime();
                XvaSummary summary = XvaVerifier.verify(ours);
                t1 = System.nanoTime();
                record(rates, "verify ours", measured, exportBytes, t1 - t0);
                assertThat(summary.disks()).hasSize(2);

                t0 = System.nanoTime();
                run(dir, "cat", ours.toString());
                t1 = System.nanoTime();
                record(rates, "verify cat", measured, exportBytes, t1 - t0);

                t0 = System.nanoTime();
                List<String> imported = new XvaImport(session, xva, ImportOptions.defaults()).run(TransferListener.NONE);
                t1 = System.nanoTime();
                record(rates, "import ours", measured, xvaBytes, t1 - t0);
                assertThat(imported).hasSize(1);

                String task = (String) session.call("task.create", "curl import", "benchmark");
                t0 = System.nanoTime();
                curl(dir, "-H", "Expect:", "-T", xva.toString(),
                        base + "import?session_id=" + session.ref() + "&task_id=" + task);
                Tasks.await(session, task, Duration.ofMinutes(5));
                t1 = System.nanoTime();
                record(rates, "import curl", measured, xvaBytes, t1 - t0);
                session.call("task.destroy", task);
            }
            String table = table(rates, mib, xvaBytes, exportBytes);
            System.out.println(table);
            Files.writeString(Path.of("target", "xva-transfer-benchmark.txt"), table, StandardCharsets.UTF_8);
        }
    }

    private static void record(Map<String, List<Double>> rates, String what, boolean measured, long bytes, long nanos) {
        if (measured) {
            rates.computeIfAbsent(what, k -> new ArrayList<>()).add(bytes / (nanos / 1e9) / 1e6);
        }
    }

    private static String table(Map<String, List<Double>> rates, long mib, long xvaBytes, long exportBytes) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "XVA transfers on loopback, in-process simulator, %d MiB of non-zero disk"
                + " data (XVA %d bytes, export %d bytes); MB/s = 10^6 B/s, median of %d runs, %d cores%n",
                mib, xvaBytes, exportBytes, RUNS, Runtime.getRuntime().availableProcessors()));
        b.append(String.format(Locale.ROOT, "%-8s %12s %16s %8s   %s%n", "", "XapiCenter", "baseline", "ratio",
                "runs (ours / baseline, MB/s)"));
        row(b, "export", rates, "export ours", "export curl", "curl");
        row(b, "import", rates, "import ours", "import curl", "curl");
        row(b, "verify", rates, "verify ours", "verify cat", "cat");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Map<String, List<Double>> rates, String ours, String base,
                            String baseName) {
        double o = median(rates.get(ours));
        double t = median(rates.get(base));
        b.append(String.format(Locale.ROOT, "%-8s %7.0f MB/s %6.0f MB/s %-4s %7.2f   %s / %s%n", name, o, t, baseName,
                o / t, runs(rates.get(ours)), runs(rates.get(base))));
    }

    private static String runs(List<Double> values) {
        return String.join(" ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** A VM with two disks of pseudo-random, never all-zero blocks, written as a plain XVA. */
    private static Path writeXva(Path file, long first, long second) throws IOException {
        List<XvaObject> objects = new ArrayList<>();
        objects.add(new XvaObject("VM", "Ref:0", Map.of("name_label", "benchmark VM", "is_a_template", false,
                "is_a_snapshot", false, "is_control_domain", false, "power_state", "Halted",
                "VBDs", List.of("Ref:4", "Ref:5"))));
        objects.add(new XvaObject("SR", "Ref:1", Map.of("name_label", "Local storage", "content_type", "user")));
        objects.add(vdi("Ref:2", "benchmark disk 0", first));
        objects.add(vdi("Ref:3", "benchmark disk 1", second));
        objects.add(new XvaObject("VBD", "Ref:4", Map.of("VM", "Ref:0", "VDI", "Ref:2", "type", "Disk",
                "userdevice", "0", "empty", false)));
        objects.add(new XvaObject("VBD", "Ref:5", Map.of("VM", "Ref:0", "VDI", "Ref:3", "type", "Disk",
                "userdevice", "1", "empty", false)));
        try (OutputStream out = Files.newOutputStream(file);
             XvaWriter w = new XvaWriter(out, Compression.NONE, ChecksumKind.XXHASH)) {
            w.writeMetadata(new XvaMetadata(Map.of("hostname", "bench", "export_vsn", "2"), objects));
            w.writeDisk("Ref:2", first, noise(1));
            w.writeDisk("Ref:3", second, noise(2));
        }
        return file;
    }

    private static XvaObject vdi(String id, String name, long size) {
        return new XvaObject("VDI", id, Map.of("name_label", name, "virtual_size", Long.toString(size), "SR", "Ref:1",
                "type", "user"));
    }

    /** One random MiB, stamped with the block's number and the disk's seed so that no two blocks are equal. */
    private static DiskSource noise(int seed) {
        byte[] pattern = new byte[MIB];
        new SplittableRandom(seed).nextBytes(pattern);
        return (offset, buffer, length) -> {
            for (int done = 0; done < length; ) {
                long at = offset + done;
                int in = (int) (at % MIB);
                int n = Math.min(length - done, MIB - in);
                System.arraycopy(pattern, in, buffer, done, n);
                done += n;
            }
            long block = offset / MIB;
            for (int i = 0; i < Math.min(8, length); i++) {
                buffer[i] ^= (byte) (block >>> (8 * i));
            }
            buffer[0] |= 1;
        };
    }

    private static void curl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail", "--max-time", "600"));
        cmd.addAll(List.of(args));
        run(dir, cmd.toArray(String[]::new));
    }

    /** Runs a command with its output discarded; fails the benchmark if it fails. */
    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "cmd", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + p.exitValue() + "): "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    private static boolean curlAvailable() {
        try {
            return new ProcessBuilder("curl", "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
