package org.xapicenter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A smoke run of {@code bench sync} on a small in-process pool: the figures' line is complete and readable. */
class BenchCommandTest {
    @Test
    void benchSyncEndsWithOneLineOfFigures() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.run(new String[]{"sync", "--vms", "200", "--churn", "100", "--seconds", "1",
                "--lag-samples", "5"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = text.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("sync ");
        Map<String, String> kv = new LinkedHashMap<>();
        for (String pair : last.substring(5).split(" ")) {
            String[] p = pair.split("=", 2);
            kv.put(p[0], p[1]);
        }
        assertThat(kv).containsKeys("vms", "objects", "login_to_cache_ms", "heap_peak_mb", "heap_mb", "events_per_s",
                "lag_p50_ms", "lag_p99_ms", "lag_samples");
        assertThat(kv.get("vms")).isEqualTo("200");
        assertThat(kv.get("lag_samples")).isEqualTo("5");
        kv.values().forEach(v -> assertThat(Double.parseDouble(v)).isNotNegative());
    }

    @Test
    void badArgumentsAreRefusedWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(BenchCommand.run(new String[]{"fill"}, System.out, e)).isEqualTo(2);
        assertThat(BenchCommand.run(new String[]{"sync", "--server", "http://127.0.0.1:1/"}, System.out, e)).isEqualTo(2);
        assertThat(BenchCommand.run(new String[]{"sync", "--vms", "many"}, System.out, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: bench sync", "--server needs --user");
    }
}
