package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Network;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VBD;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VM;

/**
 * The official XenServer Java SDK 8.1.0, unmodified, creating storage and networks through its own
 * typed API: its records are sent whole (read-only fields included) and its parsers read our answers.
 */
class OfficialSdkStorageNetworkTest {
    private static Simulator sim;

    @BeforeAll
    static void start() {
        sim = OfficialSdk.startSimulator(Duration.ofMillis(20));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void sdkCreatesADiskPlugsItIntoARunningVmAndCreatesANetwork() throws Exception {
        Connection c = OfficialSdk.login(sim, "sim-storage-conformance");
        try {
            SR nfs = SR.getByNameLabel(c, "NFS storage").iterator().next();
            VDI.Record disk = new VDI.Record();
            disk.nameLabel = "sdk data disk";
            disk.nameDescription = "created by the official SDK";
            disk.SR = nfs;
            disk.virtualSize = 8L * 1024 * 1024 * 1024;
            disk.type = Types.VdiType.USER;
            disk.sharable = false;
            disk.readOnly = false;
            disk.otherConfig = new HashMap<>();
            VDI vdi = VDI.create(c, disk);

            VDI.Record created = vdi.getRecord(c);
            assertThat(created.SR).isEqualTo(nfs);
            assertThat(created.virtualSize).isEqualTo(disk.virtualSize);
            assertThat(created.type).isEqualTo(Types.VdiType.USER);
            assertThat(nfs.getVDIs(c)).contains(vdi);

            VM running = VM.getByNameLabel(c, "web-01").iterator().next();
            assertThat(running.getPowerState(c)).isEqualTo(Types.VmPowerState.RUNNING);
            VBD.Record drive = new VBD.Record();
            drive.VM = running;
            drive.VDI = vdi;
            drive.userdevice = "autodetect";
            drive.bootable = false;
            drive.mode = Types.VbdMode.RW;
            drive.type = Types.VbdType.DISK;
            drive.unpluggable = true;
            drive.empty = false;
            drive.otherConfig = new HashMap<>();
            drive.qosAlgorithmType = "";
            drive.qosAlgorithmParams = new HashMap<>();
            VBD vbd = VBD.create(c, drive);
            assertThat(vbd.getCurrentlyAttached(c)).isFalse();
            assertThat(running.getVBDs(c)).contains(vbd);
            assertThat(vdi.getVBDs(c)).containsExactly(vbd);

            Task plug = vbd.plugAsync(c);
            assertThat(OfficialSdk.finish(c, plug)).isEqualTo(Types.TaskStatusType.SUCCESS);
            plug.destroy(c);
            VBD.Record plugged = vbd.getRecord(c);
            assertThat(plugged.currentlyAttached).isTrue();
            assertThat(plugged.userdevice).isEqualTo("1");
            assertThat(catchThrowable(() -> vbd.plug(c))).isInstanceOfSatisfying(Types.DeviceAlreadyAttached.class,
                    e -> assertThat(e.device).isEqualTo(vbd.toWireString()));
            vbd.unplug(c);
            vbd.destroy(c);
            vdi.destroy(c);
            assertThat(nfs.getVDIs(c)).doesNotContain(vdi);

            Network.Record net = new Network.Record();
            net.nameLabel = "SDK network";
            net.nameDescription = "created by the official SDK";
            net.MTU = 1500L;
            net.otherConfig = new HashMap<>();
            net.managed = true;
            net.tags = new HashSet<>();
            Network network = Network.create(c, net);
            Network.Record netRecord = network.getRecord(c);
            assertThat(netRecord.nameLabel).isEqualTo("SDK network");
            assertThat(netRecord.bridge).startsWith("xapi");
            assertThat(netRecord.MTU).isEqualTo(1500L);
            assertThat(Network.getAllRecords(c)).containsKey(network);
            network.destroy(c);

            Host coordinator = Host.getAll(c).iterator().next();
            SR created2 = SR.create(c, coordinator, Map.of("server", "nas.example.com", "serverpath", "/sdk"), 0L,
                    "SDK NFS", "", "nfs", "", true, Map.of());
            assertThat(created2.getPBDs(c)).hasSize(3);
            assertThat(created2.getRecord(c).physicalSize).isPositive();
            Throwable bad = catchThrowable(() -> SR.create(c, coordinator, Map.of("server", "nas.invalid",
                    "serverpath", "/sdk"), 0L, "bad", "", "nfs", "", true, Map.of()));
            assertThat(bad).isInstanceOfSatisfying(Types.XenAPIException.class, e -> assertThat(e.errorDescription)
                    .containsExactly("SR_BACKEND_FAILURE_140", "", "Incorrect DNS name, unable to resolve.", ""));
        } finally {
            Session.logout(c);
        }
    }
}
