package org.xapicenter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Host;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * A pool connection survives losing its coordinator, over real sockets: the simulator's hosts each
 * listen on their own loopback address, the coordinator is switched off, a member is promoted, and
 * the connection finds the pool again through the members it remembered.
 */
class CoordinatorFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final char[] PASSWORD = SimulatorOptions.DEFAULT_PASSWORD.toCharArray();
    /** Tiny back-off so that the whole failover takes a second or two. */
    private static final PoolConnection.Tuning FAST = new PoolConnection.Tuning(2, Duration.ofMillis(50),
            Duration.ofMillis(200));

    private Simulator sim;
    private PoolConnection connection;
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sim = Simulator.start(SimulatorOptions.builder().poolMembers(true).operationDuration(Duration.ofMillis(50))
                .loginFailureDelay(Duration.ofMillis(10)).build());
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        sim.close();
    }

    private void connect(Protocol protocol, URI server) {
        connection = new PoolConnection(ConnectionSettings.of(server, protocol), SimulatorOptions.DEFAULT_USER,
                PASSWORD, FAST);
        connection.addStateListener(states::add);
        connection.start();
        waitFor(() -> connection.state() == ConnectionState.CONNECTED, "connected");
    }

    private String coordinator() {
        return sim.store().getString(sim.store().refs("pool").get(0), "master");
    }

    private String address(String host) {
        return sim.store().getString(host, "address");
    }

    private Set<String> refsInCache() {
        return connection.cache().snapshot().stream().map(XapiRecord::ref).collect(Collectors.toSet());
    }

    /** Every object the simulator would report in events, by ref. */
    private Set<String> refsInPool() {
        Set<String> refs = new java.util.HashSet<>();
        for (var cls : sim.store().model().classes()) {
            if (cls.eventsEnabled()) {
                refs.addAll(sim.store().refs(cls.name()));
            }
        }
        return refs;
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theConnectionRemembersEveryHostOfThePool(Protocol protocol) {
        connect(protocol, sim.httpUrl());
        waitFor(() -> connection.knownMembers().size() == 3, "three members remembered");
        assertThat(connection.knownMembers()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aLoginAtAMemberIsRedirectedToTheCoordinator(Protocol protocol) {
        List<String> members = new ArrayList<>(sim.hostUrls().keySet());
        members.remove(coordinator());

        connect(protocol, sim.hostUrl(members.get(0)));

        assertThat(connection.currentServer()).isEqualTo(sim.httpUrl());
        assertThat(connection.cache().all(Host.class)).hasSize(3);
    }

    /** The failover issue #3 asks for. */
    @ParameterizedTest
    @EnumSource(Protocol.class)
    void afterTheCoordinatorDiesTheClientFindsThePromotedMemberThroughAnotherMember(Protocol protocol)
            throws Exception {
        connect(protocol, sim.httpUrl());
        waitFor(() -> connection.knownMembers().size() == 3, "members remembered");
        Map<String, URI> urls = sim.hostUrls();
        List<String> hosts = new ArrayList<>(urls.keySet());
        String oldCoordinator = hosts.get(0);
        String redirector = hosts.get(1);
        String promoted = hosts.get(2);
        assertThat(oldCoordinator).isEqualTo(coordinator());

        sim.killCoordinator();
        sim.promote(promoted);
        // The member tried first after the dead coordinator knows the new one only by address.
        try (XapiSession ignored = XapiSession.login(ConnectionSettings.of(urls.get(redirector), protocol),
                SimulatorOptions.DEFAULT_USER, PASSWORD)) {
            throw new AssertionError("a member must not accept logins");
        } catch (XapiException e) {
            assertThat(e.code()).isEqualTo("HOST_IS_SLAVE");
            assertThat(e.params()).containsExactly(address(promoted));
        }

        waitFor(() -> connection.state() == ConnectionState.CONNECTED
                && connection.currentServer().getHost().equals(address(promoted)), "reconnected to the new coordinator");
        assertThat(connection.currentServer()).isEqualTo(urls.get(promoted));
        // The cache is whole again, and it is the new coordinator's view.
        waitFor(() -> refsInCache().equals(refsInPool()), "cache holds every object of the pool");
        Pool pool = connection.cache().all(Pool.class).get(0);
        assertThat(pool.master()).isEqualTo(promoted);
        assertThat(connection.cache().get(oldCoordinator, Host.class)).isPresent();
        assertThat(states).contains(ConnectionState.RECONNECTING).doesNotContain(ConnectionState.FAILED);
        // And it keeps following changes from there.
        connection.session().call("pool.set_name_label", pool.ref(), "after the failover");
        waitFor(() -> connection.cache().get(pool.ref(), Pool.class).orElseThrow().nameLabel()
                .equals("after the failover"), "change seen through the new coordinator");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aClientWhoseServerIsDeadLogsInThroughARememberedMember(Protocol protocol) {
        List<String> hosts = new ArrayList<>(sim.hostUrls().keySet());
        URI deadUrl = sim.hostUrl(hosts.get(0));
        String redirector = hosts.get(1);
        String promoted = hosts.get(2);
        sim.killCoordinator();
        sim.promote(promoted);

        // As a saved server would: the dead host typed by the user, one member remembered from before.
        connection = new PoolConnection(ConnectionSettings.of(deadUrl, protocol), SimulatorOptions.DEFAULT_USER,
                PASSWORD, FAST);
        connection.rememberMembers(List.of(address(redirector)));
        connection.start();

        // The only way in is the member's HOST_IS_SLAVE naming the new coordinator.
        waitFor(() -> connection.state() == ConnectionState.CONNECTED, "connected");
        assertThat(connection.currentServer()).isEqualTo(sim.hostUrl(promoted));
        assertThat(connection.cache().all(Host.class)).hasSize(3);
        waitFor(() -> connection.knownMembers().size() == 3, "every member remembered after the fill");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anOrderlyHandOverIsFollowedWithoutFailing(Protocol protocol) throws Exception {
        connect(protocol, sim.httpUrl());
        List<String> hosts = new ArrayList<>(sim.hostUrls().keySet());
        String next = hosts.get(1);

        connection.session().call("pool.designate_new_master", next);

        waitFor(() -> connection.state() == ConnectionState.CONNECTED
                && connection.currentServer().getHost().equals(address(next))
                && connection.cache().all(Pool.class).stream().anyMatch(p -> p.master().equals(next)),
                "following the designated coordinator");
        assertThat(states).doesNotContain(ConnectionState.FAILED);
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
