package org.xapicenter.ui.props;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** XenCenter's custom field definitions: read as XenCenter writes them, written so it reads them back. */
class CustomFieldsTest {
    @Test
    void xenCentersXmlIsRead() {
        String xml = "<CustomFieldDefinitions><CustomFieldDefinition name=\"Owner\" type=\"String\" defaultValue=\"\" />"
                + "<CustomFieldDefinition name=\"Expires\" type=\"Date\" defaultValue=\"\" /></CustomFieldDefinitions>";
        assertThat(CustomFields.parse(xml)).containsExactly(new CustomFields.Definition("Owner", "String"),
                new CustomFields.Definition("Expires", "Date"));
    }

    @Test
    void namesWithMarkupCharactersSurviveTheRoundTrip() {
        List<CustomFields.Definition> defs = List.of(new CustomFields.Definition("R&D <cost> \"centre\"", "String"));
        assertThat(CustomFields.parse(CustomFields.toXml(defs))).isEqualTo(defs);
    }

    @Test
    void damagedOrHostileXmlGivesNoFieldsInsteadOfFailing() {
        assertThat(CustomFields.parse("<CustomFieldDefinitions><CustomFieldDefinition name=")).isEmpty();
        assertThat(CustomFields.parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<CustomFieldDefinitions><CustomFieldDefinition name=\"&e;\" type=\"String\"/></CustomFieldDefinitions>")).isEmpty();
        assertThat(CustomFields.parse(null)).isEmpty();
        assertThat(CustomFields.parse("")).isEmpty();
    }
}
