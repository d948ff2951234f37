package org.xapicenter.xapi.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * What a person needs to judge a server certificate: its SHA-256 fingerprint, subject, issuer and
 * validity, and whether a certificate authority the Java runtime trusts vouches for it and its name.
 *
 * @param sha256 the SHA-256 of the DER-encoded leaf certificate, 64 lower-case hex digits
 * @param subject the subject's distinguished name as RFC 2253 prints it
 * @param issuer the issuer's distinguished name
 * @param caValid whether the chain validates against the runtime's CA store and names the host
 */
public record CertificateFacts(String sha256, String subject, String issuer, Instant notBefore, Instant notAfter,
        boolean caValid) {
    public CertificateFacts {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    /** The fingerprint as people compare it: upper-case byte pairs joined by colons. */
    public String fingerprintText() {
        return fingerprintText(sha256);
    }

    /** A hex fingerprint as people compare it: upper-case byte pairs joined by colons. */
    public static String fingerprintText(String sha256) {
        StringBuilder b = new StringBuilder(sha256.length() * 3 / 2);
        for (int i = 0; i < sha256.length(); i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(sha256, i, Math.min(i + 2, sha256.length()));
        }
        return b.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
