package org.xapicenter.xapi.metrics;

import java.io.IOException;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

/**
 * The connection's live session. Asked before each fetch and again after a 401, since the connection may
 * have logged in anew. Blocking: called on fetcher threads only.
 */
@FunctionalInterface
public interface SessionSource {
    XapiSession current() throws IOException, XapiException;
}
