/**
 * TLS trust on first use, one decision for every channel of a connection (RPC, event loop, console,
 * export, import, rrd): {@link org.xapicenter.xapi.trust.PinningTrust} makes the {@code SSLContext}
 * every channel uses; a certificate seen for the first time is put to a
 * {@link org.xapicenter.xapi.trust.TrustPrompt} (the window's dialog, or a refusal on the command
 * line), accepted ones are pinned per host and port in a {@link org.xapicenter.xapi.trust.PinStore}, and
 * a changed certificate is refused with {@link org.xapicenter.xapi.trust.CertificateRejectedException}
 * until the user accepts the new one. No JavaFX here.
 */
package org.xapicenter.xapi.trust;
