package org.xapicenter.xapi.wire;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The one way we parse XML from a peer: a SAX parser that refuses any DOCTYPE and never resolves an
 * external entity or DTD, so a hostile server (or client, for the simulator) can neither make us fetch a
 * URL (SSRF/XXE, CVE-2016-5002) nor expand entities without bound.
 *
 * <p>API (stable, shared with the simulator):
 * <ul>
 *   <li>{@link #factory()}: a new hardened, namespace-unaware {@link SAXParserFactory};
 *       {@link #namespaceAwareFactory()} is the same hardening for Apache XML-RPC's parsers;</li>
 *   <li>{@link #parse(InputStream, DefaultHandler)}: parses a stream with that factory and turns every
 *       XML error into a {@link WireFormatException}.</li>
 * </ul>
 * If the JDK's parser cannot be hardened we fail closed with an {@link IllegalStateException}.
 */
public final class SecureXml {
    private SecureXml() {
    }

    /** A new hardened factory (the JDK's built-in parser, whatever else is on the classpath). */
    public static SAXParserFactory factory() {
        return factory(false);
    }

    /**
     * A hardened factory for code that matches elements by local name, as Apache XML-RPC's own parsers
     * do: a namespace-unaware parser reports an empty local name and breaks them.
     */
    public static SAXParserFactory namespaceAwareFactory() {
        return factory(true);
    }

    private static SAXParserFactory factory(boolean namespaceAware) {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(namespaceAware);
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("cannot harden the XML parser: " + e.getMessage(), e);
        }
        return f;
    }

    /** A new hardened parser; external DTD and schema access are also switched off on the parser itself. */
    public static SAXParser newParser() {
        try {
            SAXParser p = factory().newSAXParser();
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return p;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create a hardened XML parser: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code in} with a hardened parser. The caller bounds the stream's size.
     *
     * @throws WireFormatException malformed or forbidden XML (the handler's own {@code SAXException}s too)
     * @throws IOException the stream failed
     */
    public static void parse(InputStream in, DefaultHandler handler) throws IOException {
        try {
            newParser().parse(in, handler);
        } catch (SAXException e) {
            if (e.getException() instanceof IOException io) {
                throw io;
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (msg.contains("DOCTYPE")) {
                msg = "DOCTYPE is not allowed in XML-RPC messages (" + msg + ")";
            }
            throw new WireFormatException("invalid XML: " + msg, e);
        }
    }
}
