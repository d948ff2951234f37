package org.xapicenter.xapi;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Carries one RPC call to a XAPI server and decodes the reply.
 *
 * <p>Values on both sides use the plain Java value model shared by every transport: {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code java.time.Instant}, {@code List<Object>} and
 * {@code Map<String, Object>}. XML-RPC carries XAPI ints as untyped strings, so a value that is an
 * int64 may arrive as a {@code String}; typed accessors in {@code xapi.record} convert.
 */
public interface RpcTransport extends Closeable {

    /**
     * Calls {@code method} with {@code params} (the session ref, if any, already first).
     *
     * @return the {@code Value} of a successful reply
     * @throws XapiException the server's {@code ErrorDescription} / JSON-RPC error, or a local
     *     protocol error ({@code XAPICENTER_PROTOCOL_ERROR [detail]}) for a reply we refuse to decode
     * @throws IOException the server could not be reached or the connection broke
     */
    Object call(String method, List<?> params) throws XapiException, IOException;

    /** Timeout for a single call's reply, in milliseconds; event.from needs more than the default. */
    default Object call(String method, List<?> params, int replyTimeoutMillis) throws XapiException, IOException {
        return call(method, params);
    }

    /**
     * Ends every call in flight at once: each fails with an {@code IOException}. The transport stays
     * usable for new calls. The heartbeat uses it when the link is dead, so the event loop's long
     * {@code event.from} does not wait out its own timeout.
     */
    default void abortCalls() {
    }

    @Override
    default void close() {
    }
}
