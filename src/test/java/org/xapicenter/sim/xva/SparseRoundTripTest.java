package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xva.ChecksumKind;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;
import org.xapicenter.xva.XvaWriter;

/**
 * A VM of two disks, one of several GiB and sparse with a short last block, one small and full, imported
 * with curl and exported again: the same blocks come back, and the big disk's bytes are kept in a sparse
 * file, not in memory.
 */
class SparseRoundTripTest {
    private static final int MIB = 1024 * 1024;
    private static final long BIG = 6L * 1024 * MIB + 12345;
    private static final long SMALL = 3L * MIB + 100;
    /** Data blocks of the big disk; the others are zero (the last one too: it goes out all the same). */
    private static final Set<Long> BIG_DATA = Set.of(0L, 1L, 2048L, 4000L, 6143L);
    private static Simulator sim;
    private static String session;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(Duration.ofMillis(50)).loginFailureDelay(Duration.ofMillis(10)).build());
        session = XvaHttp.login(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Disk content: pseudo-random in the data blocks, zero elsewhere. */
    private record Synthetic(long size, Set<Long> data, long seed) implements DiskSource {
        @Override
        public void read(long offset, byte[] buffer, int length) {
            Arrays.fill(buffer, 0, length, (byte) 0);
            long block = offset / MIB;
            if (data.contains(block)) {
                SplittableRandom r = new SplittableRandom(seed * 31 + block);
                int n = (int) Math.min(length, size - offset);
                for (int i = 0; i < n; i++) {
                    buffer[i] = (byte) r.nextInt(256);
                }
            }
        }

        @Override
        public boolean knownZero(long offset, int length) {
            return !data.contains(offset / MIB);
        }
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aSparseMultiGibDiskAndAShortOneComeBackBlockForBlock() throws Exception {
        TreeSet<Long> smallData = new TreeSet<>(List.of(0L, 1L, 2L, 3L));
        Synthetic big = new Synthetic(BIG, BIG_DATA, 1);
        Synthetic small = new Synthetic(SMALL, smallData, 2);
        XvaMetadata md = new XvaMetadata(fields("hostname", "test", "export_vsn", "2"), List.of(
                new XvaObject("VM", "Ref:0", fields("name_label", "sparse round trip", "is_a_template", false,
                        "is_a_snapshot", false, "power_state", "Halted", "VBDs", List.of("Ref:1", "Ref:2"))),
                new XvaObject("VBD", "Ref:1", fields("VM", "Ref:0", "VDI", "Ref:3", "type", "Disk", "userdevice", "0",
                        "bootable", true)),
                new XvaObject("VBD", "Ref:2", fields("VM", "Ref:0", "VDI", "Ref:4", "type", "Disk", "userdevice", "1")),
                new XvaObject("VDI", "Ref:3", fields("name_label", "big", "virtual_size", Long.toString(BIG),
                        "SR", "Ref:5", "type", "system")),
                new XvaObject("VDI", "Ref:4", fields("name_label", "small", "virtual_size", Long.toString(SMALL),
                        "SR", "Ref:5", "type", "user")),
                new XvaObject("SR", "Ref:5", fields("name_label", "elsewhere", "content_type", "user"))));
        Path file = dir.resolve("sparse.xva");
        try (OutputStream out = Files.newOutputStream(file);
             XvaWriter w = new XvaWriter(out, Compression.NONE, ChecksumKind.SHA1)) {
            w.writeMetadata(md);
            w.writeDisk("Ref:3", BIG, big);
            w.writeDisk("Ref:4", SMALL, small);
        }
        assertThat(Files.size(file)).isLessThan(20L * MIB);

        String task = XvaHttp.createTask(sim, session, "import");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-H", "Expect:", "-T", file.toString(), "-o", "/dev/null",
                sim.httpUrl().resolve("/import?session_id=" + session + "&task_id=" + task).toString());
        assertThat(c.exit()).as(c.err()).isZero();
        ObjectStore store = sim.store();
        XvaHttp.waitFor("import", () -> !"pending".equals(store.getString(task, "status")));
        assertThat(store.getString(task, "status")).as("%s", store.getList(task, "error_info")).isEqualTo("success");
        String vm = store.refs("VM").stream().filter(v -> store.getString(task, "result").contains(v)).findFirst()
                .orElseThrow();
        assertThat(store.getList(vm, "VBDs")).hasSize(2);

        Path exported = dir.resolve("back.xva");
        XvaHttp.Curl e = XvaHttp.curl(dir, "-o", exported.toString(),
                sim.httpUrl().resolve("/export?session_id=" + session + "&ref=" + vm).toString());
        assertThat(e.exit()).as(e.err()).isZero();
        Map<String, Synthetic> bySize = Map.of("big", big, "small", small);
        Map<String, Synthetic> byId = new LinkedHashMap<>();
        Map<String, TreeSet<Long>> blocks = new LinkedHashMap<>();
        byte[] expected = new byte[MIB];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(exported))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                byte[] data = tar.readAllBytes();
                String name = entry.getName();
                if (name.equals("ova.xml")) {
                    XvaMetadata back = XvaMetadata.parse(new java.io.ByteArrayInputStream(data));
                    for (var d : back.disks()) {
                        byId.put(d.id(), bySize.get(d.name()));
                    }
                    continue;
                }
                if (name.endsWith(".xxhash")) {
                    continue;
                }
                String id = name.substring(0, name.indexOf('/'));
                long block = Long.parseLong(name.substring(name.indexOf('/') + 1));
                Synthetic source = byId.get(id);
                int length = (int) Math.min(MIB, source.size() - block * MIB);
                source.read(block * MIB, expected, length);
                assertThat(data.length).as(name).isEqualTo(length);
                assertThat(Arrays.equals(data, 0, length, expected, 0, length)).as(name).isTrue();
                blocks.computeIfAbsent(id, k -> new TreeSet<>()).add(block);
            }
        }
        assertThat(byId.values()).containsExactlyInAnyOrder(big, small);
        for (var entry : byId.entrySet()) {
            long last = (entry.getValue().size() - 1) / MIB;
            TreeSet<Long> want = new TreeSet<>(entry.getValue().data());
            want.add(0L);
            want.add(last);
            assertThat(blocks.get(entry.getKey())).as(entry.getKey()).isEqualTo(want);
        }
    }
}
