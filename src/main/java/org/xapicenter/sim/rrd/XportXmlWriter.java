package org.xapicenter.sim.rrd;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an {@link Xport} as xapi's {@code Rrd_updates.xml_of} does (with Xmlm, no indentation): an XML
 * declaration line, then on one line
 * {@code <xport><meta><start>S</start><step>5</step><end>E</end><rows>R</rows><columns>C</columns>
 * <legend><entry>AVERAGE:vm:<uuid>:cpu0</entry>...</legend></meta><data><row><t>T</t><v>0.0123</v>...
 * </row>...</data></xport>}: rows newest first, every row with its {@code <t>}, numbers as
 * {@link XapiNumbers} prints them ({@code NaN} where an object was not running); data escaped as Xmlm
 * escapes it ({@code < > & "}), an element without content written {@code <legend/>}.
 */
public final class XportXmlWriter {
    private XportXmlWriter() {
    }

    public static byte[] write(Xport x, Workload workload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(x, workload, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the document to {@code out} a row at a time (nothing the size of the reply is held). */
    public static void write(Xport x, Workload workload, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder s = new StringBuilder(4096);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xport><meta>");
        s.append("<start>").append(x.start()).append("</start>");
        s.append("<step>").append(x.step()).append("</step>");
        s.append("<end>").append(x.end()).append("</end>");
        s.append("<rows>").append(x.times().length).append("</rows>");
        s.append("<columns>").append(x.columns()).append("</columns>");
        // Xmlm writes an element without content as <a/>.
        List<String> legend = x.legend();
        if (legend.isEmpty()) {
            s.append("<legend/>");
        } else {
            s.append("<legend>");
            for (String entry : legend) {
                s.append("<entry>");
                escape(s, entry);
                s.append("</entry>");
                if (s.length() > 60_000) {
                    w.append(s);
                    s.setLength(0);
                }
            }
            s.append("</legend>");
        }
        s.append("</meta>");
        if (x.times().length == 0) {
            s.append("<data/></xport>");
            w.append(s);
            w.flush();
            return;
        }
        s.append("<data>");
        for (long t : x.times()) {
            s.append("<row><t>").append(t).append("</t>");
            for (int o = 0; o < x.objects().size(); o++) {
                int n = x.objects().get(o).sources().size();
                for (int i = 0; i < n; i++) {
                    s.append("<v>").append(XapiNumbers.format(x.value(workload, o, i, t))).append("</v>");
                }
                if (s.length() > 60_000) {
                    w.append(s);
                    s.setLength(0);
                }
            }
            s.append("</row>");
        }
        s.append("</data></xport>");
        w.append(s);
        w.flush();
    }

    static void escape(StringBuilder s, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                default -> s.append(c);
            }
        }
    }
}
