package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.testing.Vectors;

/**
 * How /export and /import end: every byte reaches a slow reader before the task says success; a client
 * that stops reading is given up on after the stall timeout; a transfer rate keeps a transfer running long
 * enough to cancel it; a task cancelled before the handler took it over is ended cancelled at once.
 */
class TransferLimitsTest {
    private static final int MIB = 1024 * 1024;
    /** Unlimited rate, a short stall timeout. */
    private static Simulator fast;
    /** Held to a slow rate. */
    private static Simulator slow;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fast = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(Duration.ofMillis(50)).loginFailureDelay(Duration.ofMillis(10))
                .exportStall(Duration.ofSeconds(4)).build());
        slow = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1)
                .operationDuration(Duration.ofMillis(50)).loginFailureDelay(Duration.ofMillis(10))
                .transferRate(128 * 1024).build());
    }

    @AfterAll
    static void stop() {
        fast.close();
        slow.close();
    }

    /** A halted VM with disks, each made {@code size} bytes of noise (nothing skips or compresses). */
    private static String noisyVm(Simulator sim, long size) throws IOException {
        ObjectStore store = sim.store();
        for (String vm : store.refs("VM")) {
            if (!Boolean.TRUE.equals(store.get(vm, "is_control_domain")) && !Boolean.TRUE.equals(store.get(vm, "is_a_template"))
                    && !Boolean.TRUE.equals(store.get(vm, "is_a_snapshot")) && "Halted".equals(store.getString(vm, "power_state"))
                    && !disks(store, vm).isEmpty() && store.getMap(vm, "current_operations").isEmpty()) {
                byte[] noise = new byte[MIB];
                new Random(11).nextBytes(noise);
                for (String vdi : disks(store, vm)) {
                    store.set(vdi, "virtual_size", size);
                    try (var file = sim.diskContents().create(store.getString(vdi, "uuid"))) {
                        for (long at = 0; at < size; at += MIB) {
                            file.write(ByteBuffer.wrap(noise, 0, (int) Math.min(MIB, size - at)), at);
                        }
                    }
                }
                return vm;
            }
        }
        throw new IllegalStateException("no halted VM with disks");
    }

    private static List<String> disks(ObjectStore store, String vm) {
        List<String> out = new ArrayList<>();
        for (Object vbd : store.getList(vm, "VBDs")) {
            String vdi = store.getString((String) vbd, "VDI");
            if ("Disk".equals(store.getString((String) vbd, "type")) && store.isA(vdi, "VDI")) {
                out.add(vdi);
            }
        }
        return out;
    }

    /** Sends a GET /export on a raw socket and reads past the response head; the stream is then the body. */
    private static InputStream export(Socket s, Simulator sim, String session, String task, String vm) throws IOException {
        s.setSoTimeout(60_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /export?session_id=" + session + "&task_id=" + task + "&ref=" + vm
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        int state = 0;
        StringBuilder head = new StringBuilder();
        while (state < 4) {
            int b = in.read();
            assertThat(b).as("response head").isNotNegative();
            head.append((char) b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        assertThat(head.toString()).startsWith("HTTP/1.0 200");
        return in;
    }

    /** Each tar entry as "name size sha-256 of its content", in stream order. */
    private static List<String> entries(byte[] tar) throws IOException {
        List<String> out = new ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(tar))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                out.add(e.getName() + " " + content.length + " "
                        + sha256(content));
            }
        }
        return out;
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String status(Simulator sim, String task) {
        return sim.store().getString(task, "status");
    }

    @Test
    void aSlowReaderGetsEveryByteAndTheTaskSucceedsOnlyAfterTheLastIsSent() throws Exception {
        String session = XvaHttp.login(fast);
        String vm = noisyVm(fast, 12L * MIB + 4321);
        // The same export read at full speed by curl: what the slow reader must get, byte for byte.
        Path whole = dir.resolve("whole.xva");
        String first = XvaHttp.createTask(fast, session, "export");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-o", whole.toString(),
                fast.httpUrl().resolve("/export?session_id=" + session + "&task_id=" + first + "&ref=" + vm).toString());
        assertThat(c.exit()).as(c.err()).isZero();
        XvaHttp.waitFor("first export", () -> "success".equals(status(fast, first)));
        byte[] expected = Files.readAllBytes(whole);

        String task = XvaHttp.createTask(fast, session, "export");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean pendingSeenMidway = false;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new java.net.InetSocketAddress("127.0.0.1", fast.httpUrl().getPort()));
            InputStream in = export(s, fast, session, task, vm);
            byte[] buf = new byte[16 * 1024];
            boolean paused = false;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.write(buf, 0, n);
                if (got.size() < expected.length / 2 && "pending".equals(status(fast, task))) {
                    pendingSeenMidway = true;
                }
                if (!paused && ((Number) fast.store().get(task, "progress")).doubleValue() >= 0.99) {
                    // The server has read its last block while megabytes are still unread in the buffers:
                    // stop reading for a while, which is when a server that finishes and closes too early
                    // drops what is still queued.
                    paused = true;
                    long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    while ("pending".equals(status(fast, task)) && System.nanoTime() < until) {
                        Thread.sleep(10);
                    }
                }
                // A reader slower than the server: the buffers between them stay full.
                Thread.sleep(5);
            }
            // The connection closes only after the task has its outcome.
            assertThat(status(fast, task)).isEqualTo("success");
        }
        assertThat(pendingSeenMidway).isTrue();
        assertThat(got.size()).isEqualTo(expected.length);
        // The same archive but for the task ref in the VM's current_operations (ova.xml) and the header
        // times (the two exports may straddle a second): entry for entry, byte for byte.
        assertThat(entries(got.toByteArray())).isEqualTo(entries(new String(expected, StandardCharsets.ISO_8859_1)
                .replace(first, task).getBytes(StandardCharsets.ISO_8859_1)));
        forget(fast, vm);
    }

    @Test
    void anExportToAClientThatStopsReadingEndsAfterTheStallTimeout() throws Exception {
        String session = XvaHttp.login(fast);
        String vm = noisyVm(fast, 64L * MIB);
        String task = XvaHttp.createTask(fast, session, "export");
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new java.net.InetSocketAddress("127.0.0.1", fast.httpUrl().getPort()));
            InputStream in = export(s, fast, session, task, vm);
            in.readNBytes(MIB);
            // Stop reading without closing: the server must give up on its own.
            XvaHttp.waitFor("the stalled export to fail", () -> "failure".equals(status(fast, task)));
            assertThat(fast.store().getList(task, "error_info").get(0)).isEqualTo("INTERNAL_ERROR");
            assertThat(String.valueOf(fast.store().getList(task, "error_info"))).contains("stopped reading");
            assertThat(fast.store().getMap(vm, "current_operations")).isEmpty();
            // The connection is closed: what was in flight drains, then the stream ends (or is reset).
            byte[] buf = new byte[64 * 1024];
            try {
                while (in.read(buf) >= 0) {
                    continue;
                }
            } catch (java.net.SocketException reset) {
                // A close with unread data may reset the connection: closed all the same.
            }
        }
        forget(fast, vm);
    }

    @Test
    void aRateLimitedExportIsStillRunningWhenCancelledAndStopsPromptly() throws Exception {
        String session = XvaHttp.login(slow);
        String vm = noisyVm(slow, 8L * MIB);
        String task = XvaHttp.createTask(slow, session, "export");
        try (Socket s = new Socket("127.0.0.1", slow.httpUrl().getPort())) {
            InputStream in = export(s, slow, session, task, vm);
            in.readNBytes(64 * 1024);
            // 8 MiB at 128 KiB/s takes a minute: the export cannot have finished by itself.
            assertThat(status(slow, task)).isEqualTo("pending");
            assertThat((List<Object>) slow.store().getList(task, "allowed_operations")).contains("cancel");
            XvaHttp.call(slow, "task.cancel", session, task);
            byte[] buf = new byte[64 * 1024];
            long after = 0;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                after += n;
            }
            assertThat(after).isLessThan(4L * MIB);
        }
        XvaHttp.waitFor("the export cancelled", () -> "cancelled".equals(status(slow, task)));
        assertThat(slow.store().getMap(vm, "current_operations")).isEmpty();
        forget(slow, vm);
    }

    @Test
    void aRateLimitedImportIsStillRunningWhenCancelledAndLeavesNoVm() throws Exception {
        String session = XvaHttp.login(slow);
        Path vector = Vectors.xva("xo-written-5MiB.xva");
        int vmsBefore = slow.store().refs("VM").size();
        String task = XvaHttp.createTask(slow, session, "import");
        try (Socket s = new Socket("127.0.0.1", slow.httpUrl().getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            long length = Files.size(vector);
            out.write(("PUT /import?session_id=" + session + "&task_id=" + task + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread sender = new Thread(() -> {
                try (InputStream file = Files.newInputStream(vector)) {
                    file.transferTo(out);
                } catch (IOException closed) {
                    // The server closes the connection on cancel.
                }
            }, "import-sender");
            sender.start();
            XvaHttp.waitFor("the import under way", () -> ((Number) slow.store().get(task, "progress")).doubleValue() > 0);
            // 4 MiB at 128 KiB/s takes half a minute.
            assertThat(status(slow, task)).isEqualTo("pending");
            XvaHttp.call(slow, "task.cancel", session, task);
            XvaHttp.waitFor("the import cancelled", () -> "cancelled".equals(status(slow, task)));
            s.close();
            sender.join(60_000);
        }
        assertThat(slow.store().refs("VM")).hasSize(vmsBefore);
    }

    @Test
    void aTaskCancelledBeforeTheExportTookItOverIsEndedCancelledAndNothingIsSent() throws Exception {
        String session = XvaHttp.login(fast);
        String vm = noisyVm(fast, 2L * MIB);
        String task = XvaHttp.createTask(fast, session, "export");
        XvaHttp.call(fast, "task.cancel", session, task);
        // As xapi: the early cancel is only recorded, the task stays pending...
        assertThat(status(fast, task)).isEqualTo("pending");
        XvaHttp.Curl c = XvaHttp.curl(dir, "-o", "/dev/null", "-w", "%{http_code}",
                fast.httpUrl().resolve("/export?session_id=" + session + "&task_id=" + task + "&ref=" + vm).toString());
        // ...and the handler that takes it over ends it cancelled before streaming anything.
        assertThat(c.out()).isEqualTo("500");
        assertThat(status(fast, task)).isEqualTo("cancelled");
        assertThat(fast.store().getList(task, "error_info")).first().isEqualTo("TASK_CANCELLED");
        assertThat(fast.store().getMap(vm, "current_operations")).isEmpty();
        forget(fast, vm);
    }

    /** Gives the VM's disks their generated contents back for the other tests. */
    private static void forget(Simulator sim, String vm) {
        for (String vdi : disks(sim.store(), vm)) {
            sim.diskContents().forget(sim.store().getString(vdi, "uuid"));
        }
    }
}
