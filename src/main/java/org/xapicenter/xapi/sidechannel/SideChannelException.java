package org.xapicenter.xapi.sidechannel;

import java.io.IOException;

/**
 * A side-channel connection failed before or while the host answered. {@link #kind} says what went
 * wrong so that each caller (console, transfers) can name it in its own words; {@link #detail} is a
 * short, printable phrase about why ("its name does not resolve", the JDK's message, ...).
 */
public final class SideChannelException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The TCP connection could not be made (name, refusal, timeout). */
        UNREACHABLE,
        /** The TLS handshake failed (most often: the certificate is not trusted). */
        TLS_FAILED,
        /** The host accepted the connection but did not answer in time. */
        REPLY_TIMEOUT,
        /** The connection broke while the reply header was being read. */
        BROKEN,
        /** The host answered with something that is not an HTTP reply header we accept. */
        MALFORMED
    }

    private final Kind kind;
    private final String host;
    private final String detail;

    public SideChannelException(Kind kind, String host, String detail, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.host = host;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    public String detail() {
        return detail;
    }
}
