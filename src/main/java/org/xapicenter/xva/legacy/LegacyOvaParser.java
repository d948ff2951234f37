package org.xapicenter.xva.legacy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xapicenter.xapi.wire.SecureXml;
import org.xapicenter.xapi.wire.WireFormatException;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaException.Problem;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a legacy {@code ova.xml} ({@code <appliance version="0.1">}) with the project's hardened SAX parser
 * (no DOCTYPE, no entities) and checks it as xapi's old importer did: exactly one {@code <vm>} with
 * {@code <label>} and {@code <config mem_set vcpus>}, {@code <vbd>}s naming {@code <vdi>}s that exist, and
 * {@code <vdi>}s of type {@code dir-gzipped-chunks} whose source is a {@code file://} folder beside ova.xml.
 *
 * <p>Where the 2007 specification and xapi disagree we accept both: {@code mode} "w"/"rw" or "r"/"ro";
 * {@code type} also as the specification's example misspells it ({@code dir-gzippedchunks}); a missing
 * {@code variety} is "system" for the boot disk and "user" for the others; {@code is_hvm} defaults to true
 * (xapi's choice); {@code <shortdesc>} and {@code <hacks>} may be absent. Unknown elements are ignored.
 */
final class LegacyOvaParser extends DefaultHandler {
    static final String FILE = "ova.xml";
    /** Real ones are about a kilobyte; this leaves room for long descriptions and many disks. */
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_TEXT = 64 * 1024;
    static final int MAX_DEVICES = 256;
    /** Far beyond any disk of the format's era (XAPI's own limit is 2 TiB for VHD, 16 TiB for others). */
    static final long MAX_DISK_BYTES = 64L << 40;
    static final int MAX_VCPUS = 1024;

    private final List<String> path = new ArrayList<>();
    private final Map<String, Map<String, String>> vdiElements = new LinkedHashMap<>();
    private final List<Map<String, String>> vbdElements = new ArrayList<>();
    private Map<String, String> config;
    private Map<String, String> hacks;
    private String label;
    private String description = "";
    private StringBuilder text;
    private int vms;

    private LegacyOvaParser() {
    }

    /** Parses {@code xml}, the whole ova.xml (at most {@link #MAX_BYTES}, checked by the caller). */
    static LegacyAppliance parse(byte[] xml) throws XvaException {
        LegacyOvaParser handler = new LegacyOvaParser();
        try {
            SecureXml.parse(new ByteArrayInputStream(xml), handler);
        } catch (XvaException e) {
            throw e;
        } catch (WireFormatException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.contains("DOCTYPE")) {
                throw bad("ova.xml has a DOCTYPE declaration, which is refused: it could make the parser read other"
                        + " files or expand entities without bound");
            }
            throw bad("ova.xml is not well-formed XML (" + msg.replaceFirst("^invalid XML: ", "") + ")");
        } catch (IOException e) {
            throw bad("ova.xml could not be parsed: " + e.getMessage());
        }
        return handler.build();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attrs) throws SAXException {
        String parent = path.isEmpty() ? null : path.get(path.size() - 1);
        path.add(qName);
        if (parent == null) {
            root(qName, attrs);
        } else if (path.size() == 2 && qName.equals("vm")) {
            if (++vms > 1) {
                throw fail("ova.xml describes more than one <vm>; a legacy XVA holds exactly one");
            }
        } else if (path.size() == 2 && qName.equals("vdi")) {
            Map<String, String> a = attributes(attrs);
            String name = a.get("name");
            if (name == null) {
                throw fail("ova.xml: a <vdi> has no name attribute");
            }
            if (vdiElements.size() >= MAX_DEVICES) {
                throw fail("ova.xml has more than " + MAX_DEVICES + " <vdi> elements");
            }
            if (vdiElements.putIfAbsent(name, a) != null) {
                throw fail("ova.xml has two <vdi> elements named \"" + name + "\"");
            }
        } else if (path.size() == 3 && "vm".equals(parent)) {
            switch (qName) {
                case "label", "shortdesc" -> text = new StringBuilder();
                case "config" -> config = attributes(attrs);
                case "hacks" -> hacks = attributes(attrs);
                case "vbd" -> {
                    if (vbdElements.size() >= MAX_DEVICES) {
                        throw fail("ova.xml has more than " + MAX_DEVICES + " <vbd> elements");
                    }
                    vbdElements.add(attributes(attrs));
                }
                default -> {
                    // Unknown: ignored, as xapi did.
                }
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (text != null) {
            if (text.length() + length > MAX_TEXT) {
                throw fail("ova.xml: <" + path.get(path.size() - 1) + "> is longer than " + MAX_TEXT + " characters");
            }
            text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (text != null && path.size() == 3) {
            if (qName.equals("label")) {
                label = text.toString().strip();
            } else {
                description = text.toString().strip();
            }
            text = null;
        }
        path.remove(path.size() - 1);
    }

    private void root(String name, Attributes attrs) throws SAXException {
        if (!name.equals("appliance")) {
            throw fail("ova.xml is not a legacy XVA description: its root element is <" + name
                    + ">, not <appliance version=\"0.1\"> (a modern XVA is a single file, not a folder)");
        }
        String version = attrs.getValue("version");
        if (version == null) {
            throw fail("ova.xml: <appliance> has no version attribute; the legacy format is version 0.1");
        }
        if (!version.equals("0.1")) {
            throw fail("ova.xml declares appliance version \"" + version
                    + "\"; only version 0.1 (the pre-2008 XVA folder format) is known");
        }
    }

    private LegacyAppliance build() throws XvaException {
        if (vms == 0) {
            throw bad("ova.xml describes no <vm>");
        }
        if (label == null) {
            throw bad("ova.xml: the <vm> has no <label> (its name)");
        }
        if (config == null) {
            throw bad("ova.xml: the <vm> has no <config mem_set=... vcpus=...> element");
        }
        long memory = number(required(config, "config", "mem_set"), "config", "mem_set", 0, 1L << 50);
        int vcpus = (int) number(required(config, "config", "vcpus"), "config", "vcpus", 1, MAX_VCPUS);
        Map<String, String> h = hacks == null ? Map.of() : hacks;
        boolean hvm = !"false".equalsIgnoreCase(h.getOrDefault("is_hvm", "true").strip());

        Map<String, Boolean> bootDisks = new HashMap<>();
        for (Map<String, String> vbd : vbdElements) {
            String vdi = required(vbd, "vbd", "vdi");
            if (!vdiElements.containsKey(vdi)) {
                throw bad("ova.xml: a <vbd> uses vdi \"" + vdi + "\", but no <vdi> has that name");
            }
            if ("root".equalsIgnoreCase(vbd.getOrDefault("function", ""))) {
                bootDisks.put(vdi, true);
            }
        }
        Map<String, LegacyAppliance.Vdi> vdis = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : vdiElements.entrySet()) {
            vdis.put(e.getKey(), vdi(e.getKey(), e.getValue(), bootDisks.containsKey(e.getKey())));
        }
        List<LegacyAppliance.Vbd> vbds = new ArrayList<>();
        java.util.Set<String> devices = new java.util.HashSet<>();
        for (Map<String, String> vbd : vbdElements) {
            String device = required(vbd, "vbd", "device");
            if (!devices.add(device)) {
                throw bad("ova.xml: two <vbd> elements use device \"" + device + "\"");
            }
            vbds.add(new LegacyAppliance.Vbd(device, "root".equalsIgnoreCase(vbd.getOrDefault("function", "")),
                    readOnly(vbd.getOrDefault("mode", "w")), vdis.get(vbd.get("vdi"))));
        }
        LegacyAppliance.Vm vm = new LegacyAppliance.Vm(label, description, memory, vcpus, hvm,
                h.getOrDefault("kernel_boot_cmdline", "").strip(), config.getOrDefault("distrib", ""),
                config.getOrDefault("distrib_version", ""), vbds);
        return new LegacyAppliance(vm, List.copyOf(vdis.values()));
    }

    private static LegacyAppliance.Vdi vdi(String name, Map<String, String> a, boolean boots) throws XvaException {
        long size = number(required(a, "vdi", "size"), "vdi \"" + name + "\"", "size", 1, MAX_DISK_BYTES);
        String type = required(a, "vdi", "type");
        if (!type.equals("dir-gzipped-chunks") && !type.equals("dir-gzippedchunks")) {
            throw bad("ova.xml: vdi \"" + name + "\" has type \"" + type
                    + "\"; only dir-gzipped-chunks (a folder of gzip chunks) is known");
        }
        String variety = a.getOrDefault("variety", boots ? "system" : "user").strip().toLowerCase(Locale.ROOT);
        if (!List.of("system", "user", "ephemeral", "suspend", "crashdump", "metadata").contains(variety)) {
            throw bad("ova.xml: vdi \"" + name + "\" has an unknown variety \"" + variety + "\"");
        }
        return new LegacyAppliance.Vdi(name, size, folder(name, required(a, "vdi", "source")), variety);
    }

    /** The chunk folder named by {@code source}: a relative path below ova.xml's folder, nothing else. */
    private static String folder(String vdi, String source) throws XvaException {
        String prefix = "file://";
        if (!source.startsWith(prefix)) {
            throw bad("ova.xml: vdi \"" + vdi + "\" has source \"" + source
                    + "\"; only file:// folders beside ova.xml are allowed");
        }
        String rel = source.substring(prefix.length());
        boolean escapes = rel.isEmpty() || rel.startsWith("/") || rel.contains("\\") || rel.contains(":")
                || rel.indexOf('\0') >= 0;
        for (String part : rel.split("/", -1)) {
            escapes |= part.isEmpty() || part.equals(".") || part.equals("..");
        }
        if (escapes) {
            throw bad("ova.xml: vdi \"" + vdi + "\" has source \"" + source
                    + "\", which is not a folder inside the XVA's folder");
        }
        return rel;
    }

    private static boolean readOnly(String mode) throws XvaException {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "w", "rw" -> false;
            case "r", "ro" -> true;
            default -> throw bad("ova.xml: a <vbd> has mode \"" + mode + "\"; expected w or ro");
        };
    }

    private static long number(String value, String element, String attribute, long min, long max)
            throws XvaException {
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw bad("ova.xml: " + element + " " + attribute + "=\"" + value + "\" is not a whole number");
        }
        if (n < min || n > max) {
            throw bad("ova.xml: " + element + " " + attribute + "=" + n + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static String required(Map<String, String> attrs, String element, String attribute) throws XvaException {
        String v = attrs.get(attribute);
        if (v == null) {
            throw bad("ova.xml: a <" + element + "> has no " + attribute + " attribute");
        }
        return v;
    }

    private static Map<String, String> attributes(Attributes attrs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            m.put(attrs.getQName(i), attrs.getValue(i));
        }
        return m;
    }

    private static XvaException bad(String message) {
        return new XvaException(Problem.BAD_LEGACY, FILE, message);
    }

    private static SAXException fail(String message) {
        return new SAXException(bad(message));
    }
}
