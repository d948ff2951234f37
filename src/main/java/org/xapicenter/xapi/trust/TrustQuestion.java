package org.xapicenter.xapi.trust;

import java.util.Objects;

/**
 * A certificate the user must judge: {@code presented} at {@code host:port}, with the one pinned
 * before (null on first use). When {@link #changed()} the answer should default to "keep blocking".
 */
public record TrustQuestion(String host, int port, CertificateFacts presented, Pin previous) {
    public TrustQuestion {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(presented, "presented");
    }

    /** Whether a different certificate was pinned for this host before. */
    public boolean changed() {
        return previous != null && !previous.sha256().equals(presented.sha256());
    }

    public String hostKey() {
        return Pin.hostKey(host, port);
    }
}
