package org.xapicenter.xapi.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

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
    private static final Logger LOG = LoggerFactory.getLogger(PinningTrust.class);

    private final PinStore pins;
    private final TrustPrompt prompt;
    private final X509TrustManager caTrust;
    private final Clock clock;
    /** hostKey|sha256 the user refused in this run. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Questions being asked now, by hostKey|sha256: later handshakes wait for the same answer. */
    private final Map<String, CompletableFuture<Boolean>> asking = new ConcurrentHashMap<>();
    private final SSLContext context;

    /** With the Java runtime's CA store. */
    public PinningTrust(PinStore pins, TrustPrompt prompt) {
        this(pins, prompt, null);
    }

    /** @param caTrust the CAs to accept without asking; null for the runtime's own */
    public PinningTrust(PinStore pins, TrustPrompt prompt, X509TrustManager caTrust) {
        this.pins = pins;
        this.prompt = prompt;
        this.caTrust = caTrust != null ? caTrust : runtimeCas();
        this.clock = Clock.systemUTC();
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Manager()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this Java runtime", e);
        }
    }

    /** The context every channel of every connection using this trust should use. */
    public SSLContext sslContext() {
        return context;
    }

    public PinStore pins() {
        return pins;
    }

    /** Lets hosts refused earlier in this process be asked about again (the user chose Reconnect). */
    public void forgetRefusals() {
        refused.clear();
    }

    /**
     * Pins the certificates the pool reports for its hosts ({@code host.get_server_certificate}, read
     * over the already trusted coordinator link), so failover to a member or a console on a member asks
     * nothing. Never replaces a different pin the user accepted; returns how many were pinned. Hosts
     * too old to report their certificate are skipped (they will be asked about on first use).
     *
     * @param session a logged-in session whose server's certificate this trust already accepted
     */
    public int learnPoolCertificates(XapiSession session) throws XapiException, IOException {
        int port = session.settings().server().getPort() > 0 ? session.settings().server().getPort() : 443;
        Object all = session.call("host.get_all_records");
        if (!(all instanceof Map<?, ?> hosts)) {
            return 0;
        }
        int pinned = 0;
        for (Map.Entry<?, ?> e : hosts.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> record) || !(record.get("address") instanceof String address)
                    || address.isBlank()) {
                continue;
            }
            String key = Pin.hostKey(address, port);
            if (pins.find(key).isPresent()) {
                continue;
            }
            Object pem;
            try {
                pem = session.call("host.get_server_certificate", e.getKey());
            } catch (XapiException old) {
                LOG.info("The pool does not report its hosts' certificates ({}); members are asked about on first use",
                        old.code());
                return pinned;
            }
            Optional<X509Certificate> cert = pem instanceof String text ? parsePem(text) : Optional.empty();
            if (cert.isPresent()) {
                pins.save(Pin.of(key, facts(cert.get(), false), clock.instant()));
                pinned++;
            }
        }
        return pinned;
    }

    /** What a person is shown about {@code leaf}. */
    public static CertificateFacts facts(X509Certificate leaf, boolean caValid) {
        return new CertificateFacts(sha256(leaf), leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), caValid);
    }

    /** The SHA-256 of the DER encoding, lower-case hex. */
    public static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    private static Optional<X509Certificate> parsePem(String pem) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The decision for one handshake with {@code host:port}. */
    void check(X509Certificate[] chain, String authType, String host, int port) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        String sha = sha256(leaf);
        String key = Pin.hostKey(host, port);
        Optional<Pin> pin = pins.find(key);
        if (pin.isPresent() && pin.get().sha256().equals(sha)) {
            return;
        }
        boolean caValid = caVouches(chain, authType, host);
        TrustQuestion question = new TrustQuestion(host, port, facts(leaf, caValid), pin.orElse(null));
        if (pin.isEmpty() && caValid) {
            pins.save(Pin.of(key, question.presented(), clock.instant()));
            LOG.info("Pinned the CA-signed certificate of {} (SHA-256 {})", key, question.presented().fingerprintText());
            return;
        }
        CertificateRejectedException.Reason reason = question.changed()
                ? CertificateRejectedException.Reason.CHANGED : CertificateRejectedException.Reason.NOT_TRUSTED;
        String id = key + "|" + sha;
        if (refused.contains(id) || !ask(id, question)) {
            refused.add(id);
            LOG.warn("Certificate of {} refused ({}, SHA-256 {})", key, reason, question.presented().fingerprintText());
            throw new CertificateRejectedException(reason, question);
        }
        LOG.info("Pinned the certificate of {} (SHA-256 {}) as the user accepted it", key,
                question.presented().fingerprintText());
    }

    /** One question per host and certificate at a time; everyone waiting gets its answer. */
    private boolean ask(String id, TrustQuestion question) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> earlier = asking.putIfAbsent(id, mine);
        if (earlier != null) {
            try {
                return earlier.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return false;
            }
        }
        boolean answer = false;
        try {
            answer = prompt.accept(question);
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.warn("Asking about the certificate of {} failed: {}", question.hostKey(), e.toString());
            return false;
        } finally {
            if (answer) {
                // pinned before the waiters go on, so none of them asks again
                pins.save(Pin.of(question.hostKey(), question.presented(), clock.instant()));
            }
            asking.remove(id, mine);
            mine.complete(answer);
        }
    }

    private boolean caVouches(X509Certificate[] chain, String authType, String host) {
        try {
            caTrust.checkServerTrusted(chain, authType);
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
        return HostNames.names(chain[0], host);
    }

    private static X509TrustManager runtimeCas() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager m : f.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    return x;
                }
            }
        } catch (GeneralSecurityException e) {
            LOG.warn("The Java runtime's CA store is not available: {}", e.toString());
        }
        return new NoCas();
    }

    /** Vouches for nothing: every certificate is then asked about. */
    private static final class NoCas implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no CA store");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no CA store");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The JDK's hook: every handshake of every channel lands here with the peer's host and port. */
    private final class Manager extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            SSLSession handshake = socket instanceof SSLSocket s ? s.getHandshakeSession() : null;
            String host = handshake != null && handshake.getPeerHost() != null ? handshake.getPeerHost()
                    : socket.getInetAddress().getHostAddress();
            int port = handshake != null && handshake.getPeerPort() > 0 ? handshake.getPeerPort() : socket.getPort();
            check(chain, authType, host, port);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            if (engine.getPeerHost() == null) {
                throw new CertificateException("no host to check the certificate against");
            }
            check(chain, authType, engine.getPeerHost(), engine.getPeerPort());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no host to check the certificate against");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("XapiCenter does not accept client connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("XapiCenter does not accept client connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("XapiCenter does not accept client connections");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
