package org.xapicenter.sim.rrd;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which VMs an {@code rrd_updates} request asks for, read from its {@code vm_uuid} parameters as xcp-rrdd's
 * rrdd_http_handler.ml reads them.
 *
 * <ul>
 * <li>No {@code vm_uuid}: every VM running on the host (all xapi versions).
 * <li>Before xen-api 1acecd6cf6 (2026-03, first in v26.10.0; XCP-ng 8.3 and XenServer 8 run older ones):
 *     only the FIRST {@code vm_uuid} counts; {@code all} means every VM, {@code none} no VM, anything
 *     else the one VM with that uuid (present since the 2021 merge of xcp-rrdd into xen-api).
 * <li>Since 1acecd6cf6: the parameter may repeat and every value counts; {@code all} and {@code none}
 *     are no longer special but match no uuid, so {@code none} still gives no VM there.
 * </ul>
 * The simulator takes the union of both: every value counts (a repeated parameter works), {@code none}
 * matches nothing, and {@code all} means every VM as older hosts answer (a new host would answer no VM,
 * so the client never sends {@code all}; it sends no {@code vm_uuid} instead).
 */
record VmFilter(boolean every, Set<String> uuids) {
    static final VmFilter EVERY = new VmFilter(true, Set.of());
    static final String ALL = "all";
    static final String NONE = "none";

    /** The filter for the {@code vm_uuid} values of a query, in order; empty when there were none. */
    static VmFilter of(List<String> values) {
        if (values == null || values.isEmpty() || values.contains(ALL)) {
            return EVERY;
        }
        Set<String> wanted = new LinkedHashSet<>(values);
        wanted.remove(NONE);
        return new VmFilter(false, Set.copyOf(wanted));
    }

    boolean wants(String uuid) {
        return every || uuids.contains(uuid);
    }

    /** Whether no VM can match: {@code vm_uuid=none} alone. */
    boolean nothing() {
        return !every && uuids.isEmpty();
    }
}
