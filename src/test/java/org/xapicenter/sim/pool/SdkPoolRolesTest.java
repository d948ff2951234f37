package org.xapicenter.sim.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.rpc.EventService;
import org.xapicenter.xapi.XapiSecurity;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;

/**
 * The official Java SDK 8.1.0, unmodified, against a simulated pool whose hosts each listen on their
 * own address: its typed HOST_IS_SLAVE, the hand-over and emergency messages, and the legacy event API.
 */
class SdkPoolRolesTest {
    private Simulator sim;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() {
        XapiSecurity.install();
        sim = Simulator.start(SimulatorOptions.builder().poolMembers(true).operationDuration(Duration.ofMillis(40))
                .loginFailureDelay(Duration.ofMillis(10)).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Connection at(String host) throws Exception {
        Connection c = new Connection(new URL(sim.hostUrl(host).toString()));
        connections.add(c);
        return c;
    }

    private List<String> hosts() {
        return new ArrayList<>(sim.hostUrls().keySet());
    }

    @Test
    void loginAtAMemberRaisesTheSdksHostIsSlaveWithTheCoordinatorsAddress() throws Exception {
        Types.HostIsSlave e = catchThrowableOfType(Types.HostIsSlave.class,
                () -> Session.loginWithPassword(at(hosts().get(1)), "root", "password", "2.21", "sdk-test"));
        assertThat(e).isNotNull();
        assertThat(e.masterIPAddress).isEqualTo("127.0.0.1");
    }

    @Test
    void designateNewMasterThenEmergencyTransitionAndRecovery() throws Exception {
        List<String> hosts = hosts();
        Connection coordinator = at(hosts.get(0));
        Session.loginWithPassword(coordinator, "root", "password", "2.21", "sdk-test");
        Pool pool = Pool.getAll(coordinator).iterator().next();

        Pool.designateNewMaster(coordinator, Host.getByUuid(coordinator, sim.store().getString(hosts.get(1), "uuid")));

        Connection second = at(hosts.get(1));
        Session.loginWithPassword(second, "root", "password", "2.21", "sdk-test");
        assertThat(pool.getMaster(second).getAddress(second)).isEqualTo("127.0.0.2");

        // The new coordinator dies; the third host takes over from its own copy of the database.
        sim.killCoordinator();
        Connection third = at(hosts.get(2));
        Session.slaveLocalLoginWithPassword(third, "root", "password");
        Pool.emergencyTransitionToMaster(third);
        Session.loginWithPassword(third, "root", "password", "2.21", "sdk-test");
        Set<Host> recovered = Pool.recoverSlaves(third);
        assertThat(recovered).extracting(h -> h.toWireString()).containsExactly(hosts.get(0));
        assertThat(pool.getMaster(third).getAddress(third)).isEqualTo("127.0.0.3");
    }

    @Test
    void legacyEventsThroughTheSdkIncludingEventsLost() throws Exception {
        Connection c = at(hosts().get(0));
        Session.loginWithPassword(c, "root", "password", "2.21", "sdk-test");
        VM vm = VM.getByNameLabel(c, "mail").iterator().next();
        Event.register(c, Set.of("vm"));
        vm.setNameDescription(c, "seen by event.next");

        Set<Event.Record> events = Event.next(c);

        assertThat(events).singleElement().satisfies(r -> {
            assertThat(r.ref).isEqualTo(vm.toWireString());
            assertThat(r.operation).isEqualTo(Types.EventOperation.MOD);
        });
        for (int i = 0; i <= EventService.LEGACY_QUEUE_LENGTH; i++) {
            vm.setNameDescription(c, "change " + i);
        }
        assertThat(catchThrowableOfType(Types.EventsLost.class, () -> Event.next(c))).isNotNull();
    }
}
