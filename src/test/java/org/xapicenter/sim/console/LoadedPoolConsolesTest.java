package org.xapicenter.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.xapicenter.sim.SimulatorCore;
import org.xapicenter.sim.SimulatorOptions;
import org.xapicenter.sim.scale.ScaleSettings;

/** A pool loaded from a real host's database names that host in its console locations; served here, they name us. */
class LoadedPoolConsolesTest {
    @TempDir
    Path dir;

    @Test
    void consoleLocationsOfALoadedPoolNameTheSingleListener() throws Exception {
        Path file = dir.resolve("state.db");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <database><manifest><pair key="schema_major_vsn" value="5"/><pair key="schema_minor_vsn" value="786"/>\
                <pair key="generation_count" value="7"/></manifest>\
                <table name="host"><row ref="OpaqueRef:h1" _ref="OpaqueRef:h1" uuid="11111111-1111-1111-1111-111111111111" \
                name__label="xcp1" hostname="xcp1" address="10.0.0.1" enabled="true" resident_VMs="(&apos;OpaqueRef:v1&apos;)"/></table>\
                <table name="pool"><row ref="OpaqueRef:p1" _ref="OpaqueRef:p1" uuid="p1" name__label="" master="OpaqueRef:h1"/></table>\
                <table name="VM"><row ref="OpaqueRef:v1" _ref="OpaqueRef:v1" uuid="22222222-2222-2222-2222-222222222222" \
                name__label="web" power_state="Running" resident_on="OpaqueRef:h1" is_a_template="false" \
                consoles="(&apos;OpaqueRef:c1&apos;)"/></table>\
                <table name="console"><row ref="OpaqueRef:c1" _ref="OpaqueRef:c1" uuid="33333333-3333-3333-3333-333333333333" \
                protocol="rfb" VM="OpaqueRef:v1" location="https://10.0.0.1/console?uuid=33333333-3333-3333-3333-333333333333"/></table>\
                </database>
                """);
        try (SimulatorCore core = new SimulatorCore(SimulatorOptions.builder().scale(new ScaleSettings(0, 0, 0, file, null))
                .build())) {
            assertThat(core.store().getString("OpaqueRef:c1", "location"))
                    .isEqualTo("https://127.0.0.1/console?uuid=33333333-3333-3333-3333-333333333333");
        }
    }
}
