package org.xapicenter.xapi.wire;

import java.io.IOException;

/**
 * A message on the wire that we refuse to decode: malformed XML or JSON, a forbidden construct
 * (a DOCTYPE, an external entity), or a message beyond our size or nesting bounds.
 *
 * <p>It is an {@link IOException} because, to a caller, a garbled reply is as unusable as a broken
 * connection; the message says what was wrong without echoing the offending input at length.
 */
public class WireFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
