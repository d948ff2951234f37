package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writer and reader stream: 192 MiB of real (non-zero) disk pass through a 32 MiB heap. */
class XvaMemoryTest {
    @Test
    void aWholeNonSparseDiskStreamsThroughASmallHeap() throws Exception {
        for (Compression c : List.of(Compression.NONE, Compression.ZSTD)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                    SmallHeapProbe.class.getName(), Long.toString(192L << 20), c.name())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("blocks=192 verified=192"), out);
        }
    }
}
