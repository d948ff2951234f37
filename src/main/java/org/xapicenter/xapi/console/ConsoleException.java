package org.xapicenter.xapi.console;

import java.util.List;
import org.xapicenter.xapi.XapiException;

/**
 * Why a console could not be opened: a machine-readable {@link Reason} (its code is
 * {@code XAPICENTER_CONSOLE_<REASON>}, so callers that handle {@link XapiException} see it too) and one
 * sentence a user can act on, which {@link #getMessage()} returns. Neither holds a session ref or a
 * password.
 */
public final class ConsoleException extends XapiException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for code that reacts (retry, reconnect when the VM is back, log in again). */
    public enum Reason {
        /** The VM is halted or suspended: there is no display to show. */
        VM_NOT_RUNNING,
        /** The VM (or host) has no console speaking RFB, or its record is not known (yet). */
        NO_RFB_CONSOLE,
        /** The console's location is not a URL we can connect to. */
        BAD_LOCATION,
        /** The host named in the location did not accept a connection. */
        HOST_UNREACHABLE,
        /** The TLS handshake failed, typically a certificate the connection does not trust. */
        TLS_FAILED,
        /** 401: the session is no longer valid. */
        SESSION_INVALID,
        /** 403: the session may not open this console. */
        FORBIDDEN,
        /** 404: the console is not served by this host (the VM moved, or stopped). */
        NOT_ON_THIS_HOST,
        /** 503: the host cannot serve the console now. */
        UNAVAILABLE,
        /** Another HTTP status. */
        HTTP_ERROR,
        /** The reply was not an HTTP response header we could read. */
        MALFORMED_REPLY;

        public String code() {
            return "XAPICENTER_CONSOLE_" + name();
        }
    }

    private final Reason reason;
    private final String sentence;

    public ConsoleException(Reason reason, String sentence, List<String> params) {
        this(reason, sentence, params, null);
    }

    public ConsoleException(Reason reason, String sentence, List<String> params, Throwable cause) {
        super(reason.code(), params, cause);
        this.reason = reason;
        this.sentence = sentence;
    }

    public Reason reason() {
        return reason;
    }

    /** The sentence for the user. */
    @Override
    public String getMessage() {
        return sentence;
    }
}
