package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.testing.Vectors;

/** Import then export over HTTPS, curl trusting exactly the simulator's certificate, Basic credentials. */
class HttpsTransferTest {
    private static Simulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(-1).httpsPort(0)
                .operationDuration(Duration.ofMillis(50)).loginFailureDelay(Duration.ofMillis(10)).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void theVectorGoesInAndComesOutOverTls() throws Exception {
        Path pem = dir.resolve("sim.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(sim.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        ObjectStore store = sim.store();
        int before = store.refs("VM").size();
        Path headers = dir.resolve("h.txt");
        XvaHttp.Curl in = XvaHttp.curl(dir, "--cacert", pem.toString(), "-u", "root:password", "-H", "Expect:",
                "-D", headers.toString(), "-T", Vectors.xva("xo-written-5MiB.xva").toString(),
                "-o", "/dev/null", sim.httpsUrl().resolve("/import").toString());
        assertThat(in.exit()).as(in.err()).isZero();
        String task = Files.readString(headers).lines().filter(l -> l.startsWith("task-id:")).findFirst()
                .orElseThrow().substring(8).trim();
        XvaHttp.waitFor("import", () -> !"pending".equals(store.getString(task, "status")));
        assertThat(store.getString(task, "status")).as("%s", store.getList(task, "error_info")).isEqualTo("success");
        assertThat(store.refs("VM")).hasSize(before + 1);
        String vm = XvaHttp.ref(store.getString(task, "result"));

        Path out = dir.resolve("back.xva.gz");
        XvaHttp.Curl back = XvaHttp.curl(dir, "--cacert", pem.toString(), "-u", "root:password", "-o", out.toString(),
                sim.httpsUrl().resolve("/export?use_compression=true&uuid=" + store.getString(vm, "uuid")).toString());
        assertThat(back.exit()).as(back.err()).isZero();
        byte[] head = Files.readAllBytes(out);
        assertThat(head[0]).isEqualTo((byte) 0x1F);
        assertThat(head[1]).isEqualTo((byte) 0x8B);
        try (var reader = org.xapicenter.xva.XvaReader.open(Files.newInputStream(out))) {
            assertThat(reader.metadata().vm().string("name_label")).isEqualTo("XO written demo VM");
            var summary = reader.readDisks(org.xapicenter.xva.DiskSink.DISCARD, true);
            assertThat(summary.disks()).hasSize(1);
            assertThat(summary.disks().get(0).virtualSize()).isEqualTo(5L * 1024 * 1024);
        }
    }
}
