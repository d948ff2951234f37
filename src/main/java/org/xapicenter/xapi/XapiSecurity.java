package org.xapicenter.xapi;

import java.io.ObjectInputFilter;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final AtomicLong refusedDeserializations = new AtomicLong();
    /** Refuses every class, and counts the refusals so an attempt to deserialize is visible. */
    private static final ObjectInputFilter REJECT_ALL = info -> {
        refusedDeserializations.incrementAndGet();
        return ObjectInputFilter.Status.REJECTED;
    };
    private static boolean installed;

    private XapiSecurity() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            try {
                ObjectInputFilter.Config.setSerialFilter(REJECT_ALL);
            } catch (IllegalStateException alreadySet) {
                // another thread or -Djdk.serialFilter got there first: a filter is in place either way
            }
        }
        // Namespace-aware like Apache's default, or other Apache XML-RPC users in this JVM (the official
        // SDK, for one) could no longer read any reply.
        SAXParsers.setSAXParserFactory(SecureXml.namespaceAwareFactory());
        installed = true;
    }

    /**
     * How many times our process-wide filter refused a deserialization. Any count above zero means
     * something in this process tried to read a serialized object; always zero when the process set its
     * own filter before {@link #install()}.
     */
    public static long refusedDeserializations() {
        return refusedDeserializations.get();
    }

    /** Whether the process-wide serialization filter is the one {@link #install()} sets. */
    public static boolean ownsSerialFilter() {
        return ObjectInputFilter.Config.getSerialFilter() == REJECT_ALL;
    }
}
