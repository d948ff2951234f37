package org.xapicenter.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Queue;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.CacheFeeder;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.testing.Pools;
import org.xapicenter.ui.testing.CacheLink;
import org.xapicenter.ui.testing.Harness;

class ConnectionsTest {

    @Test
    void closingTheWindowWaitsForEveryLogout() {
        Connections connections = Harness.inlineConnections();
        CacheLink a = new CacheLink("a", (m, args) -> null);
        CacheLink b = new CacheLink("b", (m, args) -> null);
        // a logout that takes a while, as over a slow network
        Runnable slowLogout = () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        a.onClose(slowLogout);
        b.onClose(slowLogout);
        connections.add(a);
        connections.add(b);

        boolean inTime = connections.closeAll(Duration.ofSeconds(30));

        assertThat(inTime).isTrue();
        assertThat(a.closed()).isTrue();
        assertThat(b.closed()).isTrue();
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void aLogoutThatHangsDoesNotKeepTheWindowFromClosing() {
        Connections connections = Harness.inlineConnections();
        CacheLink stuck = new CacheLink("stuck", (m, args) -> null);
        CountDownLatch never = new CountDownLatch(1);
        stuck.onClose(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        connections.add(stuck);

        assertThat(connections.closeAll(Duration.ofMillis(200))).isFalse();
        assertThat(connections.all()).isEmpty();
        never.countDown();
    }

    @Test
    void stateChangesOfARemovedConnectionReachNoOne() {
        Connections connections = Harness.inlineConnections();
        List<ConnectionModel> told = new ArrayList<>();
        connections.addStateListener(told::add);
        CacheLink link = new CacheLink("lab", (m, args) -> null);
        ConnectionModel model = connections.add(link);
        told.clear();

        link.setState(ConnectionState.RECONNECTING, null);
        assertThat(told).containsExactly(model);

        connections.remove(model);
        told.clear();
        link.setState(ConnectionState.FAILED, null);
        assertThat(told).isEmpty();
    }

    @Test
    void allConnectionsShareOneHandOverToTheFxThread() {
        Queue<Runnable> fxQueue = new ArrayDeque<>();
        Connections connections = new Connections(login -> {
            throw new IllegalStateException("tests add links themselves");
        }, Harness.INLINE, fxQueue::add, Duration.ZERO);
        List<String> batches = new ArrayList<>();
        connections.addBatchListener((c, batch) -> batches.add(c.link().label()));
        List<CacheLink> links = List.of(new CacheLink("a", (m, args) -> null),
                new CacheLink("b", (m, args) -> null), new CacheLink("c", (m, args) -> null));
        links.forEach(connections::add);

        // a busy moment: every pool fills its cache and changes state before the next pulse
        for (CacheLink link : links) {
            CacheFeeder.fill(link.cache(), Pools.smallPool());
            CacheFeeder.put(link.cache(), Pools.vm("extra", "Halted", Pools.ref("h")));
            link.setState(ConnectionState.RECONNECTING, null);
        }

        assertThat(fxQueue).as("one runLater for the whole window").hasSize(1);
        assertThat(connections.handOvers()).isEqualTo(1);
        fxQueue.poll().run();
        assertThat(batches).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(connections.all()).extracting(ConnectionModel::state).containsOnly(ConnectionState.RECONNECTING);
        assertThat(fxQueue).isEmpty();
    }
}
