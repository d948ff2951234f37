package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.xapicenter.xapi.XapiException;

/**
 * Which VM operations XAPI accepts when, and the error it gives otherwise (XAPI-PROTOCOL.md §7). Pure:
 * it judges a VM record, so the same rules answer both a call and {@code allowed_operations}.
 */
final class VmOperationRules {
    private static final String HALTED = "Halted";
    private static final String PAUSED = "Paused";
    private static final String RUNNING = "Running";
    private static final String SUSPENDED = "Suspended";
    private static final List<String> STATE_ORDER = List.of(HALTED, PAUSED, RUNNING, SUSPENDED);
    private static final Set<String> ANY_STATE = Set.of(HALTED, PAUSED, RUNNING, SUSPENDED);

    /** Power states each operation needs (clone and copy also accept Suspended for snapshots). */
    private static final Map<String, Set<String>> STATES = new LinkedHashMap<>();

    static {
        for (String op : List.of("start", "start_on", "provision", "make_into_template", "changing_static_range",
                "changing_shadow_memory", "changing_memory_limits", "changing_VCPUs")) {
            STATES.put(op, Set.of(HALTED));
        }
        STATES.put("unpause", Set.of(PAUSED));
        STATES.put("resume", Set.of(SUSPENDED));
        STATES.put("resume_on", Set.of(SUSPENDED));
        for (String op : List.of("clean_shutdown", "clean_reboot", "suspend", "pause", "pool_migrate", "migrate_send",
                "changing_VCPUs_live", "snapshot_with_quiesce")) {
            STATES.put(op, Set.of(RUNNING));
        }
        STATES.put("changing_dynamic_range", Set.of(HALTED, RUNNING));
        STATES.put("clone", Set.of(HALTED));
        STATES.put("copy", Set.of(HALTED));
        STATES.put("destroy", Set.of(HALTED, SUSPENDED));
        STATES.put("export", Set.of(HALTED, SUSPENDED));
        STATES.put("hard_reboot", Set.of(PAUSED, RUNNING));
        STATES.put("hard_shutdown", Set.of(PAUSED, SUSPENDED, RUNNING));
        STATES.put("checkpoint", Set.of(PAUSED, SUSPENDED, RUNNING));
        STATES.put("snapshot", ANY_STATE);
        STATES.put("revert", ANY_STATE);
    }

    /** The operations listed in {@code allowed_operations} when permitted, in a stable order. */
    static final List<String> ADVERTISED = List.of("snapshot", "copy", "clone", "revert", "checkpoint",
            "snapshot_with_quiesce", "start", "start_on", "pause", "unpause", "clean_shutdown", "clean_reboot",
            "hard_shutdown", "hard_reboot", "suspend", "resume", "resume_on", "export", "destroy", "provision",
            "changing_VCPUs_live", "pool_migrate", "migrate_send", "make_into_template", "changing_static_range",
            "changing_shadow_memory", "changing_dynamic_range", "changing_memory_limits", "changing_VCPUs");

    private static final Set<String> TEMPLATE_OPS = Set.of("changing_dynamic_range", "changing_static_range",
            "changing_memory_limits", "changing_shadow_memory", "changing_VCPUs", "clone", "copy", "export",
            "metadata_export", "provision");
    private static final Set<String> SNAPSHOT_OPS = Set.of("revert", "clone", "copy", "export", "destroy",
            "hard_shutdown", "metadata_export");
    private static final List<Set<String>> CONCURRENT_GROUPS = List.of(Set.of("clone", "copy", "export"),
            Set.of("snapshot", "checkpoint"));
    private static final Set<String> CONTROL_DOMAIN_OPS = Set.of("data_source_op", "changing_memory_live",
            "awaiting_memory_live", "metadata_export", "changing_dynamic_range", "start");

    private VmOperationRules() {
    }

    /** The first error {@code op} raises on the VM {@code ref} with record {@code r}; null when allowed. */
    @SuppressWarnings("unchecked")
    static XapiException check(String ref, Map<String, Object> r, Map<String, Object> guestMetrics, String op) {
        Map<String, Object> blocked = (Map<String, Object>) r.get("blocked_operations");
        if (blocked.containsKey(op)) {
            // The value is the reason code the blocker chose (often just "true").
            return Errors.of("OPERATION_BLOCKED", ref, String.valueOf(blocked.get(op)));
        }
        boolean template = Boolean.TRUE.equals(r.get("is_a_template"));
        boolean snapshot = Boolean.TRUE.equals(r.get("is_a_snapshot"));
        String state = (String) r.get("power_state");
        Set<String> states = statesFor(op, snapshot);
        if (!states.contains(state)) {
            return Errors.of("VM_BAD_POWER_STATE", ref, expected(states), state.toLowerCase(Locale.ROOT));
        }
        Map<String, Object> current = (Map<String, Object>) r.get("current_operations");
        if (!current.isEmpty() && !allowedConcurrently(op, current)) {
            Map.Entry<String, Object> first = current.entrySet().iterator().next();
            return Errors.of("OTHER_OPERATION_IN_PROGRESS", "VM", ref, String.valueOf(first.getValue()), first.getKey());
        }
        if (template && !snapshot && !TEMPLATE_OPS.contains(op) && !(op.equals("destroy") && !isDefaultTemplate(r))) {
            return Errors.of("VM_IS_TEMPLATE", ref, op);
        }
        if (snapshot && !SNAPSHOT_OPS.contains(op)) {
            return Errors.of("VM_IS_SNAPSHOT", ref, op);
        }
        if (op.equals("provision") && !template) {
            return Errors.of("PROVISION_ONLY_ALLOWED_ON_TEMPLATE");
        }
        if (op.equals("revert") && !snapshot) {
            return Errors.of("REVERT_ONLY_ALLOWED_ON_SNAPSHOT");
        }
        if (Boolean.TRUE.equals(r.get("is_control_domain")) && !CONTROL_DOMAIN_OPS.contains(op)) {
            return Errors.operationNotAllowed("Operations on domain 0 are not allowed");
        }
        if (op.equals("snapshot_with_quiesce") && !guestOffersQuiesce(guestMetrics)) {
            return Errors.of("VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED", ref);
        }
        return null;
    }

    /**
     * As xapi: copies of one VM (clone, copy, export) may run side by side, and so may snapshots, so
     * that several VMs can be made from one template at once.
     */
    private static boolean allowedConcurrently(String op, Map<String, Object> current) {
        for (Set<String> group : CONCURRENT_GROUPS) {
            if (group.contains(op) && current.values().stream().allMatch(group::contains)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> statesFor(String op, boolean snapshot) {
        Set<String> states = STATES.getOrDefault(op, ANY_STATE);
        if (snapshot && (op.equals("clone") || op.equals("copy"))) {
            return Set.of(HALTED, SUSPENDED);
        }
        return states;
    }

    private static boolean isDefaultTemplate(Map<String, Object> r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> oc = (Map<String, Object>) r.get("other_config");
        return Boolean.TRUE.equals(r.get("is_default_template")) || "true".equals(oc.get("default_template"));
    }

    private static boolean guestOffersQuiesce(Map<String, Object> guestMetrics) {
        if (guestMetrics == null) {
            return false;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> other = (Map<String, Object>) guestMetrics.get("other");
        return other.containsKey("feature-quiesce") || other.containsKey("feature-snapshot");
    }

    private static String expected(Set<String> states) {
        List<String> ordered = new ArrayList<>(states);
        ordered.sort(Comparator.comparingInt(STATE_ORDER::indexOf));
        return String.join(", ", ordered.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }
}
