package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.Protocol;

/** host.disable, host.evacuate and host.enable: maintenance mode as XenCenter drives it. */
class HostMaintenanceTest {
    private ClientOnSimulator c;

    @BeforeEach
    void start() throws Exception {
        c = new ClientOnSimulator(Protocol.JSON_RPC);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private List<String> guestsOn(String host) throws Exception {
        return c.refs("host", host, "resident_VMs").stream()
                .filter(vm -> {
                    try {
                        return !Boolean.TRUE.equals(c.record("VM", vm).get("is_control_domain"));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    @Test
    void anEvacuatedServerRunsNoGuestAndTheyRunElsewhere() throws Exception {
        String host = c.named("host", "xcp-ng-02");
        List<String> guests = guestsOn(host);
        assertThat(guests).isNotEmpty();
        c.call("host.disable", host);
        assertThat(c.record("host", host).get("enabled")).isEqualTo(false);
        c.async("host.evacuate", host);
        assertThat(guestsOn(host)).isEmpty();
        for (String vm : guests) {
            String now = (String) c.record("VM", vm).get("resident_on");
            assertThat(now).isNotEqualTo(host).isNotEqualTo(ClientOnSimulator.NULL);
            assertThat(c.record("VM", vm).get("power_state")).isIn("Running", "Paused");
        }
        // a disabled server takes no VM
        assertThat(c.asyncFailure("VM.pool_migrate", guests.get(0), host, java.util.Map.of()).code()).isEqualTo("HOST_DISABLED");
        c.call("host.enable", host);
        assertThat(c.record("host", host).get("enabled")).isEqualTo(true);
    }

    @Test
    void whenAGuestCannotGoAnywhereNothingMovesAndItsReasonIsTheError() throws Exception {
        // db-replica's disks are on xcp-ng-01's local storage: no other server can run it
        String host = c.named("host", "xcp-ng-01");
        List<String> before = guestsOn(host);
        var refused = c.asyncFailure("host.evacuate", host);
        assertThat(refused.code()).isEqualTo("VM_REQUIRES_SR");
        assertThat(refused.params().get(0)).isEqualTo(c.vm("db-replica"));
        assertThat(guestsOn(host)).containsExactlyInAnyOrderElementsOf(before);
        // with every other server disabled, even a VM on shared storage has nowhere to go
        String other = c.named("host", "xcp-ng-03");
        for (String h : c.hosts()) {
            if (!h.equals(other)) {
                c.call("host.disable", h);
            }
        }
        assertThat(c.asyncFailure("host.evacuate", other).code()).isEqualTo("HOST_DISABLED");
    }
}
