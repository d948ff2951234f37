package org.xapicenter.sim.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.RpcTransport;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.transport.Transports;

/** The demo pool with every host on its own loopback address, spoken to over real sockets. */
class PoolMembersTest {
    private Simulator sim;
    private final List<RpcTransport> transports = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = Simulator.start(SimulatorOptions.builder().poolMembers(true).operationDuration(Duration.ofMillis(50))
                .loginFailureDelay(Duration.ofMillis(10)).build());
    }

    @AfterEach
    void stop() {
        transports.forEach(RpcTransport::close);
        sim.close();
    }

    private RpcTransport at(URI url) throws IOException {
        RpcTransport t = Transports.open(ConnectionSettings.of(url, Protocol.JSON_RPC)
                .withReplyTimeout(Duration.ofSeconds(10)));
        transports.add(t);
        return t;
    }

    private String login(URI url) throws Exception {
        return (String) at(url).call("session.login_with_password", List.of("root", "password", "2.21", "test"));
    }

    private XapiException loginFailure(URI url) {
        try {
            login(url);
        } catch (XapiException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a XAPI error, got " + e, e);
        }
        throw new AssertionError("login at " + url + " should have failed");
    }

    private String coordinator() {
        return sim.store().getString(sim.store().refs("pool").get(0), "master");
    }

    private List<String> members() {
        List<String> out = new ArrayList<>(sim.hostUrls().keySet());
        out.remove(coordinator());
        return out;
    }

    private String address(String host) {
        return sim.store().getString(host, "address");
    }

    @Test
    void eachHostListensOnItsOwnLoopbackAddressAndTheSamePort() {
        Map<String, URI> urls = sim.hostUrls();
        assertThat(urls).hasSize(3);
        assertThat(urls.get(coordinator())).isEqualTo(sim.httpUrl());
        assertThat(sim.httpUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(urls.values()).extracting(URI::getHost).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(urls.values()).extracting(URI::getPort).containsOnly(sim.httpUrl().getPort());
        urls.forEach((host, url) -> assertThat(address(host)).isEqualTo(url.getHost()));
    }

    @Test
    void managementInterfaceAndConsolesAgreeWithTheHostAddress() {
        for (String pif : sim.store().refs("PIF")) {
            if (Boolean.TRUE.equals(sim.store().get(pif, "management"))) {
                assertThat(sim.store().getString(pif, "IP")).isEqualTo(address(sim.store().getString(pif, "host")));
            }
        }
        int consoles = 0;
        for (String console : sim.store().refs("console")) {
            String host = sim.store().getString(sim.store().getString(console, "VM"), "resident_on");
            assertThat(sim.store().getString(console, "location")).startsWith("https://" + address(host) + "/console?");
            consoles++;
        }
        assertThat(consoles).isPositive();
    }

    @Test
    void aLoginAtAMemberIsToldTheCoordinatorsAddress() throws Exception {
        for (String member : members()) {
            XapiException e = loginFailure(sim.hostUrl(member));
            assertThat(e.code()).isEqualTo("HOST_IS_SLAVE");
            assertThat(e.params()).containsExactly("127.0.0.1");
        }
        assertThat(login(sim.httpUrl())).startsWith("OpaqueRef:");
    }

    @Test
    void aMemberServesCallsMadeWithAValidSession() throws Exception {
        String session = login(sim.httpUrl());
        Object pools = at(sim.hostUrl(members().get(0))).call("pool.get_all", List.of(session));
        assertThat(pools).asList().hasSize(1);
    }

    @Test
    void designateNewMasterMovesTheRole() throws Exception {
        String oldCoordinator = coordinator();
        String next = members().get(1);
        String session = login(sim.httpUrl());

        at(sim.httpUrl()).call("pool.designate_new_master", List.of(session, next));

        assertThat(coordinator()).isEqualTo(next);
        assertThat(sim.httpUrl()).isEqualTo(sim.hostUrl(next));
        XapiException e = loginFailure(sim.hostUrl(oldCoordinator));
        assertThat(e.code()).isEqualTo("HOST_IS_SLAVE");
        assertThat(e.params()).containsExactly(address(next));
        assertThat(loginFailure(sim.hostUrl(members().get(0))).params()).containsExactly(address(next));
        String fresh = login(sim.hostUrl(next));
        assertThat(at(sim.hostUrl(next)).call("session.get_this_host", List.of(fresh, fresh))).isEqualTo(next);
        // Sessions live in the old coordinator's memory only.
        assertThatThrownBy(() -> at(sim.hostUrl(next)).call("pool.get_all", List.of(session)))
                .isInstanceOfSatisfying(XapiException.class, x -> assertThat(x.code()).isEqualTo("SESSION_INVALID"));
    }

    @Test
    void designatingAnUnknownOrDeadHostFails() throws Exception {
        String session = login(sim.httpUrl());
        assertThatThrownBy(() -> at(sim.httpUrl()).call("pool.designate_new_master", List.of(session, "OpaqueRef:nope")))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.code()).isEqualTo("HANDLE_INVALID");
                    assertThat(e.params()).containsExactly("host", "OpaqueRef:nope");
                });
        String member = members().get(0);
        sim.kill(member);
        assertThatThrownBy(() -> at(sim.httpUrl()).call("pool.designate_new_master", List.of(session, member)))
                .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.code()).isEqualTo("HOST_OFFLINE"));
        assertThat(coordinator()).isNotEqualTo(member);
    }

    @Test
    void aKilledCoordinatorIsUnreachableAndMembersStillNameItUntilOneIsPromoted() throws Exception {
        URI oldUrl = sim.httpUrl();
        String dead = sim.killCoordinator();
        assertThatThrownBy(() -> login(oldUrl)).isInstanceOf(IOException.class);
        String first = members().get(0);
        String second = members().get(1);
        assertThat(loginFailure(sim.hostUrl(first)).params()).containsExactly("127.0.0.1");
        assertThat(sim.store().get(sim.store().getString(dead, "metrics"), "live")).isEqualTo(false);

        sim.promote(second);

        assertThat(coordinator()).isEqualTo(second);
        assertThat(login(sim.hostUrl(second))).startsWith("OpaqueRef:");
        assertThat(loginFailure(sim.hostUrl(first)).params()).containsExactly(address(second));
        assertThat(sim.httpUrl()).isEqualTo(sim.hostUrl(second));
    }

    @Test
    void emergencyMessagesOverTheWire() throws Exception {
        String dead = sim.killCoordinator();
        String first = members().get(0);
        String second = members().get(1);
        // On a member a local login is the way in when the coordinator is gone.
        String local = (String) at(sim.hostUrl(second)).call("session.slave_local_login_with_password",
                List.of("root", "password"));
        at(sim.hostUrl(second)).call("pool.emergency_transition_to_master", List.of(local));

        assertThat(coordinator()).isEqualTo(second);
        // The other member still follows the dead coordinator until recovered.
        assertThat(loginFailure(sim.hostUrl(first)).params()).containsExactly(address(dead));
        String session = login(sim.hostUrl(second));
        Object recovered = at(sim.hostUrl(second)).call("pool.recover_slaves", List.of(session));
        assertThat(recovered).asList().containsExactly(first);
        assertThat(loginFailure(sim.hostUrl(first)).params()).containsExactly(address(second));

        // A revived host rejoins as a member of the new coordinator.
        sim.revive(dead);
        assertThat(loginFailure(sim.hostUrl(dead)).params()).containsExactly(address(second));
        assertThat(sim.store().get(sim.store().getString(dead, "metrics"), "live")).isEqualTo(true);
    }

    @Test
    void overHttpsEveryHostPresentsACertificateValidForItsAddress() throws Exception {
        try (Simulator tls = Simulator.start(SimulatorOptions.builder().poolMembers(true).httpPort(-1).httpsPort(0)
                .loginFailureDelay(Duration.ofMillis(10)).build())) {
            assertThat(tls.httpUrl()).isNull();
            assertThat(tls.httpsUrl().getHost()).isEqualTo("127.0.0.1");
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("simulator", tls.certificate());
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            // java.net.http checks the address against the certificate's names, as browsers do.
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(context).build();
            List<String> bodies = new ArrayList<>();
            for (URI url : tls.hostUrls().values()) {
                assertThat(url.getScheme()).isEqualTo("https");
                bodies.add(client.send(java.net.http.HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/xml")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "<methodCall><methodName>session.login_with_password</methodName><params>"
                                + "<param><value>root</value></param><param><value>password</value></param>"
                                + "</params></methodCall>"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            }
            assertThat(bodies.get(0)).contains("Success");
            assertThat(bodies.subList(1, bodies.size())).hasSize(2)
                    .allSatisfy(b -> assertThat(b).contains("HOST_IS_SLAVE").contains("127.0.0.1"));
        }
    }

    @Test
    void withoutPoolMembersThePoolAnswersOn127001Alone() throws Exception {
        try (Simulator single = Simulator.start(SimulatorOptions.builder().loginFailureDelay(Duration.ofMillis(10)).build())) {
            assertThat(single.hostUrls()).hasSize(1);
            assertThat(single.httpUrl().getHost()).isEqualTo("127.0.0.1");
            assertThatThrownBy(single::killCoordinator).isInstanceOf(IllegalStateException.class);
            // Every host answers at the one listener, so every host's address and management IP name it.
            assertThat(single.store().refs("host")).hasSizeGreaterThan(1)
                    .extracting(h -> single.store().getString(h, "address")).containsOnly("127.0.0.1");
            assertThat(single.store().refs("PIF")).filteredOn(p -> Boolean.TRUE.equals(single.store().get(p, "management")))
                    .isNotEmpty().extracting(p -> single.store().getString(p, "IP")).containsOnly("127.0.0.1");
        }
    }
}
