package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;

/** GET /export on the demo pool, with curl as the client and with a plain socket, as xapi answers it. */
class ExportRouteTest {
    private static final int MIB = 1024 * 1024;
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

    private static ObjectStore store() {
        return sim.store();
    }

    /** A halted, ordinary VM with at least one disk, whose disks are made {@code size} bytes. */
    private static String haltedVm(String exceptName, long size) {
        for (String vm : store().refs("VM")) {
            if (!Boolean.TRUE.equals(store().get(vm, "is_control_domain"))
                    && !Boolean.TRUE.equals(store().get(vm, "is_a_template"))
                    && !Boolean.TRUE.equals(store().get(vm, "is_a_snapshot"))
                    && "Halted".equals(store().getString(vm, "power_state"))
                    && !store().getString(vm, "name_label").equals(exceptName)
                    && !disks(vm).isEmpty()) {
                for (String vdi : disks(vm)) {
                    store().set(vdi, "virtual_size", size);
                }
                return vm;
            }
        }
        throw new IllegalStateException("the demo pool has no halted VM with disks");
    }

    private static List<String> disks(String vm) {
        List<String> out = new ArrayList<>();
        for (Object vbd : store().getList(vm, "VBDs")) {
            String vdi = store().getString((String) vbd, "VDI");
            if ("Disk".equals(store().getString((String) vbd, "type")) && store().isA(vdi, "VDI")) {
                out.add(vdi);
            }
        }
        return out;
    }

    private String url(String query) {
        return sim.httpUrl().resolve("/export?" + query).toString();
    }

    @Test
    void curlExportsAHaltedVmAsAnXvaWhoseBlocksAreTheDisksContent() throws Exception {
        long size = 9L * MIB + 12345;
        String vm = haltedVm("", size);
        String task = XvaHttp.createTask(sim, session, "export");
        Path file = dir.resolve("vm.xva");
        Path headers = dir.resolve("headers.txt");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-D", headers.toString(), "-o", file.toString(),
                url("session_id=" + session + "&task_id=" + task + "&ref=" + vm));
        assertThat(c.exit()).as(c.err()).isZero();
        String head = Files.readString(headers, StandardCharsets.US_ASCII);
        assertThat(head).startsWith("HTTP/1.0 200").contains("task-id: " + task)
                .containsIgnoringCase("content-type: application/octet-stream")
                .doesNotContainIgnoringCase("content-length");
        XvaHttp.waitFor("task done", () -> !"pending".equals(store().getString(task, "status")));
        assertThat(store().getString(task, "status")).isEqualTo("success");
        assertThat(store().getMap(vm, "current_operations")).isEmpty();

        Map<String, byte[]> members = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                members.put(e.getName(), tar.readAllBytes());
            }
        }
        List<String> names = new ArrayList<>(members.keySet());
        assertThat(names.get(0)).isEqualTo("ova.xml");
        XvaMetadata md = XvaMetadata.parse(new java.io.ByteArrayInputStream(members.get("ova.xml")));
        XvaObject exported = md.vm();
        assertThat(exported.string("name_label")).isEqualTo(store().getString(vm, "name_label"));
        assertThat(exported.string("uuid")).isEqualTo(store().getString(vm, "uuid"));
        assertThat(md.disks()).hasSize(disks(vm).size());
        for (var disk : md.disks()) {
            XvaObject vdi = md.find("VDI", disk.id());
            String uuid = vdi.string("uuid");
            assertThat(disk.virtualSize()).isEqualTo(size);
            // Blocks 0 and 10 (the last, short one) are always there; the generator's data blocks too.
            assertThat(names).contains(disk.id() + "/00000000", disk.id() + "/00000000.xxhash",
                    disk.id() + "/00000009", disk.id() + "/00000009.xxhash");
            byte[] expected = new byte[MIB];
            for (String name : names) {
                if (name.startsWith(disk.id() + "/") && !name.endsWith(".xxhash")) {
                    long block = Long.parseLong(name.substring(name.indexOf('/') + 1));
                    byte[] got = members.get(name);
                    int length = (int) Math.min(MIB, size - block * MIB);
                    sim.diskContents().source(uuid, size).read(block * MIB, expected, length);
                    assertThat(Arrays.equals(got, 0, got.length, expected, 0, length)).as(name).isTrue();
                }
            }
            byte[] first = members.get(disk.id() + "/00000000");
            assertThat(first[510]).isEqualTo((byte) 0x55);
            assertThat(first[511]).isEqualTo((byte) 0xAA);
        }
    }

    @Test
    void exportOfARunningVmFailsTheTaskWithVmBadPowerState() throws Exception {
        String vm = store().refs("VM").stream()
                .filter(v -> "Running".equals(store().getString(v, "power_state"))
                        && !Boolean.TRUE.equals(store().get(v, "is_control_domain")))
                .findFirst().orElseThrow();
        String task = XvaHttp.createTask(sim, session, "export");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-o", "/dev/null", "-w", "%{http_code}",
                url("session_id=" + session + "&task_id=" + task + "&uuid=" + store().getString(vm, "uuid")));
        assertThat(c.out()).isEqualTo("500");
        assertThat(store().getString(task, "status")).isEqualTo("failure");
        assertThat(store().getList(task, "error_info")).first().isEqualTo("VM_BAD_POWER_STATE");
        assertThat(store().getList(task, "error_info")).contains(vm);
    }

    @Test
    void withoutASessionTheAnswerIs401() throws Exception {
        String vm = haltedVm("", 2L * MIB);
        XvaHttp.Curl c = XvaHttp.curl(dir, "-o", "/dev/null", "-w", "%{http_code}", url("ref=" + vm));
        assertThat(c.out()).isEqualTo("401");
        XvaHttp.Curl basic = XvaHttp.curl(dir, "-o", dir.resolve("b.xva").toString(), "-w", "%{http_code}",
                "-u", "root:password", url("ref=" + vm));
        assertThat(basic.out()).isEqualTo("200");
    }

    @Test
    void aCancelStopsTheStreamAndClosesTheConnection() throws Exception {
        // 64 MiB of data that do not compress or skip: more than the socket buffers hold, so the export is
        // still going when the client stops reading and cancels.
        long size = 64L * MIB;
        String vm = haltedVm("", size);
        byte[] noise = new byte[MIB];
        new java.util.Random(7).nextBytes(noise);
        for (String vdi : disks(vm)) {
            try (var file = sim.diskContents().create(store().getString(vdi, "uuid"))) {
                for (long at = 0; at < size; at += MIB) {
                    file.write(java.nio.ByteBuffer.wrap(noise), at);
                }
            }
        }
        String task = XvaHttp.createTask(sim, session, "export");
        try (Socket s = new Socket("127.0.0.1", sim.httpUrl().getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /export?session_id=" + session + "&task_id=" + task + "&ref=" + vm
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            while (read < 2 * MIB) {
                // Only 2 of the 64 MiB are read: the server is stuck behind a full socket.
                int n = in.read(buf);
                assertThat(n).as("stream ended early").isPositive();
                read += n;
            }
            assertThat(store().getMap(vm, "current_operations")).containsEntry(task, "export");
            assertThat(((Number) store().get(task, "progress")).doubleValue()).isGreaterThan(0.0);
            XvaHttp.call(sim, "task.cancel", session, task);
            // Reading on (without a deadline of our own): the server must close the connection.
            while (in.read(buf) >= 0) {
                read += 0;
            }
        }
        XvaHttp.waitFor("task cancelled", () -> "cancelled".equals(store().getString(task, "status")));
        assertThat(store().getList(task, "error_info")).first().isEqualTo("TASK_CANCELLED");
        assertThat(store().getMap(vm, "current_operations")).isEmpty();
        // The other tests expect the generated content back.
        for (String vdi : disks(vm)) {
            sim.diskContents().forget(store().getString(vdi, "uuid"));
        }
    }

    @Test
    void withoutATaskTheExportMakesItsOwn() throws Exception {
        String vm = haltedVm("", 3L * MIB);
        Path headers = dir.resolve("h.txt");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-D", headers.toString(), "-o", dir.resolve("own.xva").toString(),
                url("session_id=" + session + "&ref=" + vm + "&use_compression=zstd"));
        assertThat(c.exit()).as(c.err()).isZero();
        String head = Files.readString(headers, StandardCharsets.US_ASCII);
        String task = head.lines().filter(l -> l.startsWith("task-id: ")).findFirst().orElseThrow().substring(9).trim();
        XvaHttp.waitFor("own task done", () -> "success".equals(store().getString(task, "status")));
        byte[] start = Arrays.copyOf(Files.readAllBytes(dir.resolve("own.xva")), 4);
        assertThat(start).containsExactly(0x28, 0xB5, 0x2F, 0xFD);
    }
}
