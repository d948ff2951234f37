package org.xapicenter.xapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xapicenter.xapi.metrics.RecordingListener.waitFor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.xapicenter.rrd.Archive;
import org.xapicenter.rrd.RrdLimits;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;

/** Every pool member on its own loopback address: one fetcher per address, and a VM's RRD through a 302. */
class PoolMembersMetricsTest {

    @Test
    @SuppressWarnings("unchecked")
    void eachHostIsReadAtItsOwnAddressAndAVmsRrdFollowsTheRedirectToItsHost() throws Exception {
        Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(0).httpsPort(-1).poolMembers(true).build());
        ScheduledExecutorService scheduler = MetricsFixtures.scheduler();
        XapiSession session = null;
        PoolMetrics metrics = null;
        try {
            session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), Protocol.JSON_RPC),
                    SimulatorOptions.DEFAULT_USER, SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
            XapiSession live = session;
            String master = (String) session.call("pool.get_master", ((List<?>) session.call("pool.get_all")).get(0));
            Map<String, Map<String, Object>> hosts = (Map<String, Map<String, Object>>) session.call("host.get_all_records");
            Map<String, Map<String, Object>> vms = (Map<String, Map<String, Object>>) session.call("VM.get_all_records");
            String masterAddress = (String) hosts.get(master).get("address");
            // a guest running on a member: asked at the coordinator's address, its RRD is redirected there
            String memberVm = vms.values().stream()
                    .filter(v -> "Running".equals(v.get("power_state")) && !Boolean.TRUE.equals(v.get("is_control_domain"))
                            && !master.equals(v.get("resident_on")))
                    .map(v -> (String) v.get("uuid")).findFirst().orElseThrow(() -> new AssertionError("no guest on a member"));

            metrics = new PoolMetrics(() -> live, scheduler,
                    new MetricsOptions(false, Clock.systemUTC(), Duration.ofMillis(200), RrdLimits.DEFAULT));
            List<RecordingListener> hostListeners = new ArrayList<>();
            List<String> hostUuids = new ArrayList<>();
            for (Map<String, Object> h : hosts.values()) {
                RecordingListener l = new RecordingListener();
                hostListeners.add(l);
                hostUuids.add((String) h.get("uuid"));
                metrics.watchHost((String) h.get("uuid"), (String) h.get("address"), l);
            }
            RecordingListener vmSeen = new RecordingListener();
            metrics.watchVm(memberVm, masterAddress, vmSeen);

            assertThat(hosts).hasSizeGreaterThan(1);
            assertThat(metrics.activeFetchers()).as("one per distinct address").isEqualTo(hosts.size());
            for (int i = 0; i < hostUuids.size(); i++) {
                String uuid = hostUuids.get(i);
                RecordingListener l = hostListeners.get(i);
                waitFor("host " + uuid, () -> l.updatesOf(uuid) > 0);
                assertThat(metrics.store().lastTime(Archive.ONE_HOUR, uuid)).isPresent();
            }
            waitFor("the VM's RRD through the redirect", () -> vmSeen.updatesOf(memberVm) > 0);
            assertThat(metrics.store().lastTime(Archive.ONE_DAY, memberVm)).isPresent();
            assertThat(vmSeen.failures()).isEmpty();
            // (after the redirected RRD, which would otherwise find the rows already held)
            // a VM-only watch measures the clock of the host it reads, found by its address
            String memberRef = (String) vms.values().stream().filter(v -> memberVm.equals(v.get("uuid")))
                    .findFirst().orElseThrow().get("resident_on");
            String memberAddress = (String) hosts.get(memberRef).get("address");
            assertThat(memberAddress).isNotEqualTo(masterAddress);
            assertThat(ServerClock.hostAt(session, memberAddress)).isEqualTo(memberRef);
            assertThat(ServerClock.hostAt(session, "")).isEqualTo(master);
            RecordingListener residentSeen = new RecordingListener();
            MetricsWatch resident = metrics.watchVm(memberVm, memberAddress, residentSeen);
            waitFor("the VM's updates from its host", () -> residentSeen.updatesOf(memberVm) > 0);
            // every simulated host runs on this machine's clock: the offset is only the measuring error
            assertThat(resident.serverClockOffsetMillis()).isBetween(-5_000L, 5_000L);
            assertThat(residentSeen.failures()).isEmpty();
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            scheduler.shutdownNow();
            if (session != null) {
                session.close();
            }
            sim.close();
        }
    }
}
