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

    @Test
    void aFailingListenerNeitherStopsTheOthersNorTheCache() {
        ObjectCache c = new ObjectCache();
        List<CacheBatch> seen = new ArrayList<>();
        c.addListener(b -> {
            throw new IllegalStateException("broken view");
        });
        c.addListener(seen::add);

        c.apply(List.of(add("r1", "a")), true);

        assertThat(seen).hasSize(1);
        assertThat(c.get("r1")).isNotNull();
    }

    @Test
    void batchesReachListenersInTheOrderTheyWereApplied() throws Exception {
        ObjectCache c = new ObjectCache();
        List<Boolean> resets = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch inFirst = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        c.addListener(b -> {
            if (!b.reset()) {
                inFirst.countDown();
                await(release);
            }
            resets.add(b.reset());
        });
        Thread loop = new Thread(() -> c.apply(List.of(add("r1", "a")), false));
        loop.start();
        inFirst.await();
        // close() empties the cache while the loop's batch is still being delivered
        Thread closer = new Thread(c::clear);
        closer.start();
        while (closer.getState() != Thread.State.BLOCKED && closer.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait(); // the closer has either delivered its reset already or waits its turn
        }
        release.countDown();
        loop.join();
        closer.join();

        assertThat(resets).containsExactly(false, true);
        assertThat(c.size()).isZero();
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
