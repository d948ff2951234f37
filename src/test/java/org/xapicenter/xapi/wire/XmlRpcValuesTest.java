package org.xapicenter.xapi.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcValuesTest {

    private static Object roundTrip(Object v) throws Exception {
        return XmlRpcValues.parseValue(XmlRpcValues.toXml(v));
    }

    @Test
    void stringsAreBareValuesAndRoundTrip() throws Exception {
        assertThat(XmlRpcValues.toXml("OpaqueRef:abc")).isEqualTo("<value>OpaqueRef:abc</value>");
        assertThat(roundTrip("  spaced\tand\nlines  ")).isEqualTo("  spaced\tand\nlines  ");
        assertThat(roundTrip("héllo ✓ 𝄞")).isEqualTo("héllo ✓ 𝄞");
    }

    @Test
    void emptyStringAndNullAreEmptyValues() throws Exception {
        assertThat(XmlRpcValues.toXml("")).isEqualTo("<value></value>");
        assertThat(XmlRpcValues.toXml(null)).isEqualTo("<value></value>");
        assertThat(XmlRpcValues.parseValue("<value></value>")).isEqualTo("");
        assertThat(XmlRpcValues.parseValue("<value/>")).isEqualTo("");
        assertThat(XmlRpcValues.parseValue("")).isEqualTo("");
        assertThat(XmlRpcValues.parseValue("\n <?xml version=\"1.0\"?><value>r</value>\n")).isEqualTo("r");
        assertThat(XmlRpcValues.parseValue("<value><string></string></value>")).isEqualTo("");
    }

    @Test
    void escapesOnlyTheFourCharactersXapiEscapes() throws Exception {
        assertThat(XmlRpcValues.toXml("a<b>&\"c'")).isEqualTo("<value>a&lt;b&gt;&amp;&quot;c'</value>");
        assertThat(roundTrip("a<b>&\"c'")).isEqualTo("a<b>&\"c'");
    }

    @Test
    void dropsControlCharactersButKeepsTabAndNewline() throws Exception {
        assertThat(XmlRpcValues.toXml("a\u0000b\u0007c\u001Fd\te\nf")).isEqualTo("<value>abcd\te\nf</value>");
        assertThat(roundTrip("x\u0001y")).isEqualTo("xy");
    }

    @Test
    void integersAreWrittenUntypedAndReadBackAsStrings() throws Exception {
        assertThat(XmlRpcValues.toXml(4294967296L)).isEqualTo("<value>4294967296</value>");
        assertThat(XmlRpcValues.toXml(7)).isEqualTo("<value>7</value>");
        assertThat(roundTrip(-12L)).isEqualTo("-12");
        assertThat(XmlRpcValues.toXml(new Int32(3))).isEqualTo("<value><i4>3</i4></value>");
        assertThat(roundTrip(new Int32(-3))).isEqualTo(-3L);
    }

    @Test
    void typedIntegersParseAsLongs() throws Exception {
        assertThat(XmlRpcValues.parseValue("<value><int>42</int></value>")).isEqualTo(42L);
        assertThat(XmlRpcValues.parseValue("<value><i4>-7</i4></value>")).isEqualTo(-7L);
        assertThat(XmlRpcValues.parseValue("<value><i8>9223372036854775807</i8></value>"))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(XmlRpcValues.parseValue("<value><ex:i8>5</ex:i8></value>")).isEqualTo(5L);
        assertThat(XmlRpcValues.parseValue("<value><string>12</string></value>")).isEqualTo("12");
    }

    @Test
    void booleansAreOneAndZero() throws Exception {
        assertThat(XmlRpcValues.toXml(true)).isEqualTo("<value><boolean>1</boolean></value>");
        assertThat(XmlRpcValues.toXml(false)).isEqualTo("<value><boolean>0</boolean></value>");
        assertThat(roundTrip(true)).isEqualTo(true);
        assertThat(roundTrip(false)).isEqualTo(false);
    }

    @Test
    void doublesPrintLikeCPercentSixteenG() throws Exception {
        assertThat(XmlRpcValues.formatDouble(1.0)).isEqualTo("1");
        assertThat(XmlRpcValues.formatDouble(0.5)).isEqualTo("0.5");
        assertThat(XmlRpcValues.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(XmlRpcValues.formatDouble(-2.25)).isEqualTo("-2.25");
        assertThat(XmlRpcValues.formatDouble(1e20)).isEqualTo("1e+20");
        assertThat(XmlRpcValues.formatDouble(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(XmlRpcValues.formatDouble(0.0001)).isEqualTo("0.0001");
        assertThat(XmlRpcValues.formatDouble(123456789012345.0)).isEqualTo("123456789012345");
        assertThat(XmlRpcValues.formatDouble(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(XmlRpcValues.formatDouble(0)).isEqualTo("0");
        assertThat(XmlRpcValues.toXml(1.0)).isEqualTo("<value><double>1</double></value>");
        assertThat(roundTrip(0.75)).isEqualTo(0.75);
        assertThat(roundTrip(1e20)).isEqualTo(1e20);
        assertThat(XmlRpcValues.parseValue("<value><double>1.0</double></value>")).isEqualTo(1.0);
        assertThat((Double) XmlRpcValues.parseValue("<value><double>nan</double></value>")).isNaN();
    }

    @Test
    void datesHaveNoDashesAndParseEitherWay() throws Exception {
        Instant t = Instant.parse("2024-01-31T10:05:09Z");
        assertThat(XmlRpcValues.toXml(t))
                .isEqualTo("<value><dateTime.iso8601>20240131T10:05:09Z</dateTime.iso8601></value>");
        assertThat(XmlRpcValues.toXml(Date.from(t)))
                .isEqualTo("<value><dateTime.iso8601>20240131T10:05:09Z</dateTime.iso8601></value>");
        assertThat(roundTrip(t)).isEqualTo(t);
        assertThat(XmlRpcValues.parseValue("<value><dateTime.iso8601>2024-01-31T10:05:09Z</dateTime.iso8601></value>"))
                .isEqualTo(t);
        assertThat(XmlRpcValues.parseValue("<value><dateTime.iso8601>20240131T10:05:09</dateTime.iso8601></value>"))
                .isEqualTo(t);
    }

    @Test
    void arraysAndStructsNestAndKeepOrder() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", "x");
        inner.put("a", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name_label", "vm");
        m.put("tags", List.of("t1", "t2"));
        m.put("other_config", inner);
        m.put("power", true);
        m.put("empty", Map.of());
        Object back = roundTrip(m);
        assertThat(back).isEqualTo(m);
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("name_label", "tags", "other_config", "power", "empty");
        assertThat(roundTrip(new Object[] {"a", 1.5})).isEqualTo(List.of("a", 1.5));
        assertThat(roundTrip(Arrays.asList("x", null))).isEqualTo(List.of("x", ""));
    }

    @Test
    void parsesBase64NilAndWhitespaceAroundContainers() throws Exception {
        assertThat((byte[]) XmlRpcValues.parseValue("<value><base64>AAEC</base64></value>")).containsExactly(0, 1, 2);
        assertThat(XmlRpcValues.parseValue("<value><nil/></value>")).isNull();
        assertThat(XmlRpcValues.parseValue("<value>\n  <array>\n <data>\n<value>1</value>\n</data></array>\n</value>"))
                .isEqualTo(List.of("1"));
        assertThat(XmlRpcValues.parseValue(
                "<value><struct><member><name>k</name><value><i4>1</i4></value></member></struct></value>"))
                .isEqualTo(Map.of("k", 1L));
    }

    @Test
    void malformedInputIsAClearErrorNotACrash() {
        assertThatThrownBy(() -> XmlRpcValues.parseValue("<value><int>12x</int></value>"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("int");
        assertThatThrownBy(() -> XmlRpcValues.parseValue("<value><boolean>2</boolean></value>"))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> XmlRpcValues.parseValue("<value><struct>"))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> XmlRpcValues.parseValue("<value><foo/></value>"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("foo");
        assertThatThrownBy(() -> XmlRpcValues.parseValue("<value><struct><member><value>1</value></member></struct></value>"))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> XmlRpcValues.parseValue("not xml"))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> XmlRpcValues.toXml(new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nestingIsBounded() {
        String deep = "<value><array><data>".repeat(XmlRpcValues.MAX_DEPTH + 5) + "<value>x</value>"
                + "</data></array></value>".repeat(XmlRpcValues.MAX_DEPTH + 5);
        assertThatThrownBy(() -> XmlRpcValues.parseValue(deep))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("deeper");
    }

    @Test
    void sizeIsBounded() {
        String big = "<value>" + "x".repeat(2000) + "</value>";
        assertThatThrownBy(() -> XmlRpcValues.parseValue(
                new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("larger than 1000");
    }
}
