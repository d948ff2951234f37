package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.sim.ClientOnSimulator.asLong;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;

/**
 * VDI, VBD, SR and PBD operations and their XAPI errors, through our own client over a real socket
 * against the demo pool (shared "NFS storage", "ISO library", local SRs; running web-01, halted VMs).
 */
class StorageOperationsTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private ClientOnSimulator c;

    @BeforeEach
    void start() throws Exception {
        c = new ClientOnSimulator(Protocol.XML_RPC);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private Map<String, Object> vdiArgs(String sr, String name, long size) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name_label", name);
        r.put("name_description", "made by a test");
        r.put("SR", sr);
        r.put("virtual_size", Long.toString(size));
        r.put("type", "user");
        r.put("sharable", false);
        r.put("read_only", false);
        r.put("other_config", Map.of());
        return r;
    }

    private Map<String, Object> vbdArgs(String vm, String vdi, String userdevice, String type, String mode) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("VM", vm);
        r.put("VDI", vdi);
        r.put("userdevice", userdevice);
        r.put("bootable", false);
        r.put("mode", mode);
        r.put("type", type);
        r.put("unpluggable", true);
        r.put("empty", false);
        r.put("other_config", Map.of());
        r.put("qos_algorithm_type", "");
        r.put("qos_algorithm_params", Map.of());
        return r;
    }

    private String nfsSr() throws Exception {
        return c.named("SR", "NFS storage");
    }

    private String isoVdi() throws Exception {
        return c.list("SR", c.named("SR", "ISO library"), "VDIs").get(0).toString();
    }

    private String createSr(String type, Map<String, String> config, boolean shared) throws Exception {
        return c.ref("SR.create", c.hosts().get(0), config, "0", "new " + type, "", type, type.equals("iso") ? "iso" : "",
                shared, Map.of());
    }

    private static void assertFailure(XapiException e, String code, String... params) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.params()).containsExactly(params);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void vdiCreateAndDestroyKeepTheSrAndItsUsageTrue(Protocol protocol) throws Exception {
        c.close();
        c = new ClientOnSimulator(protocol);
        String sr = nfsSr();
        long used = c.number("SR", sr, "physical_utilisation");
        long allocated = c.number("SR", sr, "virtual_allocation");

        String vdi = c.ref("VDI.create", vdiArgs(sr, "scratch", 10 * GIB));

        Map<String, Object> r = c.record("VDI", vdi);
        assertThat(r.get("SR")).isEqualTo(sr);
        assertThat(r.get("name_label")).isEqualTo("scratch");
        assertThat(asLong(r.get("virtual_size"))).isEqualTo(10 * GIB);
        assertThat(c.list("SR", sr, "VDIs")).contains(vdi);
        assertThat(c.number("SR", sr, "virtual_allocation")).isEqualTo(allocated + 10 * GIB);
        // A new VHD file on NFS holds only its headers.
        long vdiUsed = asLong(r.get("physical_utilisation"));
        assertThat(vdiUsed).isPositive().isLessThan(GIB);
        assertThat(c.number("SR", sr, "physical_utilisation")).isEqualTo(used + vdiUsed);

        c.call("VDI.destroy", vdi);
        assertThat(c.list("SR", sr, "VDIs")).doesNotContain(vdi);
        assertThat(c.number("SR", sr, "virtual_allocation")).isEqualTo(allocated);
        assertThat(c.number("SR", sr, "physical_utilisation")).isEqualTo(used);
        assertFailure(c.failure("VDI.get_record", vdi), "HANDLE_INVALID", "VDI", vdi);
    }

    @Test
    void vdiCreateRefusesBadArguments() throws Exception {
        Map<String, Object> noSr = vdiArgs("OpaqueRef:NULL", "x", GIB);
        assertFailure(c.failure("VDI.create", noSr), "HANDLE_INVALID", "SR", "OpaqueRef:NULL");
        Map<String, Object> badType = vdiArgs(nfsSr(), "x", GIB);
        badType.put("type", "floppy");
        assertFailure(c.failure("VDI.create", badType), "FIELD_TYPE_ERROR", "type");
        assertFailure(c.failure("VDI.create", vdiArgs(nfsSr(), "x", -1)), "SR_BACKEND_FAILURE_79", "", "VDI Invalid size", "");
        assertFailure(c.failure("VDI.create", vdiArgs(nfsSr(), "x", 4096 * GIB)), "SR_BACKEND_FAILURE_79", "",
                "VDI Invalid size [opterr=VDI size must be between 1 MB and 2040 GB]", "");
    }

    @Test
    void aThickSrAllocatesWholeDisksAndRefusesWhatDoesNotFit() throws Exception {
        String sr = iscsiSr();
        long size = c.number("SR", sr, "physical_size");
        String vdi = c.ref("VDI.create", vdiArgs(sr, "lun disk", 100 * GIB));
        assertThat(c.number("VDI", vdi, "physical_utilisation")).isEqualTo(100 * GIB);
        assertThat(c.number("SR", sr, "physical_utilisation")).isEqualTo(100 * GIB);

        assertFailure(c.failure("VDI.create", vdiArgs(sr, "too big", size)), "SR_BACKEND_FAILURE_44", "",
                "There is insufficient space", "");
        assertFailure(c.failure("VDI.resize", vdi, Long.toString(size + GIB)), "SR_BACKEND_FAILURE_44", "",
                "There is insufficient space", "");
        c.call("VDI.resize", vdi, Long.toString(200 * GIB));
        assertThat(c.number("SR", sr, "physical_utilisation")).isEqualTo(200 * GIB);
        assertThat(c.number("SR", sr, "virtual_allocation")).isEqualTo(200 * GIB);
    }

    /** The wizard's flow: a create without SCSIid fails with the LUNs found, the second try names one. */
    private String iscsiSr() throws Exception {
        Map<String, String> config = new LinkedHashMap<>(Map.of("target", "10.0.0.50",
                "targetIQN", "iqn.2026-11.com.example:storage"));
        XapiException probe = c.failure("SR.create", c.hosts().get(0), config, "0", "iSCSI", "", "lvmoiscsi", "", true, Map.of());
        assertThat(probe.code()).isEqualTo("SR_BACKEND_FAILURE_107");
        assertThat(probe.params().get(1)).isEqualTo("The SCSIid parameter is missing or incorrect");
        String xml = probe.params().get(2);
        String scsiId = xml.substring(xml.indexOf("<SCSIid>") + 8, xml.indexOf("</SCSIid>"));
        config.put("SCSIid", scsiId);
        return createSr("lvmoiscsi", config, true);
    }

    @Test
    void aDiskAttachedToARunningVmCannotBeDestroyedOrResized() throws Exception {
        String running = c.named("VM", "web-01");
        String vbd = c.list("VM", running, "VBDs").stream().map(String::valueOf)
                .filter(v -> {
                    try {
                        return c.call("VBD.get_type", v).equals("Disk");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).findFirst().orElseThrow();
        String vdi = (String) c.call("VBD.get_VDI", vbd);
        assertFailure(c.failure("VDI.destroy", vdi), "VDI_IN_USE", vdi, "destroy");
        assertFailure(c.failure("VDI.resize", vdi, Long.toString(100 * GIB)), "VDI_IN_USE", vdi, "resize");
        assertThat(c.list("VM", running, "VBDs")).contains(vbd);
    }

    @Test
    void destroyingADiskOfAHaltedVmRemovesItsDrive() throws Exception {
        String halted = c.named("VM", "legacy-app");
        List<Object> before = c.list("VM", halted, "VBDs");
        String disk = before.stream().map(String::valueOf).filter(v -> {
            try {
                return c.call("VBD.get_type", v).equals("Disk");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).findFirst().orElseThrow();
        String vdi = (String) c.call("VBD.get_VDI", disk);

        c.async("VDI.destroy", vdi);

        assertThat(c.list("VM", halted, "VBDs")).hasSize(before.size() - 1).doesNotContain(disk);
        assertThat(c.all("VBD")).doesNotContainKey(disk);
    }

    @Test
    void resizeGrowsAndNeverShrinks() throws Exception {
        String sr = nfsSr();
        String vdi = c.ref("VDI.create", vdiArgs(sr, "growing", 10 * GIB));
        long allocated = c.number("SR", sr, "virtual_allocation");
        c.async("VDI.resize", vdi, Long.toString(20 * GIB));
        assertThat(c.number("VDI", vdi, "virtual_size")).isEqualTo(20 * GIB);
        assertThat(c.number("SR", sr, "virtual_allocation")).isEqualTo(allocated + 10 * GIB);
        assertFailure(c.failure("VDI.resize", vdi, Long.toString(5 * GIB)), "SR_BACKEND_FAILURE_79", "",
                "VDI Invalid size [opterr=shrinking not allowed]", "");
    }

    @Test
    void copyMakesANewDiskOnTheTargetSr() throws Exception {
        String source = c.list("SR", nfsSr(), "VDIs").stream().map(String::valueOf).findFirst().orElseThrow();
        String local = c.find("SR", r -> "ext".equals(r.get("type"))).orElseThrow();
        long localUsed = c.number("SR", local, "physical_utilisation");
        Map<String, Object> src = c.record("VDI", source);

        String copy = (String) c.async("VDI.copy", source, local);

        Map<String, Object> r = c.record("VDI", copy);
        assertThat(copy).isNotEqualTo(source);
        assertThat(r.get("SR")).isEqualTo(local);
        assertThat(r.get("name_label")).isEqualTo(src.get("name_label"));
        assertThat(asLong(r.get("virtual_size"))).isEqualTo(asLong(src.get("virtual_size")));
        assertThat(c.list("SR", local, "VDIs")).contains(copy);
        assertThat(c.number("SR", local, "physical_utilisation"))
                .isEqualTo(localUsed + asLong(src.get("physical_utilisation")));
        assertFailure(c.failure("VDI.copy", source, "OpaqueRef:NULL"), "HANDLE_INVALID", "SR", "OpaqueRef:NULL");
    }

    @Test
    void renamingADiskWorksSyncAndAsync() throws Exception {
        String vdi = c.ref("VDI.create", vdiArgs(nfsSr(), "old", GIB));
        c.call("VDI.set_name_label", vdi, "new");
        assertThat(c.call("VDI.get_name_label", vdi)).isEqualTo("new");
        c.async("VDI.set_name_label", vdi, "newer");
        assertThat(c.call("VDI.get_name_label", vdi)).isEqualTo("newer");
    }

    @Test
    void aDriveAddedToARunningVmIsPluggedOnlyByVbdPlug() throws Exception {
        String vm = c.named("VM", "web-01");
        String vdi = c.ref("VDI.create", vdiArgs(nfsSr(), "hot disk", GIB));

        String vbd = c.ref("VBD.create", vbdArgs(vm, vdi, "autodetect", "Disk", "RW"));

        Map<String, Object> r = c.record("VBD", vbd);
        assertThat(r.get("userdevice")).isEqualTo("1"); // 0 is the system disk, 3 the CD drive
        assertThat(r.get("currently_attached")).isEqualTo(false);
        assertThat(c.list("VM", vm, "VBDs")).contains(vbd);
        assertThat(c.list("VDI", vdi, "VBDs")).containsExactly(vbd);

        c.async("VBD.plug", vbd);
        assertThat(c.call("VBD.get_currently_attached", vbd)).isEqualTo(true);
        assertFailure(c.failure("VBD.plug", vbd), "DEVICE_ALREADY_ATTACHED", vbd);
        assertFailure(c.failure("VBD.destroy", vbd), "OPERATION_NOT_ALLOWED", "VBD currently attached to a running VM");
        assertFailure(c.failure("VDI.destroy", vdi), "VDI_IN_USE", vdi, "destroy");

        c.call("VBD.unplug", vbd);
        assertThat(c.call("VBD.get_currently_attached", vbd)).isEqualTo(false);
        assertFailure(c.failure("VBD.unplug", vbd), "DEVICE_ALREADY_DETACHED", vbd);

        c.call("VBD.destroy", vbd);
        assertThat(c.list("VM", vm, "VBDs")).doesNotContain(vbd);
        assertThat(c.list("VDI", vdi, "VBDs")).isEmpty();
    }

    @Test
    void vbdCreateAndPlugFollowXapisRules() throws Exception {
        String halted = c.named("VM", "dev-sandbox");
        String running = c.named("VM", "web-01");
        String vdi = c.ref("VDI.create", vdiArgs(nfsSr(), "d", GIB));
        assertFailure(c.failure("VBD.create", vbdArgs(halted, vdi, "0", "Disk", "RW")), "DEVICE_ALREADY_EXISTS", "0");
        assertFailure(c.failure("VBD.create", vbdArgs(halted, vdi, "xvdz", "Disk", "RW")), "INVALID_DEVICE", "xvdz");
        assertFailure(c.failure("VBD.create", vbdArgs("OpaqueRef:NULL", vdi, "1", "Disk", "RW")),
                "HANDLE_INVALID", "VM", "OpaqueRef:NULL");
        Map<String, Object> emptyDisk = vbdArgs(halted, "OpaqueRef:NULL", "1", "Disk", "RW");
        emptyDisk.put("empty", true);
        assertFailure(c.failure("VBD.create", emptyDisk), "VBD_NOT_REMOVABLE_MEDIA", "in constructor");
        assertFailure(c.failure("VBD.create", vbdArgs(halted, isoVdi(), "4", "CD", "RW")), "VBD_CDS_MUST_BE_READONLY");
        assertFailure(c.failure("VBD.create", vbdArgs(halted, vdi, "4", "CD", "RO")), "VDI_IS_NOT_ISO", vdi, "");
        assertFailure(c.failure("VBD.create", vbdArgs(halted, isoVdi(), "4", "Disk", "RW")), "VDI_READONLY", isoVdi());

        String onHalted = c.ref("VBD.create", vbdArgs(halted, vdi, "1", "Disk", "RW"));
        assertFailure(c.failure("VBD.plug", onHalted), "VM_BAD_POWER_STATE", halted, "running", "halted");
        assertFailure(c.asyncFailure("VBD.unplug", onHalted), "VM_BAD_POWER_STATE", halted, "running", "halted");

        Map<String, Object> fixed = vbdArgs(running, c.ref("VDI.create", vdiArgs(nfsSr(), "e", GIB)), "2", "Disk", "RW");
        fixed.put("unpluggable", false);
        String vbd = c.ref("VBD.create", fixed);
        c.call("VBD.plug", vbd);
        assertFailure(c.failure("VBD.unplug", vbd), "VBD_NOT_UNPLUGGABLE", vbd);
    }

    @Test
    void cdDrivesTakeAndGiveBackIsoImagesOnly() throws Exception {
        String vm = c.named("VM", "dev-sandbox");
        String cd = c.list("VM", vm, "VBDs").stream().map(String::valueOf).filter(v -> {
            try {
                return c.call("VBD.get_type", v).equals("CD");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).findFirst().orElseThrow();
        String disk = c.list("VM", vm, "VBDs").stream().map(String::valueOf).filter(v -> !v.equals(cd)).findFirst().orElseThrow();
        String iso = isoVdi();
        String notIso = c.ref("VDI.create", vdiArgs(nfsSr(), "plain", GIB));

        assertFailure(c.failure("VBD.eject", cd), "VBD_IS_EMPTY", cd);
        assertFailure(c.failure("VBD.insert", cd, notIso), "VDI_IS_NOT_ISO", notIso, "");
        c.async("VBD.insert", cd, iso);
        assertThat(c.record("VBD", cd)).containsEntry("VDI", iso).containsEntry("empty", false);
        assertThat(c.list("VDI", iso, "VBDs")).contains(cd);
        assertFailure(c.failure("VBD.insert", cd, iso), "VBD_NOT_EMPTY", cd);

        c.call("VBD.eject", cd);
        assertThat(c.record("VBD", cd)).containsEntry("VDI", "OpaqueRef:NULL").containsEntry("empty", true);
        assertThat(c.list("VDI", iso, "VBDs")).doesNotContain(cd);
        assertFailure(c.failure("VBD.insert", disk, iso), "VBD_NOT_REMOVABLE_MEDIA", disk);
        assertFailure(c.failure("VBD.eject", disk), "VBD_NOT_REMOVABLE_MEDIA", disk);

        String suspended = c.named("VM", "build-runner");
        String suspendedCd = c.find("VBD", r -> suspended.equals(r.get("VM")) && "CD".equals(r.get("type"))).orElseThrow();
        assertFailure(c.failure("VBD.insert", suspendedCd, iso), "VM_BAD_POWER_STATE", suspended, "halted, running",
                "suspended");
    }

    @Test
    void aSharedSrGetsAPluggedPbdOnEveryHostALocalOneOnItsHost() throws Exception {
        int srs = c.all("SR").size();
        String sr = (String) c.async("SR.create", c.hosts().get(0),
                Map.of("server", "nas.example.com", "serverpath", "/export/vms"), "0", "Team NFS", "", "nfs", "", true,
                Map.of());

        Map<String, Object> r = c.record("SR", sr);
        assertThat(r).containsEntry("type", "nfs").containsEntry("shared", true).containsEntry("name_label", "Team NFS")
                .containsEntry("name_description", "NFS SR [nas.example.com:/export/vms]");
        assertThat(asLong(r.get("physical_size"))).isGreaterThan(GIB);
        assertThat(asLong(r.get("physical_utilisation"))).isZero();
        assertThat(c.all("SR")).hasSize(srs + 1);
        List<Object> pbds = c.list("SR", sr, "PBDs");
        assertThat(pbds).hasSize(3);
        List<Object> pbdHosts = new ArrayList<>();
        for (Object pbd : pbds) {
            Map<String, Object> p = c.record("PBD", (String) pbd);
            assertThat(p.get("currently_attached")).isEqualTo(true);
            assertThat(p.get("device_config")).isEqualTo(Map.of("server", "nas.example.com", "serverpath", "/export/vms"));
            pbdHosts.add(p.get("host"));
            assertThat(c.list("host", (String) p.get("host"), "PBDs")).contains(pbd);
        }
        assertThat(pbdHosts).containsExactlyInAnyOrderElementsOf(c.hosts());
        assertThat(c.all("SM").values()).anySatisfy(sm -> assertThat(sm.get("type")).isEqualTo("nfs"));

        String host = c.hosts().get(1);
        String local = c.ref("SR.create", host, Map.of("device", "/dev/sdb"), "0", "Second disk", "", "ext", "", false,
                Map.of());
        assertThat(c.list("SR", local, "PBDs")).singleElement()
                .satisfies(p -> assertThat(c.call("PBD.get_host", p)).isEqualTo(host));
    }

    @Test
    void srCreateChecksDeviceConfigAsEachDriverDoes() throws Exception {
        int srs = c.all("SR").size();
        expectBackend("nfs", Map.of("serverpath", "/x"), 102, "The request is missing the server parameter");
        expectBackend("nfs", Map.of("server", "nas.example.com"), 101, "The request is missing the serverpath parameter");
        expectBackend("nfs", Map.of("server", "nas.invalid", "serverpath", "/x"), 140, "Incorrect DNS name, unable to resolve.");
        expectBackend("nfs", Map.of("server", "192.0.2.10", "serverpath", "/x"), 108,
                "Unable to detect an NFS service on this target.");
        assertThat(c.failure("SR.create", c.hosts().get(0), Map.of("server", "nas.example.com", "serverpath", "export"),
                "0", "n", "", "nfs", "", true, Map.of()).code()).isEqualTo("SR_BACKEND_FAILURE_73");
        expectBackend("lvmoiscsi", Map.of("targetIQN", "iqn.x:y"), 95, "The request is missing the target parameter");
        expectBackend("lvmoiscsi", Map.of("target", "10.0.0.50"), 96,
                "The request is missing or has an incorrect target IQN parameter");
        expectBackend("lvmoiscsi", Map.of("target", "san.invalid", "targetIQN", "iqn.x:y"), 140,
                "Incorrect DNS name, unable to resolve.");
        expectBackend("lvmoiscsi", Map.of("target", "10.0.0.50", "targetIQN", "storage"), 106,
                "The IQN provided is an invalid format");
        expectBackend("smb", Map.of("username", "u"), 102, "The request is missing the server parameter");
        expectBackend("smb", Map.of("server", "//files.invalid/share"), 140, "Incorrect DNS name, unable to resolve.");
        expectBackend("iso", Map.of(), 94, "The request is missing the location parameter");
        assertThat(c.failure("SR.create", c.hosts().get(0), Map.of("location", "just-a-name"), "0", "n", "", "iso", "iso",
                true, Map.of()).code()).isEqualTo("SR_BACKEND_FAILURE_225");
        expectBackend("iso", Map.of("location", "//files.invalid/isos"), 140, "Incorrect DNS name, unable to resolve.");
        assertFailure(c.failure("SR.create", c.hosts().get(0), Map.of(), "0", "n", "", "zfs", "", true, Map.of()),
                "SR_UNKNOWN_DRIVER", "zfs");
        assertFailure(c.failure("SR.create", "OpaqueRef:NULL", Map.of(), "0", "n", "", "nfs", "", true, Map.of()),
                "HANDLE_INVALID", "host", "OpaqueRef:NULL");
        assertThat(c.all("SR")).hasSize(srs);
        // An SMB share with credentials is accepted.
        createSr("smb", Map.of("server", "//files.example.com/vms", "username", "svc", "password", "secret"), true);
        assertThat(c.all("SR")).hasSize(srs + 1);
    }

    private void expectBackend(String type, Map<String, String> config, int code, String text) {
        XapiException e = c.failure("SR.create", hostUnchecked(), config, "0", "n", "", type, "", true, Map.of());
        assertFailure(e, "SR_BACKEND_FAILURE_" + code, "", text, "");
    }

    private String hostUnchecked() {
        try {
            return c.hosts().get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void probeGuidesANewSrWizardStepByStep() throws Exception {
        String host = c.hosts().get(0);
        XapiException exports = c.failure("SR.probe", host, Map.of("server", "nas.example.com"), "nfs", Map.of());
        assertThat(exports.code()).isEqualTo("SR_BACKEND_FAILURE_101");
        assertThat(exports.params().get(2)).contains("<Target>nas.example.com</Target>", "<Path>/export/vms</Path>");
        Map<String, String> nfs = Map.of("server", "nas.example.com", "serverpath", "/export/vms");
        assertThat(c.async("SR.probe", host, nfs, "nfs", Map.of())).isEqualTo("<?xml version=\"1.0\" ?><SRlist></SRlist>");
        String sr = createSr("nfs", nfs, true);
        assertThat((String) c.call("SR.probe", host, nfs, "nfs", Map.of()))
                .contains("<SR><UUID>" + c.call("SR.get_uuid", sr) + "</UUID></SR>");
        assertThat(c.failure("SR.probe", host, Map.of("server", "nas.invalid"), "nfs", Map.of()).code())
                .isEqualTo("SR_BACKEND_FAILURE_140");

        XapiException iqns = c.failure("SR.probe", host, Map.of("target", "10.0.0.60"), "lvmoiscsi", Map.of());
        assertThat(iqns.code()).isEqualTo("SR_BACKEND_FAILURE_96");
        String xml = iqns.params().get(2);
        String iqn = xml.substring(xml.indexOf("<TargetIQN>") + 11, xml.indexOf("</TargetIQN>"));
        XapiException luns = c.failure("SR.probe", host, Map.of("target", "10.0.0.60", "targetIQN", iqn), "lvmoiscsi",
                Map.of());
        assertThat(luns.code()).isEqualTo("SR_BACKEND_FAILURE_107");
        assertThat(luns.params().get(2)).contains("<SCSIid>");
        assertFailure(c.failure("SR.probe", host, Map.of(), "zfs", Map.of()), "SR_UNKNOWN_DRIVER", "zfs");
    }

    @Test
    void anIsoSrShowsTheSameImagesOnEveryScan() throws Exception {
        List<Object> first = scannedIsoNames(c);
        assertThat(first).isNotEmpty().allSatisfy(n -> assertThat(n.toString()).contains(".iso "));

        try (ClientOnSimulator again = new ClientOnSimulator(Protocol.JSON_RPC)) {
            assertThat(scannedIsoNames(again)).isEqualTo(first);
        }
    }

    private static List<Object> scannedIsoNames(ClientOnSimulator w) throws Exception {
        String sr = w.ref("SR.create", w.hosts().get(0), Map.of("location", "//files.example.com/isos"), "0", "ISOs", "",
                "iso", "iso", true, Map.of());
        assertThat(w.list("SR", sr, "VDIs")).isEmpty();
        w.async("SR.scan", sr);
        List<Object> vdis = w.list("SR", sr, "VDIs");
        w.call("SR.scan", sr);
        assertThat(w.list("SR", sr, "VDIs")).isEqualTo(vdis);
        List<Object> names = new ArrayList<>();
        long total = 0;
        for (Object vdi : vdis) {
            Map<String, Object> r = w.record("VDI", (String) vdi);
            assertThat(r).containsEntry("read_only", true).containsEntry("SR", sr);
            names.add(r.get("name_label") + " " + r.get("uuid"));
            total += asLong(r.get("physical_utilisation"));
        }
        assertThat(w.number("SR", sr, "physical_utilisation")).isEqualTo(total);
        return names;
    }

    @Test
    void destroyAndForgetNeedUnpluggedPbdsAndDestroyAnEmptySr() throws Exception {
        String sr = createSr("nfs", Map.of("server", "nas.example.com", "serverpath", "/export/a"), true);
        String vdi = c.ref("VDI.create", vdiArgs(sr, "keep", GIB));
        assertFailure(c.failure("SR.destroy", sr), "SR_HAS_PBD", sr);
        assertFailure(c.failure("SR.forget", sr), "SR_HAS_PBD", sr);
        assertThat(c.list("SR", sr, "allowed_operations")).doesNotContain("destroy", "forget").contains("scan");

        List<Object> pbds = c.list("SR", sr, "PBDs");
        for (Object pbd : pbds) {
            c.async("PBD.unplug", pbd);
        }
        c.call("PBD.unplug", pbds.get(0)); // unplugging an unplugged PBD does nothing
        assertFailure(c.failure("VDI.create", vdiArgs(sr, "no", GIB)), "SR_NO_PBDS", sr);
        assertFailure(c.failure("SR.scan", sr), "SR_NO_PBDS", sr);
        assertFailure(c.failure("SR.destroy", sr), "SR_NOT_EMPTY");
        assertThat(c.list("SR", sr, "allowed_operations")).contains("forget").doesNotContain("destroy");

        c.call("PBD.plug", pbds.get(0));
        c.call("PBD.plug", pbds.get(0));
        c.call("VDI.destroy", vdi);
        c.call("PBD.unplug", pbds.get(0));
        c.async("SR.destroy", sr);

        assertThat(c.all("SR")).doesNotContainKey(sr);
        assertThat(c.all("PBD")).doesNotContainKeys(pbds.toArray(String[]::new));
        for (String host : c.hosts()) {
            assertThat(c.list("host", host, "PBDs")).doesNotContainAnyElementsOf(pbds);
        }
    }

    @Test
    void forgetDropsTheRecordsOfAnSrWithDisks() throws Exception {
        String sr = createSr("nfs", Map.of("server", "nas.example.com", "serverpath", "/export/b"), true);
        String vdi = c.ref("VDI.create", vdiArgs(sr, "on forgotten SR", GIB));
        String vm = c.named("VM", "dev-sandbox");
        String vbd = c.ref("VBD.create", vbdArgs(vm, vdi, "5", "Disk", "RW"));
        for (Object pbd : c.list("SR", sr, "PBDs")) {
            c.call("PBD.unplug", pbd);
        }
        c.call("SR.forget", sr);
        assertThat(c.all("SR")).doesNotContainKey(sr);
        assertThat(c.all("VDI")).doesNotContainKey(vdi);
        assertThat(c.list("VM", vm, "VBDs")).doesNotContain(vbd);
    }

    @Test
    void aPbdCannotBeUnpluggedUnderARunningVmsDisks() throws Exception {
        String sr = nfsSr();
        String host = (String) c.call("VM.get_resident_on", c.named("VM", "web-01"));
        String pbd = c.list("SR", sr, "PBDs").stream().map(String::valueOf).filter(p -> {
            try {
                return c.call("PBD.get_host", p).equals(host);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).findFirst().orElseThrow();
        XapiException e = c.failure("PBD.unplug", pbd);
        assertThat(e.code()).isEqualTo("VDI_IN_USE");
        assertThat(e.params()).isNotEmpty().allSatisfy(v -> assertThat(c.list("SR", sr, "VDIs")).contains(v));
        assertThat(c.call("PBD.get_currently_attached", pbd)).isEqualTo(true);
    }
}
