package org.xapicenter.xapi.trust;

/**
 * Asks a person whether to trust a certificate. Called on the thread doing the TLS handshake (never the
 * FX thread): an implementation that shows a dialog blocks that thread until the answer comes.
 */
@FunctionalInterface
public interface TrustPrompt {
    /** Refuses every certificate it is asked about (command line without a terminal, tests). */
    TrustPrompt REFUSE = question -> false;

    /**
     * @return true to trust {@code question.presented()} at that host and pin it
     * @throws InterruptedException the caller gave up waiting (treated as a refusal)
     */
    boolean accept(TrustQuestion question) throws InterruptedException;
}
