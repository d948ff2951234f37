package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.testing.Vectors;

/**
 * PUT /import on the demo pool with the real vector written by Xen Orchestra, curl as the client: the
 * objects it makes, the bytes it keeps (an export gives them back), and each refusal and error xapi gives.
 */
class ImportRouteTest {
    private static final int MIB = 1024 * 1024;
    private static final String VECTOR_VM = "XO written demo VM";
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

    private static Path vector() {
        return Vectors.xva("xo-written-5MiB.xva");
    }

    private String url(String query) {
        return sim.httpUrl().resolve("/import?session_id=" + session + query).toString();
    }

    private static List<String> vmsNamed(String name) {
        return store().refs("VM").stream().filter(v -> store().getString(v, "name_label").equals(name)).toList();
    }

    private static List<String> vdisNamed(String name) {
        return store().refs("VDI").stream().filter(v -> store().getString(v, "name_label").equals(name)).toList();
    }

    private static String defaultSr() {
        return store().getString(store().refs("pool").get(0), "default_SR");
    }

    /**
     * Uploads {@code file} with curl -T; returns the finished task. Without "Expect:" curl would wait a
     * second for a 100 Continue that xapi never sends (nor do we).
     */
    private String upload(Path file, String query) throws Exception {
        String task = XvaHttp.createTask(sim, session, "import");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-H", "Expect:", "-T", file.toString(), "-o", "/dev/null", url("&task_id=" + task + query));
        assertThat(c.exit()).as(c.err()).isIn(0, 52, 55, 56);
        XvaHttp.waitFor("import task", () -> {
            String s = store().getString(task, "status");
            return !s.equals("pending") && !s.equals("cancelling");
        });
        return task;
    }

    private static List<Object> errorInfo(String task) {
        return store().getList(task, "error_info");
    }

    @Test
    void curlImportsTheXoVectorIntoTheDefaultSrAndAnExportGivesTheSameDiskBack() throws Exception {
        int before = vmsNamed(VECTOR_VM).size();
        String task = upload(vector(), "");
        assertThat(store().getString(task, "status")).as("%s", errorInfo(task)).isEqualTo("success");
        List<String> made = vmsNamed(VECTOR_VM);
        assertThat(made).hasSize(before + 1);
        String vm = made.stream().filter(v -> store().getString(task, "result").contains(v)).findFirst().orElseThrow();
        assertThat(store().getString(task, "result")).startsWith("<value><array>");
        assertThat(store().getString(vm, "power_state")).isEqualTo("Halted");
        assertThat(store().getList(vm, "VBDs")).hasSize(1);
        String vbd = (String) store().getList(vm, "VBDs").get(0);
        String vdi = store().getString(vbd, "VDI");
        assertThat(store().getString(vdi, "SR")).isEqualTo(defaultSr());
        assertThat(store().get(vdi, "virtual_size")).isEqualTo(5L * MIB);
        assertThat(store().getString(vdi, "name_label")).isEqualTo("XO written demo VM disk 0");
        assertThat(store().getList(vm, "VIFs")).hasSize(1);
        String network = store().getString((String) store().getList(vm, "VIFs").get(0), "network");
        assertThat(store().getString(network, "name_label")).isEqualTo("Pool-wide network");
        assertThat(sim.diskContents().isImported(store().getString(vdi, "uuid"))).isTrue();

        assertThat(exportedDiskSha256(vm)).isEqualTo(vectorDiskSha256());
    }

    @Test
    void aCloneOfAnImportedVmHoldsTheSameBytes() throws Exception {
        String task = upload(vector(), "");
        assertThat(store().getString(task, "status")).as("%s", errorInfo(task)).isEqualTo("success");
        String vm = XvaHttp.ref(store().getString(task, "result"));
        String clone = XvaHttp.ref(XvaHttp.call(sim, "VM.clone", session, vm, "clone of the XO VM"));
        assertThat(clone).isNotEqualTo(vm);
        assertThat(exportedDiskSha256(clone)).isEqualTo(vectorDiskSha256());
    }

    @Test
    void restoreKeepsTheArchivesUuidsWhenTheyAreFreeAndAPlainImportNeverDoes() throws Exception {
        String uuid;
        try (var reader = org.xapicenter.xva.XvaReader.open(Files.newInputStream(vector()))) {
            uuid = reader.metadata().vm().string("uuid");
        }
        String plain = upload(vector(), "");
        assertThat(store().getString(XvaHttp.ref(store().getString(plain, "result")), "uuid")).isNotEqualTo(uuid);
        String restored = upload(vector(), "&restore=true");
        assertThat(store().getString(restored, "status")).as("%s", errorInfo(restored)).isEqualTo("success");
        String vm = XvaHttp.ref(store().getString(restored, "result"));
        assertThat(store().getString(vm, "uuid")).isEqualTo(uuid);
        // Taken now: a second restore makes new ones rather than clash.
        String again = upload(vector(), "&restore=true");
        assertThat(store().getString(XvaHttp.ref(store().getString(again, "result")), "uuid")).isNotEqualTo(uuid);
    }

    private static String vectorDiskSha256() throws Exception {
        return Files.readString(Vectors.xva("xo-written-5MiB.disk.sha256")).split("\\s+")[0];
    }

    /** Exports {@code vm} (one disk of 5 MiB) with curl and hashes its disk rebuilt from the blocks. */
    private String exportedDiskSha256(String vm) throws Exception {
        Path exported = Files.createTempFile(dir, "again", ".xva");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-o", exported.toString(),
                sim.httpUrl().resolve("/export?session_id=" + session + "&ref=" + vm).toString());
        assertThat(c.exit()).as(c.err()).isZero();
        byte[] disk = new byte[5 * MIB];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(exported))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName();
                if (name.contains("/") && !name.endsWith(".xxhash")) {
                    int block = Integer.parseInt(name.substring(name.indexOf('/') + 1));
                    byte[] b = tar.readAllBytes();
                    System.arraycopy(b, 0, disk, block * MIB, b.length);
                }
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(disk));
    }

    @Test
    void aGzipWrappedArchiveIsAcceptedAsXapiSniffsIt() throws Exception {
        Path gz = dir.resolve("v.xva.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(vector(), out);
        }
        String task = upload(gz, "&sr_id=" + defaultSr());
        assertThat(store().getString(task, "status")).as("%s", errorInfo(task)).isEqualTo("success");
    }

    @Test
    void aChunkedUploadIsRefusedWith403() throws Exception {
        String task = XvaHttp.createTask(sim, session, "import");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-H", "Transfer-Encoding: chunked", "-T", vector().toString(),
                "-o", "/dev/null", "-w", "%{http_code}", url("&task_id=" + task));
        assertThat(c.out()).isEqualTo("403");
        assertThat(store().getString(task, "status")).isEqualTo("failure");
        assertThat(errorInfo(task)).containsExactly("IMPORT_ERROR_CANNOT_HANDLE_CHUNKED");
    }

    @Test
    void withoutADefaultSrTheImportFailsWithDefaultSrNotFound() throws Exception {
        String pool = store().refs("pool").get(0);
        String sr = defaultSr();
        store().set(pool, "default_SR", "OpaqueRef:NULL");
        try {
            String task = XvaHttp.createTask(sim, session, "import");
            XvaHttp.Curl c = XvaHttp.curl(dir, "-T", vector().toString(), "-o", "/dev/null", "-w", "%{http_code}",
                    url("&task_id=" + task));
            assertThat(c.out()).isEqualTo("500");
            assertThat(errorInfo(task)).first().isEqualTo("DEFAULT_SR_NOT_FOUND");
        } finally {
            store().set(pool, "default_SR", sr);
        }
    }

    @Test
    void aTruncatedArchiveFailsWithPrematureEofAndLeavesNothing() throws Exception {
        Path cut = dir.resolve("cut.xva");
        byte[] all = Files.readAllBytes(vector());
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertFailsLeavingNothing(cut, "", "IMPORT_ERROR_PREMATURE_EOF");
    }

    @Test
    void anArchiveThatDoesNotStartWithOvaXmlFailsWithUnexpectedFile() throws Exception {
        Path odd = rewrite("odd.xva", "README", (name, data) -> data);
        String task = assertFailsLeavingNothing(odd, "", "IMPORT_ERROR_UNEXPECTED_FILE");
        assertThat(errorInfo(task)).containsExactly("IMPORT_ERROR_UNEXPECTED_FILE", "ova.xml", "README");
    }

    @Test
    void aFlippedByteFailsTheChecksumUnlessForced() throws Exception {
        Path flipped = rewrite("flipped.xva", null, (name, data) -> {
            if (name.endsWith("/00000003")) {
                data[1000] ^= 0x40;
            }
            return data;
        });
        String task = assertFailsLeavingNothing(flipped, "", "IMPORT_ERROR_GENERIC");
        assertThat(String.valueOf(errorInfo(task).get(1))).contains("checksum").contains("00000003");
        String forced = upload(flipped, "&force=true");
        assertThat(store().getString(forced, "status")).as("%s", errorInfo(forced)).isEqualTo("success");
    }

    @Test
    void aDiskThatDoesNotFitFailsWithSrFull() throws Exception {
        String sr = defaultSr();
        Object size = store().get(sr, "physical_size");
        store().set(sr, "physical_size", store().get(sr, "physical_utilisation"));
        try {
            String task = assertFailsLeavingNothing(vector(), "", "SR_FULL");
            assertThat(errorInfo(task)).hasSize(3);
        } finally {
            store().set(sr, "physical_size", size);
        }
    }

    @Test
    void aCancelMidImportLeavesNoVmAndNoDisk() throws Exception {
        byte[] all = Files.readAllBytes(vector());
        int vms = vmsNamed(VECTOR_VM).size();
        int vdis = vdisNamed("XO written demo VM disk 0").size();
        String task = XvaHttp.createTask(sim, session, "import");
        try (Socket s = new Socket("127.0.0.1", sim.httpUrl().getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /import?session_id=" + session + "&task_id=" + task + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + all.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // ova.xml and the first block; the rest never comes.
            out.write(all, 0, 2 * MIB);
            out.flush();
            InputStream in = s.getInputStream();
            XvaHttp.waitFor("the VM made from ova.xml", () -> vmsNamed(VECTOR_VM).size() == vms + 1);
            XvaHttp.call(sim, "task.cancel", session, task);
            XvaHttp.waitFor("task cancelled", () -> "cancelled".equals(store().getString(task, "status")));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            assertThat(reply.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200").contains("task-id: " + task);
        }
        assertThat(errorInfo(task)).first().isEqualTo("TASK_CANCELLED");
        assertThat(vmsNamed(VECTOR_VM)).hasSize(vms);
        assertThat(vdisNamed("XO written demo VM disk 0")).hasSize(vdis);
    }

    private String assertFailsLeavingNothing(Path file, String query, String code) throws Exception {
        int vms = vmsNamed(VECTOR_VM).size();
        int vdis = vdisNamed("XO written demo VM disk 0").size();
        String task = upload(file, query);
        assertThat(store().getString(task, "status")).isEqualTo("failure");
        assertThat(errorInfo(task)).first().isEqualTo(code);
        assertThat(vmsNamed(VECTOR_VM)).hasSize(vms);
        assertThat(vdisNamed("XO written demo VM disk 0")).hasSize(vdis);
        return task;
    }

    /** The vector rewritten member by member, with an extra member {@code firstMember} in front when not null. */
    private Path rewrite(String name, String firstMember, BiFunction<String, byte[], byte[]> change) throws Exception {
        Path out = dir.resolve(name);
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(vector()));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            if (firstMember != null) {
                byte[] text = "not an archive member xapi expects\n".getBytes(StandardCharsets.US_ASCII);
                TarArchiveEntry e = new TarArchiveEntry(firstMember);
                e.setSize(text.length);
                tar.putArchiveEntry(e);
                tar.write(text);
                tar.closeArchiveEntry();
            }
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = change.apply(e.getName(), in.readAllBytes());
                TarArchiveEntry copy = new TarArchiveEntry(e.getName());
                copy.setSize(data.length);
                tar.putArchiveEntry(copy);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return out;
    }
}
