package org.xapicenter.xapi;

import java.io.IOException;

/**
 * A call whose reply never came whole or was not a XAPI reply, for a reason worth retrying (a deadline,
 * a dead link, a proxy's error page, a reply cut short). Its message is already a sentence for people,
 * naming the server, and never holds a session reference.
 */
public final class ReplyException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReplyException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
