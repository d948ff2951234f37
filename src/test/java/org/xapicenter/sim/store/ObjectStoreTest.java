package org.xapicenter.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.xapicenter.sim.model.Datamodel;

class ObjectStoreTest {
    private final ObjectStore store = new ObjectStore(Datamodel.standard(), 7);

    @Test
    void newObjectsGetDefaultsRefsAndUuids() {
        String vm = store.create("VM", Map.of("name_label", "a"));
        Map<String, Object> r = store.record(vm);
        assertThat(vm).matches("OpaqueRef:[0-9a-f-]{36}");
        assertThat((String) r.get("uuid")).matches("[0-9a-f-]{36}");
        assertThat(r).containsEntry("power_state", "Halted").containsEntry("memory_static_max", 0L)
                .containsEntry("resident_on", "OpaqueRef:NULL").containsEntry("actions_after_reboot", "restart")
                .containsEntry("VBDs", List.of()).containsEntry("other_config", Map.of());
        assertThat(store.refByUuid((String) r.get("uuid"))).hasValue(vm);
        assertThatThrownBy(() -> store.create("VM", Map.of("no_such_field", 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relationsFollowCreateMoveDestroyAndDirectWrites() {
        String sr1 = store.create("SR", Map.of());
        String sr2 = store.create("SR", Map.of());
        String a = store.create("VDI", Map.of("SR", sr1));
        String b = store.create("VDI", Map.of("SR", sr1));
        assertThat(store.getList(sr1, "VDIs")).containsExactly(a, b);

        store.set(a, "SR", sr2);
        assertThat(store.getList(sr1, "VDIs")).containsExactly(b);
        assertThat(store.getList(sr2, "VDIs")).containsExactly(a);

        store.destroy(b);
        assertThat(store.getList(sr1, "VDIs")).isEmpty();

        store.set(sr2, "VDIs", List.of());
        assertThat(store.getList(sr2, "VDIs")).isEmpty();
        String c = store.create("VDI", Map.of("SR", sr2));
        assertThat(store.getList(sr2, "VDIs")).containsExactly(c);
    }

    @Test
    void changesCollapsePerObjectAndParentsSeeChildrenArrive() {
        String vm = store.create("VM", Map.of());
        long since = store.generation();
        store.set(vm, "name_label", "one");
        store.set(vm, "name_label", "two");
        String vbd = store.create("VBD", Map.of("VM", vm));
        ChangeSet cs = store.changesSince(since, (cls, ref) -> true);
        assertThat(cs.changes()).extracting(Change::ref, Change::operation)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(vm, "mod"),
                        org.assertj.core.groups.Tuple.tuple(vbd, "add"));
        Change vmChange = cs.changes().stream().filter(c -> c.ref().equals(vm)).findFirst().orElseThrow();
        assertThat(vmChange.snapshot()).containsEntry("name_label", "two").containsEntry("VBDs", List.of(vbd));
        assertThat(cs.generation()).isEqualTo(store.generation());

        long before = store.generation();
        String gone = store.create("task", Map.of());
        store.destroy(gone);
        assertThat(store.changesSince(before, (cls, ref) -> true).changes()).isEmpty();
        store.destroy(vbd);
        assertThat(store.changesSince(before, (cls, ref) -> true).changes())
                .extracting(Change::ref, Change::operation)
                .contains(org.assertj.core.groups.Tuple.tuple(vbd, "del"));
    }

    @Test
    void theSameSeedGivesTheSameRefs() {
        ObjectStore other = new ObjectStore(Datamodel.standard(), 7);
        assertThat(other.create("VM", Map.of())).isEqualTo(store.create("VM", Map.of()));
        assertThat(new ObjectStore(Datamodel.standard(), 8).create("VM", Map.of()))
                .isNotEqualTo(new ObjectStore(Datamodel.standard(), 7).create("VM", Map.of()));
    }
}
