package org.xapicenter.sim.http;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh self-signed certificate per simulator start, as a freshly installed host has: clients must
 * decide to trust it (TOFU pinning), which is exactly what the demo should exercise.
 */
public record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    public static SelfSignedCertificate generate() {
        return generate(java.util.List.of("127.0.0.1"));
    }

    /** A certificate valid for each of {@code addresses} (IP literals) and localhost: one for a whole simulated pool. */
    public static SelfSignedCertificate generate(java.util.List<String> addresses) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = gen.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=XapiCenter simulator,O=XapiCenter");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
            java.util.List<GeneralName> names = new java.util.ArrayList<>();
            for (String address : addresses) {
                names.add(new GeneralName(GeneralName.iPAddress, address));
            }
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SelfSignedCertificate(cert, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate the simulator's certificate", e);
        }
    }
}
