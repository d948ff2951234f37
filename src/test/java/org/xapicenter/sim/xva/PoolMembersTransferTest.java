package org.xapicenter.sim.xva;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.testing.Vectors;

/** With every host on its own address, a host that cannot see a VM's disks sends its export where they are. */
class PoolMembersTransferTest {
    private static Simulator sim;
    private static String session;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().poolMembers(true).operationDuration(Duration.ofMillis(50))
                .loginFailureDelay(Duration.ofMillis(10)).build());
        session = XvaHttp.login(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** The host whose PBD of {@code sr} is attached, if only one host has one. */
    private static String onlyHostOf(ObjectStore store, String sr) {
        var hosts = store.getList(sr, "PBDs").stream().map(p -> store.getString((String) p, "host")).distinct().toList();
        return hosts.size() == 1 ? hosts.get(0) : null;
    }

    @Test
    void anExportOfAVmOnAnotherHostsLocalStorageIsRedirectedThere() throws Exception {
        ObjectStore store = sim.store();
        String coordinator = sim.hostUrls().keySet().iterator().next();
        String vm = null;
        String owner = null;
        for (String v : store.refs("VM")) {
            if (Boolean.TRUE.equals(store.get(v, "is_control_domain")) || !"Halted".equals(store.getString(v, "power_state"))) {
                continue;
            }
            for (Object vbd : store.getList(v, "VBDs")) {
                String vdi = store.getString((String) vbd, "VDI");
                String host = store.isA(vdi, "VDI") ? onlyHostOf(store, store.getString(vdi, "SR")) : null;
                if (host != null && !host.equals(coordinator)) {
                    vm = v;
                    owner = host;
                }
            }
        }
        assertThat(vm).as("a halted VM on a member's local storage").isNotNull();
        // Small disks: the point is where the export comes from, not how long a big one takes.
        for (Object vbd : store.getList(vm, "VBDs")) {
            String vdi = store.getString((String) vbd, "VDI");
            if (store.isA(vdi, "VDI")) {
                store.set(vdi, "virtual_size", 4L * 1024 * 1024);
            }
        }
        URI coordinatorUrl = sim.hostUrl(coordinator);
        XvaHttp.Curl c = XvaHttp.curl(dir, "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                coordinatorUrl.resolve("/export?session_id=" + session + "&ref=" + vm).toString());
        URI member = sim.hostUrl(owner);
        assertThat(c.out()).isEqualTo("302 " + member.resolve("/export?session_id=" + session + "&ref=" + vm));
        // Followed, the export comes from the member.
        XvaHttp.Curl followed = XvaHttp.curl(dir, "-L", "-o", dir.resolve("m.xva").toString(), "-w", "%{http_code}",
                coordinatorUrl.resolve("/export?session_id=" + session + "&ref=" + vm).toString());
        assertThat(followed.out()).isEqualTo("200");
    }

    @Test
    void anImportIntoAMembersLocalSrIsRedirectedToThatMember() throws Exception {
        ObjectStore store = sim.store();
        String coordinator = sim.hostUrls().keySet().iterator().next();
        String sr = null;
        String owner = null;
        for (String candidate : store.refs("SR")) {
            String host = onlyHostOf(store, candidate);
            if (host != null && !host.equals(coordinator) && !"iso".equals(store.getString(candidate, "content_type"))) {
                sr = candidate;
                owner = host;
            }
        }
        assertThat(sr).as("a member's local SR").isNotNull();
        String query = "/import?session_id=" + session + "&sr_id=" + sr;
        // The host answers the 302 from the request's head and closes without reading the body, as xapi
        // does; a body larger than the socket buffers would still be in flight then, the close would reset
        // the connection and curl could lose the reply (seen once as "000"). The head is what is judged here,
        // so a body of one tar block is enough.
        java.nio.file.Path small = dir.resolve("head-only.xva");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(Vectors.xva("xo-written-5MiB.xva"))) {
            java.nio.file.Files.write(small, in.readNBytes(512));
        }
        XvaHttp.Curl c = XvaHttp.curl(dir, "-H", "Expect:", "-T", small.toString(),
                "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", sim.hostUrl(coordinator).resolve(query).toString());
        assertThat(c.out()).isEqualTo("302 " + sim.hostUrl(owner).resolve(query));
    }
}
