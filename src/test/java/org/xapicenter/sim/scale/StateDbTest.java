package org.xapicenter.sim.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xapicenter.sim.SimulatorCore;
import org.xapicenter.sim.model.Datamodel;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.wire.WireFormatException;

class StateDbTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoadGivesTheSameObjects() throws Exception {
        Path file = dir.resolve("state.db");
        ScaleSettings generate = new ScaleSettings(2, 120, 0, null, file);
        Map<String, Map<String, Map<String, Object>>> saved;
        try (SimulatorCore a = ScalePoolGeneratorTest.core(3, generate)) {
            // Values that must survive the trip: whitespace, %, quotes, backslashes, markup, non-ASCII.
            String vm = a.store().refs("VM").get(20);
            a.store().update(vm, Map.of("name_label", "  two  spaces\tand tab\nline %. 100% \\ 'q' \"dq\" <x> & café ",
                    "other_config", Map.of("folder", "/A B/C", "k'ey", "v(a)l)ue", "empty", ""),
                    "tags", List.of("a b", "", "x'y"), "HVM_shadow_multiplier", 1.5));
            saved = ScalePoolGeneratorTest.dump(a.store());
        }
        assertThat(file).exists();
        String text = Files.readString(file);
        assertThat(text).contains("<table name=\"VM\">", "name__label=\"", "memory__static_max=\"", "VCPUs__at_startup=\"");

        try (SimulatorCore b = ScalePoolGeneratorTest.core(99, new ScaleSettings(0, 0, 0, file, null))) {
            assertThat(ScalePoolGeneratorTest.dump(b.store())).isEqualTo(saved);
        }
    }

    /** A dump in the shape a real XCP-ng host writes: namespaced columns, protected spaces, extra tables and columns. */
    @Test
    void loadsARealXapiDatabaseDump() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <database><manifest><pair key="schema_major_vsn" value="5"/><pair key="schema_minor_vsn" value="786"/>\
                <pair key="generation_count" value="123456"/></manifest>\
                <table name="Certificate"><row ref="OpaqueRef:c1" _ref="OpaqueRef:c1" uuid="c1"/></table>\
                <table name="session"><row ref="OpaqueRef:s1" _ref="OpaqueRef:s1" uuid="s1"/></table>\
                <table name="host"><row ref="OpaqueRef:h1" __ctime="10" __mtime="90" _ref="OpaqueRef:h1" \
                uuid="11111111-1111-1111-1111-111111111111" name__label="xcp-ng%.lab%.01" name__description="Default%.install" \
                hostname="xcp1" address="10.0.0.1" enabled="true" memory__overhead="1258291200" API_version__major="2" \
                software_version="((&apos;product_version&apos; &apos;8.3.0&apos;) (&apos;product_brand&apos; &apos;XCP-ng&apos;))" \
                resident_VMs="(&apos;OpaqueRef:v1&apos;)" a_future_column="whatever"/></table>\
                <table name="pool"><row ref="OpaqueRef:p1" _ref="OpaqueRef:p1" uuid="p1" name__label="" master="OpaqueRef:h1"/></table>\
                <table name="VM"><row ref="OpaqueRef:v1" _ref="OpaqueRef:v1" uuid="22222222-2222-2222-2222-222222222222" \
                name__label="Debian%.11%_x" power_state="Running" resident_on="OpaqueRef:h1" memory__static_max="1073741824" \
                VCPUs__max="2" actions__after_crash="restart" HVM__shadow_multiplier="1.000000000000000000" \
                tags="(&apos;web&apos; &apos;it\\&apos;s&apos;)" other_config="((&apos;folder&apos; &apos;/Prod&apos;))" \
                domid="nonsense-int" is_a_template="false" snapshot_time="20250319T04:16:24Z"/></table>\
                </database>
                """;
        ObjectStore store = new ObjectStore(Datamodel.standard(), 1);
        StateDbReader.Result r = StateDbReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), store);

        assertThat(r.coordinator()).contains("OpaqueRef:h1");
        assertThat(r.skippedTables()).isEqualTo(2); // Certificate (unknown here) and session (never loaded)
        assertThat(r.skippedColumns()).isEqualTo(1);
        assertThat(r.badValues()).isEqualTo(1);
        assertThat(store.count("session")).isZero();
        assertThat(store.getString("OpaqueRef:h1", "name_label")).isEqualTo("xcp-ng lab 01");
        assertThat(store.get("OpaqueRef:h1", "memory_overhead")).isEqualTo(1258291200L);
        assertThat(store.get("OpaqueRef:h1", "API_version_major")).isEqualTo(2L);
        assertThat(store.getMap("OpaqueRef:h1", "software_version")).containsEntry("product_brand", "XCP-ng");
        assertThat(store.get("OpaqueRef:v1", "snapshot_time")).isEqualTo(Instant.parse("2025-03-19T04:16:24Z"));
        assertThat(store.getList("OpaqueRef:h1", "resident_VMs")).containsExactly("OpaqueRef:v1");
        assertThat(store.getString("OpaqueRef:v1", "name_label")).isEqualTo("Debian 11  x");
        assertThat(store.get("OpaqueRef:v1", "VCPUs_max")).isEqualTo(2L);
        assertThat(store.get("OpaqueRef:v1", "HVM_shadow_multiplier")).isEqualTo(1.0);
        assertThat(store.getList("OpaqueRef:v1", "tags")).containsExactly("web", "it's");
        assertThat(store.getMap("OpaqueRef:v1", "other_config")).containsEntry("folder", "/Prod");
        assertThat(store.get("OpaqueRef:v1", "domid")).isEqualTo(-1L); // unreadable: the default stays
        assertThat(store.getString("OpaqueRef:v1", "uuid")).isEqualTo("22222222-2222-2222-2222-222222222222");
    }

    @Test
    void refusesWhatIsNotADatabase() {
        ObjectStore store = new ObjectStore(Datamodel.standard(), 1);
        assertThatThrownBy(() -> StateDbReader.read(new ByteArrayInputStream("<html><body/></html>".getBytes()), store))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not a xapi database");
        assertThatThrownBy(() -> StateDbReader.read(new ByteArrayInputStream(
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><database>&x;</database>".getBytes()), store))
                .isInstanceOf(IOException.class);
        assertThat(store.count("VM")).isZero();
    }

    @Test
    void valueEncodingIsXapis() {
        assertThat(DbValues.protect("a b\tc\nd\re%f")).isEqualTo("a%.b%tc%nd%re%%f");
        assertThat(DbValues.unprotect("a%.b%_c%%d%t")).isEqualTo("a b  c%d\t");
        assertThat(SExpressions.set(List.of("a", "it's", "b\\c"))).isEqualTo("('a' 'it\\'s' 'b\\\\c')");
        assertThat(SExpressions.parsePairs("(('k' 'v') (\"x\" sym))")).satisfiesExactly(
                p -> assertThat(p).containsExactly("k", "v"), p -> assertThat(p).containsExactly("x", "sym"));
        assertThat(DbColumns.column("VM", "memory_static_max")).isEqualTo("memory__static_max");
        assertThat(DbColumns.column("VM", "name_label")).isEqualTo("name__label");
        assertThat(DbColumns.column("VM", "PCI_bus")).isEqualTo("PCI_bus");
        assertThat(DbColumns.column("VM_guest_metrics", "PV_drivers_version")).isEqualTo("PV_drivers_version");
        assertThat(DbColumns.column("host", "API_version_major")).isEqualTo("API_version__major");
        assertThat(DbColumns.column("SR", "name_description")).isEqualTo("name__description");
    }
}
