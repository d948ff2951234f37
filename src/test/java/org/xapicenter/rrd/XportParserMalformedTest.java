package org.xapicenter.rrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal is an RrdFormatException with one sentence and a place. */
class XportParserMalformedTest {
    static final String META = "<meta><start>1000</start><step>5</step><end>1010</end><rows>2</rows><columns>2</columns>"
            + "<legend><entry>AVERAGE:vm:v:cpu0</entry><entry>AVERAGE:vm:v:cpu1</entry></legend></meta>";

    static RrdFormatException refusal(String doc) {
        return refusal(doc, RrdLimits.DEFAULT);
    }

    static RrdFormatException refusal(String doc, RrdLimits limits) {
        return catchThrowableOfType(RrdFormatException.class,
                () -> XportParser.parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), limits));
    }

    @Test
    void truncatedXml() {
        RrdFormatException e = refusal("<xport>" + META + "<data><row><t>1010</t><v>0.5</v>");
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).containsAnyOf("ends too early", "not well-formed XML");
        assertThat(e.where()).startsWith("line 1");
    }

    @Test
    void truncatedJson() {
        RrdFormatException e = refusal("{\"meta\":{\"step\":5,\"legend\":[\"AVERAGE:vm:v:cpu0\"]},\"data\":[{\"t\":5,");
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("JSON");
        assertThat(e.where()).startsWith("line 1");
    }

    @Test
    void neitherXmlNorJson() {
        RrdFormatException e = refusal("  Internal Server Error");
        assertThat(e.getMessage()).isEqualTo("The document is neither XML nor JSON.");
        assertThat(e.where()).isEqualTo("byte 3");
        assertThat(refusal("").getMessage()).isEqualTo("The document is empty.");
    }

    @Test
    void wrongRootElement() {
        RrdFormatException e = refusal("<rrd><version>0003</version></rrd>");
        assertThat(e.getMessage()).isEqualTo("The document is not an <xport> document: its root is <rrd>.");
        assertThat(e.where()).isEqualTo("line 1, column 6");
    }

    @Test
    void externalEntityIsRefusedWithoutFetchingAnything() throws IOException {
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE xport [<!ENTITY x SYSTEM \"http://127.0.0.1:"
                    + trap.getLocalPort() + "/secret\">]>\n<xport>" + META.replace("<start>1000", "<start>&x;1000")
                    + "<data/></xport>";
            RrdFormatException e = refusal(doc);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("DOCTYPE");
            assertThat(e.where()).startsWith("line 2");
            // the parse is over: had it fetched the entity, the connection would be waiting in the backlog
            trap.setSoTimeout(300);
            assertThatThrownBy(trap::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void externalDtdIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String doc = "<!DOCTYPE xport SYSTEM \"" + secret.toUri() + "\"><xport>" + META + "<data/></xport>";
        RrdFormatException e = refusal(doc);
        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("TOP-SECRET");
        String entity = "<!DOCTYPE xport [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><xport>"
                + META.replace("AVERAGE:vm:v:cpu0", "AVERAGE:vm:v:&x;") + "<data/></xport>";
        RrdFormatException e2 = refusal(entity);
        assertThat(e2.getMessage()).contains("DOCTYPE").doesNotContain("TOP-SECRET");
    }

    @Test
    void aDocumentLargerThanTheByteLimit() {
        String doc = "<xport>" + META + "<data><row><t>1005</t><v>1</v><v>2</v></row>"
                + "<row><t>1010</t><v>1</v><v>2</v></row></data></xport>";
        RrdFormatException e = refusal(doc, new RrdLimits(100, 50, 50));
        assertThat(e.getMessage()).isEqualTo("The document is larger than the limit of 100 bytes.");
        assertThat(e.where()).isEqualTo("byte 101");
        String json = "{\"meta\":{\"step\":5,\"legend\":[\"AVERAGE:vm:v:cpu0\"]},\"data\":[[\"5\",1],[\"10\",2],[\"15\",3]]}";
        RrdFormatException j = refusal(json, new RrdLimits(60, 50, 50));
        assertThat(j.getMessage()).isEqualTo("The document is larger than the limit of 60 bytes.");
        assertThat(j.where()).isEqualTo("byte 61");
    }

    @Test
    void anEndlessDocumentStopsAtTheByteLimit() {
        InputStream endless = new InputStream() {
            private final byte[] prefix = ("<xport>" + META + "<data>").getBytes(StandardCharsets.UTF_8);
            private long i;

            @Override
            public int read() {
                long n = i++;
                return n < prefix.length ? prefix[(int) n] : "<row><t>1</t><v>1</v><v>2</v></row>".charAt((int) ((n - prefix.length) % 35));
            }
        };
        RrdFormatException e = catchThrowableOfType(RrdFormatException.class,
                () -> XportParser.parse(endless, new RrdLimits(1 << 20, 50, 1 << 20)));
        assertThat(e.getMessage()).isEqualTo("The document is larger than the limit of 1048576 bytes.");
    }

    @Test
    void tooManyColumnsClaimedOrListed() {
        RrdFormatException claimed = refusal("<xport>" + META + "<data/></xport>", new RrdLimits(1 << 20, 1, 50));
        assertThat(claimed.getMessage()).isEqualTo("The document claims 2 columns; the limit is 1.");
        assertThat(claimed.where()).isEqualTo("meta columns");
        RrdFormatException listed = refusal("{\"meta\":{\"step\":5,\"legend\":[\"AVERAGE:vm:v:a\",\"AVERAGE:vm:v:b\"]},"
                + "\"data\":[]}", new RrdLimits(1 << 20, 1, 50));
        assertThat(listed.getMessage()).isEqualTo("The legend names more than 1 columns, the limit.");
        assertThat(listed.where()).isEqualTo("legend entry 2");
    }

    @Test
    void tooManyRowsClaimedOrSent() {
        RrdFormatException claimed = refusal("<xport>" + META + "<data/></xport>", new RrdLimits(1 << 20, 50, 1));
        assertThat(claimed.getMessage()).isEqualTo("The document claims 2 rows; the limit is 1.");
        assertThat(claimed.where()).isEqualTo("meta rows");
        RrdFormatException sent = refusal("{\"meta\":{\"step\":5,\"legend\":[\"AVERAGE:vm:v:a\"]},"
                + "\"data\":[[\"5\",1],[\"10\",2],[\"15\",3]]}", new RrdLimits(1 << 20, 50, 2));
        assertThat(sent.getMessage()).isEqualTo("The document has more than 2 rows, the limit.");
        assertThat(sent.where()).isEqualTo("row 3");
    }

    @Test
    void aRowWithTooFewOrTooManyValues() {
        RrdFormatException few = refusal("<xport>" + META + "<data><row><t>1005</t><v>1</v><v>2</v></row>"
                + "<row><t>1010</t><v>1</v></row></data></xport>");
        assertThat(few.getMessage()).isEqualTo("Row 2 has 1 value, the legend names 2.");
        assertThat(few.where()).isEqualTo("row 2");
        RrdFormatException many = refusal("{meta:{step:5,legend:['AVERAGE:vm:v:a']},data:[{t:5,values:[1,2]}]}");
        assertThat(many.getMessage()).isEqualTo("Row 1 has more values than the legend names 1.");
        assertThat(many.where()).isEqualTo("row 1");
    }

    @Test
    void claimsThatDoNotMatchTheContent() {
        RrdFormatException rows = refusal("<xport>" + META + "<data><row><t>1005</t><v>1</v><v>2</v></row></data></xport>");
        assertThat(rows.getMessage()).isEqualTo("The meta claims 2 rows, the data has 1.");
        assertThat(rows.where()).isEqualTo("meta rows");
        RrdFormatException columns = refusal("<xport>" + META.replace("<columns>2", "<columns>3") + "<data/></xport>");
        assertThat(columns.getMessage()).isEqualTo("The meta claims 3 columns, the legend names 2.");
        assertThat(columns.where()).isEqualTo("meta columns");
    }

    @Test
    void garbageNumbers() {
        RrdFormatException value = refusal("<xport>" + META + "<data><row><t>1005</t><v>1</v><v>0x1p3</v></row>"
                + "<row><t>1010</t><v>1</v><v>2</v></row></data></xport>");
        assertThat(value.getMessage()).isEqualTo("Row 1 has a value that is not a number: \"0x1p3\".");
        assertThat(value.where()).isEqualTo("row 1");
        RrdFormatException jsonValue = refusal("{meta:{step:5,legend:['AVERAGE:vm:v:a']},data:[{t:5,values:['many']}]}");
        assertThat(jsonValue.getMessage()).isEqualTo("Row 1 has a value that is not a number: \"many\".");
        RrdFormatException time = refusal("<xport>" + META + "<data><row><t>soon</t><v>1</v><v>2</v></row>"
                + "<row><t>1010</t><v>1</v><v>2</v></row></data></xport>");
        assertThat(time.getMessage()).isEqualTo("Row 1 has a time that is not a whole number: \"soon\".");
        RrdFormatException start = refusal("<xport>" + META.replace("<start>1000", "<start>x1000") + "<data/></xport>");
        assertThat(start.getMessage()).isEqualTo("The meta start is not a whole number: \"x1000\".");
        assertThat(start.where()).isEqualTo("meta start");
    }

    @Test
    void missingLegendOrStepAndNonPositiveStep() {
        RrdFormatException legend = refusal("<xport><meta><start>1</start><step>5</step></meta><data/></xport>");
        assertThat(legend.getMessage()).isEqualTo("The meta has no legend.");
        assertThat(legend.where()).isEqualTo("meta");
        RrdFormatException step = refusal("{\"meta\":{\"legend\":[]},\"data\":[]}");
        assertThat(step.getMessage()).isEqualTo("The meta has no step.");
        RrdFormatException zero = refusal("<xport>" + META.replace("<step>5", "<step>0") + "<data/></xport>");
        assertThat(zero.getMessage()).isEqualTo("The step is 0 seconds; it must be positive.");
        assertThat(zero.where()).isEqualTo("meta step");
        RrdFormatException noMeta = refusal("<xport><data/></xport>");
        assertThat(noMeta.getMessage()).isEqualTo("The <data> comes before the <meta> that names its columns.");
    }

    @Test
    void aBadLegendEntry() {
        RrdFormatException e = refusal("<xport>" + META.replace("AVERAGE:vm:v:cpu1", "AVERAGE:vm:cpu1") + "<data/></xport>");
        assertThat(e.getMessage()).isEqualTo("The legend entry \"AVERAGE:vm:cpu1\" is not of the form cf:type:uuid:name.");
        assertThat(e.where()).isEqualTo("legend entry 2");
        assertThatThrownBy(() -> LegendEntry.parse("AVERAGE::u:cpu0")).isInstanceOf(RrdFormatException.class)
                .hasMessage("The legend entry \"AVERAGE::u:cpu0\" has an empty field.");
    }

    @Test
    void rowsMixingTimesAndNoTimes() {
        RrdFormatException e = refusal("<xport>" + META + "<data><row><t>1005</t><v>1</v><v>2</v></row>"
                + "<row><v>1</v><v>2</v></row></data></xport>");
        assertThat(e.getMessage()).isEqualTo("Row 2 has no time but earlier rows have one.");
        assertThat(e.where()).isEqualTo("row 2");
    }
}
