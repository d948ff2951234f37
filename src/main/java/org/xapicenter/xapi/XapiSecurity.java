package org.xapicenter.xapi;

import java.io.ObjectInputFilter;
import org.apache.xmlrpc.util.SAXParsers;
import org.xapicenter.xapi.wire.SecureXml;

/**
 * Closes, process-wide, the doors Apache XML-RPC 3.1.3 leaves open (ARCHITECTURE.md, Security rules):
 * a serialization filter that rejects every class unless the process already set its own (for example
 * with {@code -Djdk.serialFilter}), and our hardened SAX factory for anything that still asks
 * Apache's {@link SAXParsers} for a parser. Our transports also never hand a reply to Apache's parser,
 * so {@code faultCause} is never deserialized; this is the second line of defence.
 *
 * <p>Idempotent and thread-safe; {@code Main} should call it first thing, every transport calls it too.
 */
public final class XapiSecurity {
    private static boolean installed;

    private XapiSecurity() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            try {
                ObjectInputFilter.Config.setSerialFilter(info -> ObjectInputFilter.Status.REJECTED);
            } catch (IllegalStateException alreadySet) {
                // another thread or -Djdk.serialFilter got there first: a filter is in place either way
            }
        }
        // Namespace-aware like Apache's default, or other Apache XML-RPC users in this JVM (the official
        // SDK, for one) could no longer read any reply.
        SAXParsers.setSAXParserFactory(SecureXml.namespaceAwareFactory());
        installed = true;
    }
}
