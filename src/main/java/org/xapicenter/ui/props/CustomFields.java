package org.xapicenter.ui.props;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.XapiRecord;
import org.xml.sax.InputSource;

/**
 * XenCenter's custom fields, kept where XenCenter keeps them so both clients see the same values: the
 * pool's {@code gui_config["XenCenter.CustomFields"]} holds the definitions as
 * {@code <CustomFieldDefinitions><CustomFieldDefinition name=".." type="String|Date" defaultValue=""/>...},
 * and each object's value is {@code other_config["XenCenter.CustomFields.<name>"]}. A folder is
 * {@code other_config["folder"]}, a path such as {@code /Production/Web}.
 */
public final class CustomFields {
    public static final String DEFINITIONS_KEY = "XenCenter.CustomFields";
    public static final String VALUE_PREFIX = DEFINITIONS_KEY + ".";
    public static final String FOLDER_KEY = "folder";

    /** One field: its name and XenCenter's type ("String" or "Date"). */
    public record Definition(String name, String type) {
    }

    private CustomFields() {
    }

    /** The pool's field definitions in their order; none when there is no pool or the XML is unreadable. */
    public static List<Definition> definitions(ObjectCache cache) {
        String xml = cache.all(Pool.class).stream().findFirst()
                .map(p -> p.stringMap("gui_config").get(DEFINITIONS_KEY)).orElse(null);
        return parse(xml);
    }

    static List<Definition> parse(String xml) {
        List<Definition> out = new ArrayList<>();
        if (xml == null || xml.isBlank() || xml.length() > 1_000_000) {
            return out;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            NodeList nodes = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)))
                    .getElementsByTagName("CustomFieldDefinition");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                String name = e.getAttribute("name");
                if (!name.isBlank()) {
                    out.add(new Definition(name, e.getAttribute("type").isBlank() ? "String" : e.getAttribute("type")));
                }
            }
        } catch (Exception e) {
            // Another client wrote something we cannot read: show no fields rather than fail the tab.
            return List.of();
        }
        return out;
    }

    /** The definitions as XenCenter writes them (new fields are added by rewriting the whole list). */
    public static String toXml(List<Definition> definitions) {
        StringBuilder b = new StringBuilder("<CustomFieldDefinitions>");
        for (Definition d : definitions) {
            b.append("<CustomFieldDefinition name=\"").append(escape(d.name())).append("\" type=\"")
                    .append(escape(d.type())).append("\" defaultValue=\"\" />");
        }
        return b.append("</CustomFieldDefinitions>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The object's non-empty values of the pool's fields, by field name in definition order. */
    public static Map<String, String> values(ObjectCache cache, XapiRecord object) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> other = object.otherConfig();
        for (Definition d : definitions(cache)) {
            String v = other.get(VALUE_PREFIX + d.name());
            if (v != null && !v.isEmpty()) {
                out.put(d.name(), v);
            }
        }
        return out;
    }

    /** The object's folder path, or "" when it is in none. */
    public static String folder(XapiRecord object) {
        return object.otherConfig().getOrDefault(FOLDER_KEY, "");
    }
}
