package org.xapicenter.xapi.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xapi.transfer.TransferFixtures.Disk;
import org.xapicenter.xva.Compression;

/** With every pool member on its own address, transfers that need another host's local SR follow its 302. */
class PoolRedirectTest {
    private static Simulator sim;
    private static XapiSession session;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().httpPort(0).poolMembers(true).build());
        session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
    }

    @AfterAll
    static void stop() {
        session.close();
        sim.close();
    }

    /** An SR attached to one host only, that host not the coordinator. */
    private static String memberLocalSr() throws Exception {
        String master = (String) session.call("pool.get_master",
                ((List<?>) session.call("pool.get_all")).get(0));
        for (Map.Entry<String, XapiRecord> e : session.getAllRecords("SR").entrySet()) {
            if (!"user".equals(session.call("SR.get_content_type", e.getKey()))) {
                continue;
            }
            List<?> pbds = (List<?>) session.call("SR.get_PBDs", e.getKey());
            if (pbds.size() == 1 && !master.equals(session.call("PBD.get_host", pbds.get(0)))) {
                return e.getKey();
            }
        }
        throw new AssertionError("the demo pool has no member-local SR");
    }

    @Test
    void anImportIntoAMembersLocalSrAndItsExportAreRedirectedThere() throws Exception {
        String sr = memberLocalSr();
        Disk disk = new Disk("Ref:4", 2L * TransferFixtures.MIB + 7, 0, 2);
        Path xva = TransferFixtures.writeXva(dir.resolve("member.xva"), "on a member", Compression.NONE, List.of(disk));

        XvaImport importer = new XvaImport(session, xva, new ImportOptions(sr, false, false));
        List<String> vms = importer.run(TransferListener.NONE);
        assertThat(importer.servedBy()).isNotEqualTo(sim.httpUrl().getHost());
        String vdi = (String) session.call("VBD.get_VDI", ((List<?>) session.call("VM.get_VBDs", vms.get(0))).get(0));
        assertThat(session.call("VDI.get_SR", vdi)).isEqualTo(sr);

        XvaExport export = new XvaExport(session, vms.get(0), dir.resolve("member-back.xva"), ExportOptions.defaults());
        export.run(TransferListener.NONE);
        assertThat(export.servedBy()).isNotEqualTo(sim.httpUrl().getHost());
        assertThat(TransferFixtures.diskDigests(dir.resolve("member-back.xva")).values()).containsExactly(disk.sha256());
    }
}
