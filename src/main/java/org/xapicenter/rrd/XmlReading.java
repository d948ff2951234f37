package org.xapicenter.rrd;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The hardened StAX reader both XML parsers use, and the few steps they share. No DTD is processed and
 * no external entity or DTD is ever fetched: a document that declares a DOCTYPE is refused outright, so a
 * hostile host can neither make us open a URL nor expand entities.
 */
final class XmlReading {
    private static final XMLInputFactory FACTORY = hardenedFactory();

    private XmlReading() {
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are refused: " + systemId);
        });
        return f;
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /** Moves to the root element, refusing a DOCTYPE on the way. */
    static void toRoot(XMLStreamReader r, String expected) throws XMLStreamException, RrdFormatException {
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.DTD) {
                throw new RrdFormatException("The document declares a DOCTYPE, which is refused.", where(r));
            }
            if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new RrdFormatException("The document uses an entity, which is refused.", where(r));
            }
            if (e == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals(expected)) {
                    throw new RrdFormatException("The document is not an <" + expected + "> document: its root is <"
                            + r.getLocalName() + ">.", where(r));
                }
                return;
            }
        }
        throw new RrdFormatException("The document is empty.", "");
    }

    /**
     * The next child element's start, or false at the end of the current element. Text between elements
     * must be blank; comments are skipped.
     */
    static boolean nextChild(XMLStreamReader r) throws XMLStreamException, RrdFormatException {
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                    return false;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.SPACE:
                case XMLStreamConstants.CDATA:
                    if (!r.isWhiteSpace() && !r.getText().isBlank()) {
                        throw new RrdFormatException("Unexpected text \"" + LegendEntry.shorten(r.getText().strip())
                                + "\" between elements.", where(r));
                    }
                    break;
                case XMLStreamConstants.COMMENT:
                case XMLStreamConstants.PROCESSING_INSTRUCTION:
                    break;
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw new RrdFormatException("The document uses an entity, which is refused.", where(r));
                case XMLStreamConstants.END_DOCUMENT:
                    throw new RrdFormatException("The document ends too early.", where(r));
                default:
                    throw new RrdFormatException("Unexpected XML content.", where(r));
            }
        }
    }

    /** The text of a simple element, the reader left on its end tag. */
    static String text(XMLStreamReader r) throws XMLStreamException, RrdFormatException {
        StringBuilder sb = null;
        String single = "";
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (single.isEmpty() && sb == null) {
                        single = r.getText();
                    } else {
                        if (sb == null) {
                            sb = new StringBuilder(single);
                        }
                        if (sb.length() > 4096) {
                            throw new RrdFormatException("An element's text is too long.", where(r));
                        }
                        sb.append(r.getText());
                    }
                    break;
                case XMLStreamConstants.COMMENT:
                case XMLStreamConstants.PROCESSING_INSTRUCTION:
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return sb == null ? single : sb.toString();
                case XMLStreamConstants.START_ELEMENT:
                    throw new RrdFormatException("<" + r.getLocalName() + "> is not expected here.", where(r));
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw new RrdFormatException("The document uses an entity, which is refused.", where(r));
                default:
                    throw new RrdFormatException("The document ends too early.", where(r));
            }
        }
    }

    /** Skips the current element and everything in it (its size is bounded by the byte limit). */
    static void skip(XMLStreamReader r) throws XMLStreamException, RrdFormatException {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new RrdFormatException("The document uses an entity, which is refused.", where(r));
            } else if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new RrdFormatException("The document ends too early.", where(r));
            }
        }
    }

    /** The error lies where the bytes ran out (offsets in chars and bytes agree for the ASCII hosts write). */
    private static boolean atTheEnd(Location l, LimitedInputStream in) {
        return in.ended() && l != null && l.getCharacterOffset() >= 0 && l.getCharacterOffset() >= in.count() - 1;
    }

    static String where(XMLStreamReader r) {
        return where(r.getLocation());
    }

    static String where(Location l) {
        return l == null || l.getLineNumber() < 0 ? "" : "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    }

    /**
     * The exception a caller reports for an XMLStreamException: the byte limit's own when the stream hit
     * it, else "not well-formed XML" with the parser's position.
     */
    static RrdFormatException failure(XMLStreamException e, LimitedInputStream in) {
        if (in.refusal() != null) {
            return in.refusal();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RrdFormatException rfe) {
                return rfe;
            }
        }
        String detail = e.getMessage() == null ? "" : e.getMessage();
        int cut = detail.indexOf("Message: ");
        if (cut >= 0) {
            detail = detail.substring(cut + "Message: ".length());
        }
        String lower = detail.toLowerCase(java.util.Locale.ROOT);
        if (atTheEnd(e.getLocation(), in) || lower.contains("start and end within the same entity") || lower.contains("premature end")
                || lower.contains("unexpected eof")) {
            return new RrdFormatException("The document ends too early.", where(e.getLocation()), e);
        }
        if (lower.contains("doctype") || lower.contains("was referenced")) {
            return new RrdFormatException("The document declares a DOCTYPE or uses an entity, which is refused.",
                    where(e.getLocation()), e);
        }
        return new RrdFormatException("The document is not well-formed XML (" + LegendEntry.shorten(detail.strip())
                + ").", where(e.getLocation()), e);
    }
}
