package org.xapicenter.xapi.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.xapicenter.sim.Simulator;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.http.SelfSignedCertificate;
import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.XapiSession;

/** A certificate a trusted CA signed for the host's name is accepted without a question, and still pinned. */
class CaSignedCertificateTest {
    private static final char[] PASSWORD = SimulatorOptions.DEFAULT_PASSWORD.toCharArray();

    @Test
    void aCaSignedCertificateIsPinnedWithoutAskingButAChangeIsStillBlocked() throws Exception {
        KeyPair caKeys = keys();
        X509Certificate ca = sign(new X500Name("CN=Lab CA"), caKeys, new X500Name("CN=Lab CA"), caKeys, true, null);
        KeyPair hostKeys = keys();
        X509Certificate host = sign(new X500Name("CN=xcp-host"), hostKeys, new X500Name("CN=Lab CA"), caKeys, false, "127.0.0.1");
        X509TrustManager labCas = trusting(ca);

        List<TrustQuestion> asked = new CopyOnWriteArrayList<>();
        MemoryPinStore pins = new MemoryPinStore();
        PinningTrust trust = new PinningTrust(pins, q -> {
            asked.add(q);
            return false;
        }, labCas);
        SimulatorOptions options = SimulatorOptions.builder().httpPort(-1).httpsPort(0).loginFailureDelay(Duration.ZERO).build();
        int port;
        try (Simulator sim = Simulator.start(options, new SelfSignedCertificate(host, hostKeys.getPrivate()))) {
            port = sim.httpsUrl().getPort();
            try (XapiSession s = XapiSession.login(ConnectionSettings.of(sim.httpsUrl(), Protocol.JSON_RPC)
                    .withSslContext(trust.sslContext()), "root", PASSWORD)) {
                assertThat(s.ref()).startsWith("OpaqueRef:");
            }
        }
        assertThat(asked).isEmpty();
        assertThat(pins.find(Pin.hostKey("127.0.0.1", port))).hasValueSatisfying(
                p -> assertThat(p.sha256()).isEqualTo(PinningTrust.sha256(host)));

        // Another certificate from the same CA for the same host is still a change: asked, and refused here.
        KeyPair otherKeys = keys();
        X509Certificate other = sign(new X500Name("CN=xcp-host"), otherKeys, new X500Name("CN=Lab CA"), caKeys, false, "127.0.0.1");
        try (Simulator sim = Simulator.start(options.toBuilder().httpsPort(port).build(),
                new SelfSignedCertificate(other, otherKeys.getPrivate()))) {
            Throwable e = catchThrowable(() -> XapiSession.login(ConnectionSettings.of(sim.httpsUrl(), Protocol.JSON_RPC)
                    .withSslContext(trust.sslContext()), "root", PASSWORD));
            assertThat(CertificateRejectedException.in(e)).hasValueSatisfying(
                    r -> assertThat(r.reason()).isEqualTo(CertificateRejectedException.Reason.CHANGED));
        }
        assertThat(asked).singleElement().satisfies(q -> {
            assertThat(q.changed()).isTrue();
            assertThat(q.presented().caValid()).isTrue();
        });
    }

    @Test
    void aCaSignedCertificateForAnotherNameIsAsked() throws Exception {
        KeyPair caKeys = keys();
        X509Certificate ca = sign(new X500Name("CN=Lab CA"), caKeys, new X500Name("CN=Lab CA"), caKeys, true, null);
        KeyPair hostKeys = keys();
        X509Certificate host = sign(new X500Name("CN=elsewhere"), hostKeys, new X500Name("CN=Lab CA"), caKeys, false, "10.9.9.9");
        List<TrustQuestion> asked = new CopyOnWriteArrayList<>();
        PinningTrust trust = new PinningTrust(new MemoryPinStore(), q -> {
            asked.add(q);
            return true;
        }, trusting(ca));
        try (Simulator sim = Simulator.start(SimulatorOptions.builder().httpPort(-1).httpsPort(0).build(),
                new SelfSignedCertificate(host, hostKeys.getPrivate()));
             XapiSession s = XapiSession.login(ConnectionSettings.of(sim.httpsUrl(), Protocol.XML_RPC)
                     .withSslContext(trust.sslContext()), "root", PASSWORD)) {
            assertThat(s.ref()).isNotBlank();
        }
        assertThat(asked).singleElement().satisfies(q -> assertThat(q.presented().caValid()).isFalse());
    }

    @Test
    void wildcardNamesMatchOneLabelOnly() {
        assertThat(HostNames.dnsMatches("*.lab.example", "xcp1.lab.example")).isTrue();
        assertThat(HostNames.dnsMatches("*.lab.example", "a.b.lab.example")).isFalse();
        assertThat(HostNames.dnsMatches("*.lab.example", "lab.example")).isFalse();
        assertThat(HostNames.dnsMatches("*.com", "evil.com")).isFalse();
        assertThat(HostNames.dnsMatches("XCP1.Lab.Example.", "xcp1.lab.example")).isTrue();
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        return gen.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean ca, String ip) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ip != null) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static X509TrustManager trusting(X509Certificate ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        return (X509TrustManager) f.getTrustManagers()[0];
    }
}
