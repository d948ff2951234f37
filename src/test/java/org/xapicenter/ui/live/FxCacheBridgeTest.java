package org.xapicenter.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheBatch;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.xapi.record.XapiRecord;

class FxCacheBridgeTest {
    private final Queue<Runnable> fxQueue = new ArrayDeque<>();
    private final ObjectCache cache = new ObjectCache();
    private final FxCacheBridge bridge = new FxCacheBridge(cache, fxQueue::add, Duration.ZERO).start();
    private final List<CacheBatch> delivered = new ArrayList<>();

    FxCacheBridgeTest() {
        bridge.addListener(delivered::add);
    }

    private void runFx() {
        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
        }
    }

    @Test
    void aThousandBatchesBeforeThePulseBecomeOneHandOver() {
        for (int i = 0; i < 1000; i++) {
            CacheFeeder.put(cache, Pools.vm("vm-" + i, "Halted", Pools.ref("h")));
        }
        assertThat(fxQueue).hasSize(1);
        assertThat(bridge.handOvers()).isEqualTo(1);
        runFx();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).changes()).hasSize(1000);
        assertThat(delivered.get(0).reset()).isFalse();
    }

    @Test
    void changesToOneObjectFoldIntoOne() {
        XapiRecord vm = Pools.vm("web", "Halted", Pools.ref("h"));
        CacheFeeder.put(cache, vm);
        CacheFeeder.put(cache, Pools.with(vm, "power_state", "Running"));
        CacheFeeder.put(cache, Pools.with(vm, "name_label", "web-renamed"));
        runFx();
        assertThat(delivered).hasSize(1);
        CacheChange c = delivered.get(0).changes().get(0);
        assertThat(c.kind()).isEqualTo(CacheChange.Kind.ADD);
        assertThat(c.before()).isNull();
        assertThat(c.after().nameLabel()).isEqualTo("web-renamed");
    }

    @Test
    void anObjectAddedAndDeletedBetweenPulsesIsNeverSeen() {
        XapiRecord vm = Pools.vm("short-lived", "Halted", Pools.ref("h"));
        XapiRecord other = Pools.vm("stays", "Halted", Pools.ref("h"));
        CacheFeeder.put(cache, vm, other);
        CacheFeeder.delete(cache, vm.ref());
        runFx();
        assertThat(delivered.get(0).changes()).extracting(CacheChange::ref).containsExactly(other.ref());
    }

    @Test
    void aModThenDeleteIsADeleteOfTheOriginal() {
        XapiRecord vm = Pools.vm("old", "Halted", Pools.ref("h"));
        CacheFeeder.put(cache, vm);
        runFx();
        delivered.clear();
        CacheFeeder.put(cache, Pools.with(vm, "name_label", "changed"));
        CacheFeeder.delete(cache, vm.ref());
        runFx();
        CacheChange c = delivered.get(0).changes().get(0);
        assertThat(c.kind()).isEqualTo(CacheChange.Kind.DEL);
        assertThat(c.before().nameLabel()).isEqualTo("old");
    }

    @Test
    void aResetDropsEarlierChangesAndIsPassedOn() {
        CacheFeeder.put(cache, Pools.vm("a", "Halted", Pools.ref("h")));
        CacheFeeder.fill(cache, Pools.smallPool());
        CacheFeeder.put(cache, Pools.vm("b", "Halted", Pools.ref("h")));
        runFx();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).reset()).isTrue();
        assertThat(delivered.get(0).changes()).extracting(c -> c.after().nameLabel()).contains("b").doesNotContain("a");
    }

    @Test
    void batchesAfterAHandOverRanGetANewOne() {
        CacheFeeder.put(cache, Pools.vm("a", "Halted", Pools.ref("h")));
        runFx();
        CacheFeeder.put(cache, Pools.vm("b", "Halted", Pools.ref("h")));
        assertThat(fxQueue).hasSize(1);
        runFx();
        assertThat(delivered).hasSize(2);
        assertThat(bridge.handOvers()).isEqualTo(2);
    }

    @Test
    void aClosedToolkitNeverFailsTheCacheThread() {
        ObjectCache other = new ObjectCache();
        int[] attempts = new int[1];
        new FxCacheBridge(other, r -> {
            attempts[0]++;
            throw new IllegalStateException("Toolkit has exited");
        }, Duration.ZERO).start();
        CacheFeeder.put(other, Pools.vm("a", "Halted", Pools.ref("h")));
        CacheFeeder.put(other, Pools.vm("b", "Halted", Pools.ref("h")));
        assertThat(other.size()).isEqualTo(2);
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void aBatchWithinAFrameOfTheLastWaitsForTheNextFrame() {
        ObjectCache paced = new ObjectCache();
        java.util.concurrent.BlockingQueue<Runnable> fx = new java.util.concurrent.LinkedBlockingQueue<>();
        FxCacheBridge bridge = new FxCacheBridge(paced, fx::add, Duration.ofHours(1)).start();
        List<CacheBatch> got = new ArrayList<>();
        bridge.addListener(got::add);
        CacheFeeder.put(paced, Pools.vm("first", "Halted", Pools.ref("h")));
        assertThat(fx).hasSize(1); // nothing delivered before: at once
        fx.poll().run();
        CacheFeeder.put(paced, Pools.vm("second", "Halted", Pools.ref("h")));
        CacheFeeder.put(paced, Pools.vm("third", "Halted", Pools.ref("h")));
        assertThat(fx).as("held back for the rest of the (hour-long) frame").isEmpty();
        assertThat(got).hasSize(1);
    }

    @Test
    void aHeldBackBatchArrivesAtTheNextFrame() throws Exception {
        ObjectCache paced = new ObjectCache();
        java.util.concurrent.BlockingQueue<Runnable> fx = new java.util.concurrent.LinkedBlockingQueue<>();
        FxCacheBridge bridge = new FxCacheBridge(paced, fx::add, FxCacheBridge.FRAME).start();
        List<CacheBatch> got = new ArrayList<>();
        bridge.addListener(got::add);
        CacheFeeder.put(paced, Pools.vm("first", "Halted", Pools.ref("h")));
        fx.take().run();
        CacheFeeder.put(paced, Pools.vm("second", "Halted", Pools.ref("h")));
        CacheFeeder.put(paced, Pools.vm("third", "Halted", Pools.ref("h")));
        Runnable next = fx.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        next.run();
        assertThat(got).hasSize(2);
        assertThat(got.get(1).changes()).extracting(c -> c.after().nameLabel()).containsExactly("second", "third");
    }

    @Test
    void stopsListeningWhenClosed() {
        bridge.close();
        CacheFeeder.put(cache, Pools.vm("a", "Halted", Pools.ref("h")));
        assertThat(fxQueue).isEmpty();
    }

    @Test
    void bridgesSharingAPulseHandOverTogether() {
        Queue<Runnable> fx = new ArrayDeque<>();
        FxPulse pulse = new FxPulse(fx::add, Duration.ZERO);
        List<String> got = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) {
            ObjectCache c = new ObjectCache();
            new FxCacheBridge(c, pulse).start().addListener(b -> got.add(name));
            for (int i = 0; i < 10; i++) {
                CacheFeeder.put(c, Pools.vm(name + i, "Halted", Pools.ref("h")));
            }
        }
        assertThat(fx).hasSize(1);
        assertThat(pulse.handOvers()).isEqualTo(1);
        fx.poll().run();
        assertThat(got).containsExactly("one", "two", "three");
    }
}
