package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
 * VM.clone, copy, snapshot, revert, provision and destroy through our client over a real socket: what they
 * make (disks, VBDs, VIFs, metrics, references both ways, SR usage) and how they refuse (§7's order).
 */
@SuppressWarnings("unchecked")
class VmCopyOperationsTest {
    private static final String NULL = ClientOnSimulator.NULL;
    private ClientOnSimulator c;

    @BeforeEach
    void start() throws Exception {
        c = new ClientOnSimulator(Protocol.XML_RPC);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private String diskOf(String vm) throws Exception {
        for (String vbd : c.refs("VM", vm, "VBDs")) {
            if (c.call("VBD.get_type", vbd).equals("Disk")) {
                return (String) c.call("VBD.get_VDI", vbd);
            }
        }
        throw new AssertionError("no disk on " + vm);
    }

    private String vifOf(String vm) throws Exception {
        return c.refs("VM", vm, "VIFs").get(0);
    }

    private void assertUsageIsTrue(String sr) throws Exception {
        long used = 0;
        long allocated = 0;
        for (String vdi : c.refs("SR", sr, "VDIs")) {
            used += c.number("VDI", vdi, "physical_utilisation");
            allocated += c.number("VDI", vdi, "virtual_size");
        }
        assertThat(c.number("SR", sr, "physical_utilisation")).isEqualTo(used);
        assertThat(c.number("SR", sr, "virtual_allocation")).isEqualTo(allocated);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void cloneMakesAHaltedVmWithNewDisksInTheSameSrAndFreshMacs(Protocol protocol) throws Exception {
        c.close();
        c = new ClientOnSimulator(protocol);
        String vm = c.vm("dev-sandbox");
        String disk = diskOf(vm);
        String sr = (String) c.call("VDI.get_SR", disk);
        long allocatedBefore = c.number("SR", sr, "virtual_allocation");

        String clone = (String) c.async("VM.clone", vm, "dev-sandbox (2)");

        Map<String, Object> r = c.record("VM", clone);
        assertThat(r.get("name_label")).isEqualTo("dev-sandbox (2)");
        assertThat(r.get("power_state")).isEqualTo("Halted");
        assertThat(r).containsEntry("is_a_template", false).containsEntry("is_a_snapshot", false)
                .containsEntry("snapshot_of", NULL).containsEntry("parent", NULL).containsEntry("resident_on", NULL);
        assertThat((Map<String, Object>) r.get("other_config")).containsEntry("folder", "/Development")
                .containsKey("mac_seed");
        assertThat((List<Object>) r.get("allowed_operations")).contains("start", "clone", "destroy", "snapshot");
        assertThat(r.get("metrics")).isNotEqualTo(c.call("VM.get_metrics", vm));
        assertThat(c.record("VM_metrics", (String) r.get("metrics"))).isNotEmpty();

        assertThat((List<Object>) r.get("VBDs")).hasSize(c.refs("VM", vm, "VBDs").size());
        String newDisk = diskOf(clone);
        assertThat(newDisk).isNotEqualTo(disk);
        assertThat(c.call("VDI.get_SR", newDisk)).isEqualTo(sr);
        assertThat(c.number("VDI", newDisk, "virtual_size")).isEqualTo(c.number("VDI", disk, "virtual_size"));
        assertThat(c.refs("SR", sr, "VDIs")).contains(newDisk);
        for (Object vbd : (List<Object>) r.get("VBDs")) {
            assertThat(c.call("VBD.get_VM", vbd)).isEqualTo(clone);
            assertThat(c.call("VBD.get_currently_attached", vbd)).isEqualTo(false);
        }
        assertThat(c.number("SR", sr, "virtual_allocation"))
                .isEqualTo(allocatedBefore + c.number("VDI", disk, "virtual_size"));
        assertUsageIsTrue(sr);

        String vif = vifOf(clone);
        assertThat(c.call("VIF.get_VM", vif)).isEqualTo(clone);
        assertThat(c.call("VIF.get_network", vif)).isEqualTo(c.call("VIF.get_network", vifOf(vm)));
        assertThat((String) c.call("VIF.get_MAC", vif)).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")
                .isNotEqualTo(c.call("VIF.get_MAC", vifOf(vm)));
        assertThat((List<Object>) c.call("VM.get_allowed_operations", vm)).contains("clone", "start");
        assertThat((Map<Object, Object>) c.call("VM.get_current_operations", vm)).isEmpty();
    }

    @Test
    void copyPutsFullCopiesOfTheDisksOnTheTargetSr() throws Exception {
        String vm = c.vm("dev-sandbox");
        String disk = diskOf(vm);
        String local = ((List<String>) c.call("SR.get_by_name_label", "Local storage")).get(0);

        String copy = (String) c.async("VM.copy", vm, "sandbox copy", local);

        String newDisk = diskOf(copy);
        assertThat(c.call("VDI.get_SR", newDisk)).isEqualTo(local);
        assertThat(c.number("VDI", newDisk, "physical_utilisation")).isEqualTo(c.number("VDI", disk, "physical_utilisation"));
        assertUsageIsTrue(local);
        assertUsageIsTrue((String) c.call("VDI.get_SR", disk));

        String sameSr = (String) c.async("VM.copy", vm, "copy in place", NULL);
        assertThat(c.call("VDI.get_SR", diskOf(sameSr))).isEqualTo(c.call("VDI.get_SR", disk));

        String isos = ((List<String>) c.call("SR.get_by_name_label", "ISO library")).get(0);
        XapiException iso = c.failure("VM.copy", vm, "onto an ISO library", isos);
        assertThat(iso.code()).isEqualTo("SR_OPERATION_NOT_SUPPORTED");
        assertThat(iso.params()).containsExactly(isos);

        XapiException e = c.failure("VM.copy", vm, "nowhere", "OpaqueRef:no-such-sr");
        assertThat(e.code()).isEqualTo("HANDLE_INVALID");
        assertThat(e.params()).containsExactly("SR", "OpaqueRef:no-such-sr");
    }

    @Test
    void copyToAnSrWithoutRoomIsRefusedByTheStorageBackend() throws Exception {
        String vm = c.vm("dev-sandbox");
        String local = ((List<String>) c.call("SR.get_by_name_label", "Local storage")).get(0);
        c.sim.store().set(local, "physical_size", c.number("SR", local, "physical_utilisation") + 1);
        int vms = c.sim.store().count("VM");
        assertThat(c.failure("VM.copy", vm, "too big", local).code()).isEqualTo("SR_BACKEND_FAILURE_44");
        assertThat(c.sim.store().count("VM")).isEqualTo(vms);
    }

    @Test
    void cloneAndCopyOfARunningVmAreRefusedAndTemplatesCloneIntoTemplates() throws Exception {
        String running = c.vm("web-01");
        XapiException e = c.failure("VM.clone", running, "x");
        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(e.params()).containsExactly(running, "halted", "running");
        assertThat(c.failure("VM.copy", c.vm("build-runner"), "x", NULL).params())
                .containsExactly(c.vm("build-runner"), "halted", "suspended");

        String template = c.vm("Debian Bookworm 12");
        String mine = (String) c.async("VM.clone", template, "My Debian");
        Map<String, Object> r = c.record("VM", mine);
        assertThat(r).containsEntry("is_a_template", true).containsEntry("is_default_template", false);
        assertThat((Map<String, Object>) r.get("other_config")).doesNotContainKey("default_template")
                .containsEntry("base_template_name", "Debian Bookworm 12");
        // A user's template may be deleted, a default one may not.
        assertThat((List<Object>) r.get("allowed_operations")).contains("destroy", "provision", "clone");
        assertThat(c.failure("VM.destroy", template).code()).isEqualTo("VM_IS_TEMPLATE");
        c.call("VM.destroy", mine);

        c.call("VM.add_to_blocked_operations", template, "clone", "ASK_ADMIN");
        e = c.failure("VM.clone", template, "blocked");
        assertThat(e.code()).isEqualTo("OPERATION_BLOCKED");
        assertThat(e.params()).containsExactly(template, "ASK_ADMIN");
    }

    @Test
    void snapshotOfARunningVmIsAHaltedSnapshotWithItsOwnDisksAndTheSameMacs() throws Exception {
        String vm = c.vm("web-01");
        String disk = diskOf(vm);

        String snap = (String) c.async("VM.snapshot", vm, "before upgrade");

        Map<String, Object> r = c.record("VM", snap);
        assertThat(r).containsEntry("is_a_snapshot", true).containsEntry("is_a_template", true)
                .containsEntry("snapshot_of", vm).containsEntry("power_state", "Halted")
                .containsEntry("name_label", "before upgrade");
        assertThat((Instant) r.get("snapshot_time")).isAfter(Instant.EPOCH);
        assertThat((Map<String, Object>) r.get("snapshot_info")).containsEntry("power-state-at-snapshot", "Running");
        assertThat(c.refs("VM", vm, "snapshots")).containsExactly(snap);
        assertThat(c.call("VM.get_parent", vm)).isEqualTo(snap);
        assertThat(c.call("VM.get_power_state", vm)).isEqualTo("Running");
        assertThat((List<Object>) r.get("allowed_operations")).contains("revert", "clone", "copy", "export", "destroy")
                .doesNotContain("start", "snapshot");

        String snapDisk = diskOf(snap);
        assertThat(c.record("VDI", snapDisk)).containsEntry("is_a_snapshot", true).containsEntry("snapshot_of", disk);
        assertThat(c.refs("VDI", disk, "snapshots")).containsExactly(snapDisk);
        assertThat(c.call("VIF.get_MAC", vifOf(snap))).isEqualTo(c.call("VIF.get_MAC", vifOf(vm)));
        assertUsageIsTrue((String) c.call("VDI.get_SR", disk));

        String uuid = (String) c.call("VM.get_uuid", vm);
        assertThat(((Map<String, Object>) c.call("message.get_all_records")).values())
                .anySatisfy(m -> assertThat((Map<String, Object>) m).containsEntry("name", "VM_SNAPSHOTTED")
                        .containsEntry("obj_uuid", uuid).containsEntry("priority", "5"));
        assertThat(c.failure("VM.snapshot", snap, "again").code()).isEqualTo("VM_IS_SNAPSHOT");
        assertThat(c.failure("VM.start", snap, false, false).code()).isEqualTo("VM_IS_SNAPSHOT");
        assertThat(c.failure("VM.snapshot", c.vm("Debian Bookworm 12"), "t").code()).isEqualTo("VM_IS_TEMPLATE");

        String second = (String) c.call("VM.snapshot", vm, "after upgrade");
        assertThat(c.call("VM.get_parent", second)).isEqualTo(snap);
        assertThat(c.refs("VM", snap, "children")).containsExactly(second);
    }

    @Test
    void aSnapshotLeavesOutTheDisksItIsToldToIgnore() throws Exception {
        String vm = c.vm("db-primary");
        List<String> vdis = new java.util.ArrayList<>();
        for (String vbd : c.refs("VM", vm, "VBDs")) {
            if (c.call("VBD.get_type", vbd).equals("Disk")) {
                vdis.add((String) c.call("VBD.get_VDI", vbd));
            }
        }
        assertThat(vdis).hasSize(2);
        String snap = (String) c.call("VM.snapshot", vm, "system disk only", List.of(vdis.get(1)));
        assertThat(c.refs("VDI", vdis.get(0), "snapshots")).hasSize(1);
        assertThat(c.refs("VDI", vdis.get(1), "snapshots")).isEmpty();
        assertThat(c.refs("VM", snap, "VBDs")).hasSize(c.refs("VM", vm, "VBDs").size() - 1);
    }

    @Test
    void anAsyncCloneReportsProgressAndEndsWithTheNewVm() throws Exception {
        c.close();
        c = new ClientOnSimulator(Protocol.XML_RPC, Duration.ofSeconds(1));
        String task = c.session.callAsync("VM.clone", c.vm("dev-sandbox"), "watched");
        SimTestSupport.waitFor("progress", () -> {
            double p = ((Number) c.sim.store().get(task, "progress")).doubleValue();
            return p > 0 && p < 1;
        });
        assertThat((Map<String, Object>) c.call("VM.get_current_operations", c.vm("dev-sandbox")))
                .containsEntry(task, "clone");
        Object result = org.xapicenter.xapi.Tasks.await(c.session, task, ClientOnSimulator.WAIT);
        assertThat(c.call("task.get_progress", task)).isEqualTo(1.0);
        assertThat(result).isEqualTo(c.vm("watched"));
    }

    @Test
    void revertBringsBackSettingsDisksAndNicsAndStopsTheVm() throws Exception {
        String vm = c.vm("dev-sandbox");
        String disk = diskOf(vm);
        String mac = (String) c.call("VIF.get_MAC", vifOf(vm));
        String snap = (String) c.call("VM.snapshot", vm, "clean");
        c.call("VM.set_name_description", vm, "changed after the snapshot");
        c.call("VM.set_VCPUs_max", vm, "6");
        c.call("VM.start", vm, false, false);
        String host = (String) c.call("VM.get_resident_on", vm);

        assertThat(c.failure("VM.revert", vm).code()).isEqualTo("REVERT_ONLY_ALLOWED_ON_SNAPSHOT");
        c.async("VM.revert", snap);

        Map<String, Object> r = c.record("VM", vm);
        assertThat(r).containsEntry("power_state", "Halted").containsEntry("resident_on", NULL)
                .containsEntry("name_label", "dev-sandbox").containsEntry("parent", snap)
                .containsEntry("name_description", "Scratch VM for experiments");
        assertThat(r.get("VCPUs_max").toString()).isEqualTo("2");
        assertThat((List<Object>) r.get("consoles")).isEmpty();
        assertThat(c.refs("host", host, "resident_VMs")).doesNotContain(vm);
        assertThat((List<Object>) r.get("allowed_operations")).contains("start");
        String newDisk = diskOf(vm);
        assertThat(newDisk).isNotEqualTo(disk);
        assertThat(c.sim.store().exists(disk)).isFalse();
        assertThat(c.call("VDI.get_snapshot_of", diskOf(snap))).isEqualTo(newDisk);
        assertThat(c.call("VIF.get_MAC", vifOf(vm))).isEqualTo(mac);
        assertUsageIsTrue((String) c.call("VDI.get_SR", newDisk));
        assertThat(c.refs("VM", vm, "snapshots")).containsExactly(snap);
    }

    @Test
    void revertingASnapshotWhoseVmIsGoneMakesTheVmAgain() throws Exception {
        String vm = (String) c.call("VM.clone", c.vm("legacy-app"), "short-lived");
        String snap = (String) c.call("VM.snapshot", vm, "keep me");
        c.call("VM.destroy", vm);

        c.call("VM.revert", snap);

        String back = (String) c.call("VM.get_snapshot_of", snap);
        assertThat(back).isNotEqualTo(vm);
        assertThat(c.record("VM", back)).containsEntry("is_a_template", false).containsEntry("is_a_snapshot", false)
                .containsEntry("power_state", "Halted").containsEntry("parent", snap);
        assertThat(c.refs("VM", back, "snapshots")).containsExactly(snap);
        assertThat(c.refs("VM", back, "VBDs")).isNotEmpty();
    }

    @Test
    void provisionTurnsATemplatesDiskSpecIntoDisksOnTheDefaultSr() throws Exception {
        String pool = ((List<String>) c.call("pool.get_all")).get(0);
        String defaultSr = (String) c.call("pool.get_default_SR", pool);
        String vm = (String) c.call("VM.clone", c.vm("Debian Bookworm 12"), "new-debian");
        assertThat(c.refs("VM", vm, "VBDs")).isEmpty();

        c.async("VM.provision", vm);

        Map<String, Object> r = c.record("VM", vm);
        assertThat(r).containsEntry("is_a_template", false);
        assertThat((Map<String, Object>) r.get("other_config")).doesNotContainKey("disks");
        assertThat((List<Object>) r.get("allowed_operations")).contains("start").doesNotContain("provision");
        String vbd = c.refs("VM", vm, "VBDs").get(0);
        assertThat(c.record("VBD", vbd)).containsEntry("userdevice", "0").containsEntry("bootable", true)
                .containsEntry("type", "Disk");
        String vdi = (String) c.call("VBD.get_VDI", vbd);
        assertThat(c.record("VDI", vdi)).containsEntry("SR", defaultSr).containsEntry("name_label", "0")
                .containsEntry("type", "system");
        assertThat(c.number("VDI", vdi, "virtual_size")).isEqualTo(10L << 30);
        assertUsageIsTrue(defaultSr);
        assertThat(c.failure("VM.provision", vm).code()).isEqualTo("PROVISION_ONLY_ALLOWED_ON_TEMPLATE");
    }

    @Test
    void provisionRefusesABadSpecAnUnknownSrAndAMissingDefaultSr() throws Exception {
        String template = (String) c.call("VM.clone", c.vm("Debian Bookworm 12"), "t");
        c.call("VM.remove_from_other_config", template, "disks");
        c.call("VM.add_to_other_config", template, "disks", "<provision><disk device=\"0\"/></provision>");
        assertThat(c.failure("VM.provision", template).code()).isEqualTo("INTERNAL_ERROR");

        c.call("VM.remove_from_other_config", template, "disks");
        c.call("VM.add_to_other_config", template, "disks",
                "<provision><disk device=\"0\" size=\"1024\" sr=\"no-such-uuid\" bootable=\"true\"/></provision>");
        XapiException e = c.failure("VM.provision", template);
        assertThat(e.code()).isEqualTo("UUID_INVALID");
        assertThat(e.params()).containsExactly("sr", "no-such-uuid");

        String pool = ((List<String>) c.call("pool.get_all")).get(0);
        c.call("VM.remove_from_other_config", template, "disks");
        c.call("VM.add_to_other_config", template, "disks",
                "<provision><disk device=\"0\" size=\"1024\" sr=\"\" bootable=\"true\"/></provision>");
        c.call("pool.set_default_SR", pool, NULL);
        assertThat(c.failure("VM.provision", template).code()).isEqualTo("DEFAULT_SR_NOT_FOUND");
        assertThat(c.call("VM.get_is_a_template", template)).isEqualTo(true);
        assertThat(c.refs("VM", template, "VBDs")).isEmpty();
    }

    @Test
    void destroyRemovesTheVmItsDevicesAndMetricsButKeepsItsDisks() throws Exception {
        String vm = (String) c.call("VM.clone", c.vm("dev-sandbox"), "doomed");
        Map<String, Object> r = c.record("VM", vm);
        String disk = diskOf(vm);
        String vif = vifOf(vm);
        String network = (String) c.call("VIF.get_network", vif);

        c.async("VM.destroy", vm);

        assertThat(c.failure("VM.get_record", vm).params()).containsExactly("VM", vm);
        for (Object vbd : (List<Object>) r.get("VBDs")) {
            assertThat(c.sim.store().exists((String) vbd)).isFalse();
        }
        assertThat(c.sim.store().exists(vif)).isFalse();
        assertThat(c.sim.store().exists((String) r.get("metrics"))).isFalse();
        assertThat(c.refs("network", network, "VIFs")).doesNotContain(vif);
        assertThat(c.refs("VDI", disk, "VBDs")).isEmpty();
        assertThat(c.call("VDI.get_SR", disk)).isNotNull();

        String running = c.vm("web-01");
        XapiException e = c.failure("VM.destroy", running);
        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(e.params()).containsExactly(running, "halted, suspended", "running");
        c.call("VM.destroy", c.vm("build-runner"));
    }

    @Test
    void destroyingASnapshotHangsItsChildrenFromItsParent() throws Exception {
        String vm = c.vm("web-01");
        String first = (String) c.call("VM.snapshot", vm, "first");
        String second = (String) c.call("VM.snapshot", vm, "second");
        assertThat(c.call("VM.get_parent", vm)).isEqualTo(second);

        c.call("VM.destroy", second);

        assertThat(c.call("VM.get_parent", vm)).isEqualTo(first);
        assertThat(c.refs("VM", first, "children")).containsExactly(vm);
        assertThat(c.refs("VM", vm, "snapshots")).containsExactly(first);
    }

    @Test
    void copiesOfOneVmRunSideBySideButBlockOtherOperations() throws Exception {
        c.close();
        c = new ClientOnSimulator(Protocol.XML_RPC, Duration.ofSeconds(60));
        String template = c.vm("Debian Bookworm 12");
        int vms = c.sim.store().count("VM");
        String first = c.session.callAsync("VM.clone", template, "a");
        SimTestSupport.waitFor("clone to be current",
                () -> c.sim.store().getMap(template, "current_operations").containsKey(first));
        assertThat((List<Object>) c.call("VM.get_allowed_operations", template))
                .contains("clone", "copy", "export").doesNotContain("provision");
        String second = c.session.callAsync("VM.clone", template, "b");
        SimTestSupport.waitFor("second clone to be current",
                () -> c.sim.store().getMap(template, "current_operations").containsKey(second));

        XapiException e = c.failure("VM.provision", template);
        assertThat(e.code()).isEqualTo("OTHER_OPERATION_IN_PROGRESS");
        assertThat(e.params()).hasSize(4).startsWith("VM", template, "clone");

        c.call("task.cancel", first);
        c.call("task.cancel", second);
        SimTestSupport.waitFor("both cancelled", () -> c.sim.store().getMap(template, "current_operations").isEmpty());
        assertThat(c.call("task.get_status", first)).isEqualTo("cancelled");
        assertThat(c.sim.store().count("VM")).isEqualTo(vms);
        assertThat((List<Object>) c.call("VM.get_allowed_operations", template)).contains("provision");
    }
}
