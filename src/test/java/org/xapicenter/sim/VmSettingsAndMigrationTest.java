package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

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
 * VM memory and VCPU settings, names, tags and other_config, and VM.pool_migrate, through our client over
 * a real socket, with their error cases.
 */
@SuppressWarnings("unchecked")
class VmSettingsAndMigrationTest {
    private static final long MIB = 1024L * 1024;
    private ClientOnSimulator c;

    @BeforeEach
    void start() throws Exception {
        c = new ClientOnSimulator(Protocol.XML_RPC);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private long memory(String vm, String field) throws Exception {
        return c.number("VM", vm, field);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void memoryLimitsOfAHaltedVmAreSetWhenOrdered(Protocol protocol) throws Exception {
        c.close();
        c = new ClientOnSimulator(protocol);
        String vm = c.vm("dev-sandbox");
        c.call("VM.set_memory_limits", vm, Long.toString(512 * MIB), Long.toString(4096 * MIB),
                Long.toString(1024 * MIB), Long.toString(2048 * MIB));
        assertThat(memory(vm, "memory_static_min")).isEqualTo(512 * MIB);
        assertThat(memory(vm, "memory_static_max")).isEqualTo(4096 * MIB);
        assertThat(memory(vm, "memory_dynamic_min")).isEqualTo(1024 * MIB);
        assertThat(memory(vm, "memory_dynamic_max")).isEqualTo(2048 * MIB);
        assertThat(memory(vm, "memory_target")).isEqualTo(1024 * MIB);

        XapiException e = c.failure("VM.set_memory_limits", vm, Long.toString(512 * MIB), Long.toString(1024 * MIB),
                Long.toString(1024 * MIB), Long.toString(2048 * MIB));
        assertThat(e.code()).isEqualTo("MEMORY_CONSTRAINT_VIOLATION_ORDER");
        assertThat(e.params()).isEmpty();
        assertThat(memory(vm, "memory_static_max")).isEqualTo(4096 * MIB);

        assertThat(c.failure("VM.set_memory_static_max", vm, Long.toString(1024 * MIB)).code())
                .isEqualTo("MEMORY_CONSTRAINT_VIOLATION_ORDER");
        assertThat(c.failure("VM.set_memory_dynamic_min", vm, Long.toString(256 * MIB)).code())
                .isEqualTo("MEMORY_CONSTRAINT_VIOLATION_ORDER");
        c.call("VM.set_memory_static_range", vm, Long.toString(256 * MIB), Long.toString(8192 * MIB));
        assertThat(memory(vm, "memory_static_min")).isEqualTo(256 * MIB);
        c.call("VM.set_memory", vm, Long.toString(3072 * MIB));
        assertThat(memory(vm, "memory_static_max")).isEqualTo(3072 * MIB);
        assertThat(memory(vm, "memory_dynamic_min")).isEqualTo(3072 * MIB);
        assertThat(memory(vm, "memory_dynamic_max")).isEqualTo(3072 * MIB);
        assertThat(memory(vm, "memory_static_min")).isEqualTo(256 * MIB);

        c.async("VM.set_memory_dynamic_max", vm, Long.toString(3072 * MIB));
        assertThat(c.failure("VM.set_memory_limits", vm, "x", "1", "1", "1").code()).isEqualTo("FIELD_TYPE_ERROR");
    }

    @Test
    void aRunningVmChangesOnlyItsDynamicRangeAndItsHostFollows() throws Exception {
        String vm = c.vm("web-01");
        XapiException e = c.failure("VM.set_memory_limits", vm, "1", "2", "1", "2");
        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(e.params()).containsExactly(vm, "halted", "running");
        assertThat(c.failure("VM.set_memory_static_max", vm, Long.toString(4096 * MIB)).code())
                .isEqualTo("VM_BAD_POWER_STATE");

        String host = (String) c.call("VM.get_resident_on", vm);
        String hostMetrics = (String) c.call("host.get_metrics", host);
        long freeBefore = c.number("host_metrics", hostMetrics, "memory_free");
        c.call("VM.set_memory_dynamic_range", vm, Long.toString(1024 * MIB), Long.toString(1536 * MIB));
        assertThat(memory(vm, "memory_dynamic_max")).isEqualTo(1536 * MIB);
        assertThat(c.number("host_metrics", hostMetrics, "memory_free")).isEqualTo(freeBefore + 512 * MIB);
        assertThat(c.number("VM_metrics", (String) c.call("VM.get_metrics", vm), "memory_actual")).isEqualTo(1536 * MIB);

        String template = c.vm("Debian Bookworm 12");
        c.call("VM.set_memory_limits", template, Long.toString(512 * MIB), Long.toString(2048 * MIB),
                Long.toString(1024 * MIB), Long.toString(2048 * MIB));
        assertThat(c.failure("VM.set_memory_dynamic_range", c.vm("Control domain on host: xcp-ng-01"),
                "1", "2").code()).isEqualTo("MEMORY_CONSTRAINT_VIOLATION_ORDER");
    }

    @Test
    void vcpusAtStartupStayWithinVcpusMaxAndMaxNeedsAHaltedVm() throws Exception {
        String vm = c.vm("dev-sandbox");
        c.call("VM.set_VCPUs_max", vm, "8");
        c.call("VM.set_VCPUs_at_startup", vm, "6");
        assertThat(c.number("VM", vm, "VCPUs_max")).isEqualTo(8);
        assertThat(c.number("VM", vm, "VCPUs_at_startup")).isEqualTo(6);

        XapiException e = c.failure("VM.set_VCPUs_at_startup", vm, "9");
        assertThat(e.code()).isEqualTo("INVALID_VALUE");
        assertThat(e.params()).hasSize(2).endsWith("9");
        assertThat(c.failure("VM.set_VCPUs_max", vm, "4").code()).isEqualTo("INVALID_VALUE");
        assertThat(c.failure("VM.set_VCPUs_at_startup", vm, "0").code()).isEqualTo("INVALID_VALUE");
        assertThat(c.number("VM", vm, "VCPUs_at_startup")).isEqualTo(6);

        String running = c.vm("web-01");
        e = c.failure("VM.set_VCPUs_max", running, "4");
        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(e.params()).containsExactly(running, "halted", "running");
        c.call("VM.set_VCPUs_number_live", running, "1");
        assertThat(c.number("VM", running, "VCPUs_at_startup")).isEqualTo(1);
        assertThat(c.number("VM_metrics", (String) c.call("VM.get_metrics", running), "VCPUs_number")).isEqualTo(1);
        assertThat(c.failure("VM.set_VCPUs_number_live", running, "3").code()).isEqualTo("INVALID_VALUE");
        assertThat(c.failure("VM.set_VCPUs_max", c.vm("build-runner"), "8").code()).isEqualTo("VM_BAD_POWER_STATE");
    }

    @Test
    void namesTagsAndOtherConfigAreEditedInPlace() throws Exception {
        String vm = c.vm("web-02");
        c.call("VM.set_name_label", vm, "web-02 (old)");
        assertThat(c.call("VM.get_name_label", vm)).isEqualTo("web-02 (old)");
        c.call("VM.add_tags", vm, "retiring");
        c.call("VM.add_tags", vm, "retiring");
        assertThat((List<Object>) c.call("VM.get_tags", vm)).containsExactly("production", "web", "retiring");
        c.call("VM.remove_tags", vm, "web");
        c.call("VM.remove_tags", vm, "never-there");
        assertThat((List<Object>) c.call("VM.get_tags", vm)).containsExactly("production", "retiring");

        c.call("VM.add_to_other_config", vm, "XenCenter.CustomFields.owner", "alice");
        XapiException e = c.failure("VM.add_to_other_config", vm, "XenCenter.CustomFields.owner", "bob");
        assertThat(e.code()).isEqualTo("MAP_DUPLICATE_KEY");
        assertThat(e.params()).containsExactly("VM", "other_config", vm, "XenCenter.CustomFields.owner");
        assertThat((Map<String, Object>) c.call("VM.get_other_config", vm))
                .containsEntry("XenCenter.CustomFields.owner", "alice").containsEntry("folder", "/Production/Web");
        c.call("VM.remove_from_other_config", vm, "XenCenter.CustomFields.owner");
        assertThat((Map<String, Object>) c.call("VM.get_other_config", vm)).doesNotContainKey("XenCenter.CustomFields.owner");
        assertThat(c.failure("VM.add_tags", "OpaqueRef:nope", "x").params()).containsExactly("VM", "OpaqueRef:nope");
        assertThat((List<Object>) c.call("VM.get_allowed_operations", vm)).contains("clean_shutdown", "pool_migrate");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void poolMigrateMovesARunningVmItsConsolesAndItsMemory(Protocol protocol) throws Exception {
        c.close();
        c = new ClientOnSimulator(protocol);
        String vm = c.vm("web-01");
        String from = (String) c.call("VM.get_resident_on", vm);
        String to = c.hosts().get(1);
        assertThat(from).isNotEqualTo(to);
        long domid = c.number("VM", vm, "domid");
        String toMetrics = (String) c.call("host.get_metrics", to);
        long freeOnTarget = c.number("host_metrics", toMetrics, "memory_free");

        c.async("VM.pool_migrate", vm, to, Map.of("live", "true"));

        Map<String, Object> r = c.record("VM", vm);
        assertThat(r).containsEntry("resident_on", to).containsEntry("power_state", "Running");
        assertThat(Long.parseLong(r.get("domid").toString())).isNotEqualTo(domid);
        assertThat(c.refs("host", to, "resident_VMs")).contains(vm);
        assertThat(c.refs("host", from, "resident_VMs")).doesNotContain(vm);
        // One listener serves the whole pool: consoles name it, wherever the VM runs.
        for (Object console : (List<Object>) r.get("consoles")) {
            assertThat((String) c.call("console.get_location", console)).startsWith("https://127.0.0.1/console?uuid=");
        }
        assertThat((List<Object>) r.get("consoles")).isNotEmpty();
        assertThat(c.number("host_metrics", toMetrics, "memory_free"))
                .isEqualTo(freeOnTarget - memory(vm, "memory_dynamic_max"));
        assertThat((List<Object>) r.get("allowed_operations")).contains("pool_migrate", "clean_shutdown");
        assertThat((Map<Object, Object>) r.get("current_operations")).isEmpty();
        for (Object vbd : (List<Object>) r.get("VBDs")) {
            assertThat(c.call("VBD.get_currently_attached", vbd)).isEqualTo(true);
        }
        Map<String, Object> alerts = (Map<String, Object>) c.call("message.get_all_records");
        assertThat(alerts.values()).anySatisfy(m -> assertThat((Map<String, Object>) m)
                .containsEntry("name", "VM_MIGRATED").containsEntry("obj_uuid", r.get("uuid")).containsEntry("cls", "VM"));
    }

    @Test
    void poolMigrateRefusesWhatCannotMove() throws Exception {
        String halted = c.vm("dev-sandbox");
        XapiException e = c.failure("VM.pool_migrate", halted, c.hosts().get(1), Map.of());
        assertThat(e.code()).isEqualTo("VM_BAD_POWER_STATE");
        assertThat(e.params()).containsExactly(halted, "running", "halted");

        String vm = c.vm("web-01");
        e = c.failure("VM.pool_migrate", vm, "OpaqueRef:no-such-host", Map.of());
        assertThat(e.params()).containsExactly("host", "OpaqueRef:no-such-host");

        // db-replica's disks are on host 0's local storage: no other host can reach them.
        String replica = c.vm("db-replica");
        e = c.failure("VM.pool_migrate", replica, c.hosts().get(1), Map.of());
        assertThat(e.code()).isEqualTo("VM_REQUIRES_SR");
        assertThat(e.params().get(0)).isEqualTo(replica);
        assertThat(c.call("SR.get_name_label", e.params().get(1))).isEqualTo("Local storage");

        c.sim.store().set(c.hosts().get(2), "enabled", false);
        e = c.failure("VM.pool_migrate", vm, c.hosts().get(2), Map.of());
        assertThat(e.code()).isEqualTo("HOST_DISABLED");
        assertThat(e.params()).containsExactly(c.hosts().get(2));

        String metrics = (String) c.call("host.get_metrics", c.hosts().get(1));
        c.sim.store().set(metrics, "memory_free", 1024L);
        e = c.failure("VM.pool_migrate", vm, c.hosts().get(1), Map.of());
        assertThat(e.code()).isEqualTo("HOST_NOT_ENOUGH_FREE_MEMORY");
        assertThat(e.params()).containsExactly(Long.toString(memory(vm, "memory_dynamic_max")), "1024");

        c.sim.store().set(metrics, "live", false);
        assertThat(c.failure("VM.pool_migrate", vm, c.hosts().get(1), Map.of()).code()).isEqualTo("HOST_OFFLINE");

        c.call("VM.add_to_blocked_operations", vm, "pool_migrate", "true");
        assertThat(c.failure("VM.pool_migrate", vm, c.hosts().get(1), Map.of()).code()).isEqualTo("OPERATION_BLOCKED");
        assertThat(c.call("VM.get_resident_on", vm)).isEqualTo(c.hosts().get(0));
    }

    @Test
    void migratingToTheSameHostIsALocalLiveMigrationAsInXapi() throws Exception {
        String vm = c.vm("web-01");
        String host = (String) c.call("VM.get_resident_on", vm);
        long domid = c.number("VM", vm, "domid");
        c.call("VM.pool_migrate", vm, host, Map.of());
        assertThat(c.call("VM.get_resident_on", vm)).isEqualTo(host);
        assertThat(c.number("VM", vm, "domid")).isNotEqualTo(domid);
        assertThat(c.refs("host", host, "resident_VMs")).contains(vm);
    }
}
