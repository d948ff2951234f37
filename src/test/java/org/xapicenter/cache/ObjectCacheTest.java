package org.xapicenter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheChange.Kind;
import org.xapicenter.xapi.record.Records;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

class ObjectCacheTest {
    private final ObjectCache cache = new ObjectCache();
    private final List<CacheBatch> batches = new ArrayList<>();

    ObjectCacheTest() {
        cache.addListener(batches::add);
    }

    private static CacheChange add(String ref, String name) {
        return new CacheChange(Kind.ADD, "vm", ref, null, vm(ref, name));
    }

    private static CacheChange mod(String ref, String name) {
        return new CacheChange(Kind.MOD, "vm", ref, null, vm(ref, name));
    }

    private static CacheChange del(String ref) {
        return new CacheChange(Kind.DEL, "vm", ref, null, null);
    }

    private static XapiRecord vm(String ref, String name) {
        return Records.of("VM", ref, Map.of("name_label", name, "power_state", "Halted"));
    }

    @Test
    void batchIsAppliedAndAnnouncedOnce() {
        cache.apply(List.of(add("r1", "a"), add("r2", "b")), true);

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).reset()).isTrue();
        assertThat(cache.all(Vm.class)).extracting(Vm::nameLabel).containsExactlyInAnyOrder("a", "b");
        assertThat(cache.get("r1", Vm.class)).isPresent();
    }

    @Test
    void eventsForOneObjectFoldIntoOneChangeWithTheFirstBefore() {
        cache.apply(List.of(add("r1", "a")), true);
        cache.apply(List.of(mod("r1", "b"), mod("r1", "c")), false);

        CacheBatch last = batches.get(1);
        assertThat(last.changes()).hasSize(1);
        CacheChange c = last.changes().get(0);
        assertThat(c.kind()).isEqualTo(Kind.MOD);
        assertThat(c.before().nameLabel()).isEqualTo("a");
        assertThat(c.after().nameLabel()).isEqualTo("c");
    }

    @Test
    void addThenDeleteInOneBatchLeavesNothingAndAnnouncesNothing() {
        cache.apply(List.of(add("r1", "a"), del("r1")), false);

        assertThat(cache.size()).isZero();
        assertThat(batches).isEmpty();
    }

    @Test
    void deleteWithoutSnapshotRemovesAndReportsTheOldRecord() {
        cache.apply(List.of(add("r1", "a")), true);
        cache.apply(List.of(del("r1")), false);

        assertThat(cache.get("r1")).isNull();
        assertThat(cache.all("vm")).isEmpty();
        CacheChange c = batches.get(1).changes().get(0);
        assertThat(c.kind()).isEqualTo(Kind.DEL);
        assertThat(c.before().nameLabel()).isEqualTo("a");
        assertThat(c.after()).isNull();
    }

    @Test
    void deleteOfUnknownObjectIsIgnored() {
        cache.apply(List.of(del("nope")), false);
        assertThat(batches).isEmpty();
    }

    @Test
    void resetDropsEverythingNotInTheNewFill() {
        cache.apply(List.of(add("r1", "a"), add("r2", "b")), true);
        cache.apply(List.of(add("r2", "b2")), true);

        assertThat(cache.get("r1")).isNull();
        assertThat(cache.all("vm")).extracting(XapiRecord::nameLabel).containsExactly("b2");
        assertThat(batches.get(1).reset()).isTrue();
    }

    @Test
    void deleteThenAddAgainIsAModification() {
        cache.apply(List.of(add("r1", "a")), true);
        cache.apply(List.of(del("r1"), add("r1", "again")), false);

        CacheChange c = batches.get(1).changes().get(0);
        assertThat(c.kind()).isEqualTo(Kind.MOD);
        assertThat(cache.get("r1").nameLabel()).isEqualTo("again");
    }
}
