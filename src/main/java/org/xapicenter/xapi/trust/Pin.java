package org.xapicenter.xapi.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate the user (or a CA, or the pool itself) vouched for, at one host and port.
 *
 * @param hostKey {@link #hostKey(String, int)} of the server
 * @param sha256 the accepted certificate's SHA-256 fingerprint (64 lower-case hex digits)
 * @param subject its subject, kept so a warning about a change can say what was trusted before
 * @param notAfter its expiry
 * @param pinnedAt when it was accepted
 */
public record Pin(String hostKey, String sha256, String subject, Instant notAfter, Instant pinnedAt) {
    public Pin {
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(pinnedAt, "pinnedAt");
    }

    /** {@code host:port}, host lower-case, an IPv6 address in brackets: one server's key. */
    public static String hostKey(String host, int port) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    }

    public static Pin of(String hostKey, CertificateFacts facts, Instant now) {
        return new Pin(hostKey, facts.sha256(), facts.subject(), facts.notAfter(), now);
    }
}
