package org.xapicenter.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.ConnectionState;
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
}
