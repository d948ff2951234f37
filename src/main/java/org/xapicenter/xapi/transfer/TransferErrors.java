package org.xapicenter.xapi.transfer;

import java.util.List;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.sidechannel.Endpoint;
import org.xapicenter.xapi.sidechannel.HttpReply;

/**
 * The client-side error codes of the transfers, each an {@link XapiException} so that the UI's friendly
 * texts and the CLI treat them like the host's own codes. HTTP refusals carry {@code [host, status,
 * reason phrase]}.
 */
final class TransferErrors {
    /** 403: the host refused the transfer (permissions, or a transfer it cannot do). */
    static final String REFUSED = "XAPICENTER_TRANSFER_REFUSED";
    /** 404: the host does not know the object or the handler. */
    static final String NOT_FOUND = "XAPICENTER_TRANSFER_NOT_FOUND";
    /** 500 and any other status we do not handle. */
    static final String HTTP_ERROR = "XAPICENTER_TRANSFER_HTTP_ERROR";
    /** 401 even after logging in again. */
    static final String UNAUTHORIZED = "XAPICENTER_TRANSFER_UNAUTHORIZED";
    /** Too many redirects, or one to a location that is not a URL with a host: [host, location]. */
    static final String BAD_REDIRECT = "XAPICENTER_TRANSFER_BAD_REDIRECT";
    /** The export's connection ended but the task never said it succeeded: [host]. */
    static final String INCOMPLETE = "XAPICENTER_TRANSFER_INCOMPLETE";

    /** No byte of the body moved for the idle timeout: [host, seconds]. */
    static final String STALLED = "XAPICENTER_TRANSFER_STALLED";
    /** An unverified compressed export whose compressed stream does not end cleanly: [what is wrong]. */
    static final String TRUNCATED = "XAPICENTER_TRANSFER_TRUNCATED";

    private TransferErrors() {
    }

    static XapiException forStatus(HttpReply reply, Endpoint from) {
        String code = switch (reply.status()) {
            case 401 -> UNAUTHORIZED;
            case 403 -> REFUSED;
            case 404 -> NOT_FOUND;
            default -> HTTP_ERROR;
        };
        return new XapiException(code, List.of(from.host(), Integer.toString(reply.status()), reply.phrase()));
    }
}
