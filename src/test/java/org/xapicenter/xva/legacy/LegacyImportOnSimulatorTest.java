package org.xapicenter.xva.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.transfer.ExportOptions;
import org.xapicenter.xapi.transfer.ImportOptions;
import org.xapicenter.xapi.transfer.TransferListener;
import org.xapicenter.xapi.transfer.XvaExport;
import org.xapicenter.xapi.transfer.XvaImport;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.XvaReader;

/**
 * A converted legacy appliance is a VM a host accepts: imported into the simulator over a real socket it
 * becomes a halted VM with the legacy settings and disks, and exported again it gives the same disk bytes.
 */
class LegacyImportOnSimulatorTest {
    private static final int CHUNK = 300_000;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aConvertedLegacyXvaImportsAsAVmWithItsDisks() throws Exception {
        byte[] sda = LegacyFolder.content(11, 2 * MIB + 4321, MIB, 2 * MIB);
        byte[] sdb = LegacyFolder.content(12, 600_000, 0, 0);
        Path legacy = new LegacyFolder(tmp.resolve("legacy"), CHUNK).disk("sda", sda).disk("sdb", sdb).write();
        Path xva = tmp.resolve("converted.xva.gz");
        try (LegacyXva opened = LegacyXva.open(legacy, CHUNK)) {
            LegacyConverter.convert(opened, xva, Compression.GZIP, n -> {
            });
        }

        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1).build());
             XapiSession session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.XML_RPC),
                     SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray())) {
            List<String> vms = new XvaImport(session, xva, ImportOptions.defaults()).run(TransferListener.NONE);
            assertThat(vms).hasSize(1);
            String vm = vms.get(0);
            assertThat(session.call("VM.get_name_label", vm)).isEqualTo("very simple Debian VM");
            assertThat(session.call("VM.get_power_state", vm)).isEqualTo("Halted");
            assertThat(String.valueOf(session.call("VM.get_memory_static_max", vm))).isEqualTo("536870912");
            assertThat(session.call("VM.get_PV_bootloader", vm)).isEqualTo("pygrub");

            List<String> devices = new ArrayList<>();
            for (Object vbd : (List<?>) session.call("VM.get_VBDs", vm)) {
                if ("Disk".equals(session.call("VBD.get_type", vbd))) {
                    devices.add(session.call("VBD.get_userdevice", vbd) + "="
                            + session.call("VDI.get_name_label", session.call("VBD.get_VDI", vbd)));
                }
            }
            assertThat(devices).containsExactlyInAnyOrder("0=vdi_sda", "1=vdi_sdb");

            Path back = tmp.resolve("back.xva");
            new XvaExport(session, vm, back, ExportOptions.defaults()).run(TransferListener.NONE);
            Map<String, byte[]> disks = new LinkedHashMap<>();
            try (InputStream in = Files.newInputStream(back); XvaReader reader = XvaReader.open(in)) {
                reader.readDisks(LegacyConverterTest.collect(disks), true);
            }
            assertThat(disks.values()).containsExactlyInAnyOrder(sda, sdb);
        }
    }
}
