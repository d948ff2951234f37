package org.xapicenter.xapi.trust;

import java.security.cert.CertificateException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The server's certificate was not trusted: the user declined it on first use, or it differs from the
 * pinned one and the user did not accept the new one. A connection that meets it stops retrying (a
 * retry would only ask again, or fail again) until the user acts.
 *
 * <p>The JDK wraps it in an {@code SSLHandshakeException}; {@link #in(Throwable)} finds it again.
 */
public final class CertificateRejectedException extends CertificateException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** First use, and the user did not accept the certificate. */
        NOT_TRUSTED,
        /** A different certificate is pinned for the host; blocked until the user accepts the new one. */
        CHANGED
    }

    private final transient TrustQuestion question;
    private final Reason reason;

    public CertificateRejectedException(Reason reason, TrustQuestion question) {
        super(message(reason, question));
        this.reason = reason;
        this.question = question;
    }

    private static String message(Reason reason, TrustQuestion q) {
        return switch (reason) {
            case NOT_TRUSTED -> "The certificate of " + q.hostKey() + " (SHA-256 " + q.presented().fingerprintText()
                    + ") is not trusted.";
            case CHANGED -> "The certificate of " + q.hostKey() + " has changed (now SHA-256 "
                    + q.presented().fingerprintText() + "); connections to it are blocked until you accept the new one.";
        };
    }

    public Reason reason() {
        return reason;
    }

    public TrustQuestion question() {
        return question;
    }

    /** The rejection somewhere in {@code t}'s causes or suppressed exceptions, if any. */
    public static Optional<CertificateRejectedException> in(Throwable t) {
        Set<Throwable> seen = new HashSet<>();
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        if (t != null) {
            todo.add(t);
        }
        while (!todo.isEmpty()) {
            Throwable x = todo.poll();
            if (!seen.add(x)) {
                continue;
            }
            if (x instanceof CertificateRejectedException r) {
                return Optional.of(r);
            }
            if (x.getCause() != null) {
                todo.add(x.getCause());
            }
            todo.addAll(java.util.Arrays.asList(x.getSuppressed()));
        }
        return Optional.empty();
    }
}
