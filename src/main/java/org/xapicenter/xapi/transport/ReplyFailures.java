package org.xapicenter.xapi.transport;

import java.io.EOFException;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xapicenter.xapi.ReplyException;
import org.xapicenter.xapi.XapiException;

/**
 * Turns what went wrong with a reply into what a person and the connection need: a
 * {@link ReplyException} (one sentence, worth retrying) or {@code XAPICENTER_NOT_XAPI [server, what]}
 * (the address answers, but not as XAPI: a web page, a binary file). The detail of a parser is logged,
 * never shown.
 */
final class ReplyFailures {
    static final String NOT_XAPI = "XAPICENTER_NOT_XAPI";
    private static final Logger LOG = LoggerFactory.getLogger(ReplyFailures.class);

    private ReplyFailures() {
    }

    /** The server answered with an HTTP status other than 200. */
    static ReplyException status(String server, int status, String reason) {
        String sentence = "The server at " + server + " answered HTTP " + status
                + (reason == null || reason.isBlank() ? "" : " " + printable(reason)) + " instead of a XAPI reply.";
        LOG.warn(sentence);
        return new ReplyException(sentence, null);
    }

    /** A 200 whose content type says it is not an RPC reply at all; null when the type is acceptable. */
    static XapiException notXapi(String server, String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null; // lax servers omit it: judge by the body
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        if (t.contains("xml") || t.contains("json") || t.startsWith("text/plain")) {
            return null;
        }
        String what = t.startsWith("text/html") ? "it answered with a web page"
                : "it answered with " + printable(contentType) + " content";
        LOG.warn("The server at {} is not XAPI: {}", server, what);
        return new XapiException(NOT_XAPI, List.of(server, what));
    }

    /**
     * A reply that could not be read: cut short is worth a retry (an IOException); anything else is a
     * server that does not speak XAPI here.
     */
    static Exception unreadable(String server, Throwable cause) {
        String detail = String.valueOf(cause.getMessage());
        String d = detail.toLowerCase(Locale.ROOT);
        if (cause instanceof EOFException || d.contains("end-of-input") || d.contains("must start and end within the same entity")
                || d.contains("premature end") || d.contains("unexpected end")) {
            String sentence = "The reply from " + server + " ended before it was complete.";
            LOG.warn("{} ({})", sentence, printable(detail));
            return new ReplyException(sentence, cause);
        }
        String what = d.contains("doctype") ? "its reply holds a DOCTYPE, which XapiCenter refuses"
                : d.contains("longer than") || d.contains("exceeds the maximum") || d.contains("larger than")
                        ? "its reply is larger than XapiCenter accepts"
                : d.contains("utf-8") || cause instanceof CharacterCodingException
                        || cause instanceof java.io.CharConversionException ? "its reply is not valid UTF-8 text"
                : d.contains("<html") || d.contains("code 60") ? "it answered with a web page"
                : "its reply is not a XAPI reply";
        LOG.warn("The server at {} is not XAPI: {} ({})", server, what, printable(detail));
        return new XapiException(NOT_XAPI, List.of(server, what));
    }

    /** At most 120 printable ASCII characters of a server's text. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /** Whether {@code e} is a reading/parsing failure rather than a network one. */
    static boolean isParseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof org.xapicenter.xapi.wire.WireFormatException
                    || name.startsWith("com.fasterxml.jackson.core") || t instanceof org.xml.sax.SAXException
                    || t instanceof CharacterCodingException || t instanceof java.io.CharConversionException) {
                return true;
            }
        }
        return false;
    }

}
