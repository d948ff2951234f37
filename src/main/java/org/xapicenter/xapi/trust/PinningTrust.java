package org.xapicenter.xapi.trust;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * Trust on first use with SHA-256 pinning per host and port, for every channel: give
 * {@link #sslContext()} to {@code ConnectionSettings.withSslContext} and the RPC transports, the event
 * loop, the console tunnel, exports, imports and graphs all ask this one object.
 *
 * <p>On each handshake: a pinned certificate with the same fingerprint passes; a different one is
 * put to the prompt as a change (refused unless accepted); an unknown one passes and is pinned when a
 * CA the runtime trusts vouches for it and its host name, and is otherwise put to the prompt. Several
 * handshakes to the same host waiting on one question share its answer; a refusal is remembered for
 * the process until {@link #forgetRefusals()}, so a reconnect loop never asks again and again.
 */
public final class PinningTrust {
    private final PinStore pins;
    private final TrustPrompt prompt;
    private final X509TrustManager caTrust;

    /** With the Java runtime's CA store. */
    public PinningTrust(PinStore pins, TrustPrompt prompt) {
        this(pins, prompt, null);
    }

    /** @param caTrust the CAs to accept without asking; null for the runtime's own */
    public PinningTrust(PinStore pins, TrustPrompt prompt, X509TrustManager caTrust) {
        this.pins = pins;
        this.prompt = prompt;
        this.caTrust = caTrust;
    }

    /** The context every channel of every connection using this trust should use. */
    public SSLContext sslContext() {
        throw new UnsupportedOperationException("skeleton: issue #7 trust helper");
    }

    public PinStore pins() {
        return pins;
    }

    /** Lets hosts refused earlier in this process be asked about again (the user chose Reconnect). */
    public void forgetRefusals() {
        throw new UnsupportedOperationException("skeleton: issue #7 trust helper");
    }

    /**
     * Pins the certificates the pool reports for its hosts ({@code host.get_server_certificate}, read
     * over the already trusted coordinator link), so failover to a member or a console on a member asks
     * nothing. Never replaces a different pin the user accepted; returns how many were pinned.
     *
     * @param session a logged-in session whose server's certificate this trust already accepted
     */
    public int learnPoolCertificates(org.xapicenter.xapi.XapiSession session)
            throws org.xapicenter.xapi.XapiException, java.io.IOException {
        throw new UnsupportedOperationException("skeleton: issue #7 trust helper");
    }
}
