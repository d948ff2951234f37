package org.xapicenter.sim.rpc;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;

/**
 * {@code host.get_server_certificate(session, host)}: the PEM of the certificate the host presents on
 * HTTPS, as xapi answers it. Clients read it over a link they already trust to pin the other hosts of
 * the pool. Without HTTPS the simulator has no certificate and does not offer the message, as a host
 * older than the call would not.
 */
public final class ServerCertificates {
    private ServerCertificates() {
    }

    public static void register(Dispatcher d, org.xapicenter.sim.store.ObjectStore store, X509Certificate certificate) {
        if (certificate == null) {
            return;
        }
        String pem = pem(certificate);
        d.register(new MethodSpec("host.get_server_certificate", Set.of(2), true, false, (ctx, a) -> {
            Handles.require(store, "host", String.valueOf(a.get(0)));
            return pem;
        }));
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the simulator's certificate", e);
        }
    }
}
