package org.xapicenter.rfb;

import java.io.IOException;

/**
 * The server broke the protocol (bad rectangle, impossible size, corrupt zlib data), refused us
 * (authentication failed, unsupported version), or the connection ended. The message is one sentence
 * fit for a status line.
 */
public class RfbException extends IOException {
    private static final long serialVersionUID = 1L;

    public RfbException(String message) {
        super(message);
    }

    public RfbException(String message, Throwable cause) {
        super(message, cause);
    }
}
