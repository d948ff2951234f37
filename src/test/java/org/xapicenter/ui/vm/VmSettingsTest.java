package org.xapicenter.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.Change;

/** The VM Properties dialog's rules: what is refused before sending, what counts as a conflict, what is sent. */
class VmSettingsTest {
    private static final long MIB = VmSettings.MIB;
    private static final VmSettings OPENED = new VmSettings("web-01", "front end", List.of("web"), "/Production",
            Map.of("Owner", "Web team"), 4, 2, 512 * MIB, 4096 * MIB, 2048 * MIB, 4096 * MIB, "cd", false);

    private static VmSettings with(String name, long vcpusMax, long atStartup, long staticMax, long dynMin, long dynMax) {
        return new VmSettings(name, OPENED.description(), OPENED.tags(), OPENED.folder(), OPENED.customFields(), vcpusMax,
                atStartup, OPENED.staticMin(), staticMax, dynMin, dynMax, OPENED.bootOrder(), OPENED.autoPowerOn());
    }

    private static List<String> calls(Change c) {
        return c.steps().stream().map(Change.Step::what).toList();
    }

    @Test
    void valuesXapiWouldRefuseAreCaughtBeforeSending() {
        assertThat(OPENED.problems()).isEmpty();
        assertThat(with(" ".strip(), 4, 2, 4096 * MIB, 2048 * MIB, 4096 * MIB).problems()).containsKey(VmSettings.NAME);
        assertThat(with("a", 2, 4, 4096 * MIB, 2048 * MIB, 4096 * MIB).problems().get(VmSettings.VCPUS)).contains("cannot exceed");
        assertThat(with("a", 4, 2, 2048 * MIB, 1024 * MIB, 4096 * MIB).problems().get(VmSettings.MEMORY))
                .contains("dynamic maximum cannot exceed the static maximum");
        assertThat(with("a", 4, 2, 4096 * MIB, 3000 * MIB, 2000 * MIB).problems().get(VmSettings.MEMORY))
                .contains("dynamic minimum cannot exceed");
        assertThat(with("a", 4, 2, 4096 * MIB, 256 * MIB, 4096 * MIB).problems().get(VmSettings.MEMORY)).contains("static minimum");
        VmSettings badFolder = new VmSettings("a", "", List.of(), "Production", Map.of(), 1, 1, 0, MIB, MIB, MIB, null, false);
        assertThat(badFolder.problems()).containsKey(VmSettings.FOLDER);
    }

    @Test
    void onlyFieldsChangedOnBothSidesToDifferentValuesConflict() {
        VmSettings mine = with("web-01-new", 4, 2, 4096 * MIB, 2048 * MIB, 4096 * MIB);
        VmSettings serverRenamed = with("web-01-theirs", 8, 2, 4096 * MIB, 2048 * MIB, 4096 * MIB);
        // the name: both changed it, differently; the vCPUs: only they changed it (not sent, no conflict)
        assertThat(mine.conflicts(OPENED, serverRenamed)).containsExactly(VmSettings.NAME);
        assertThat(mine.conflicts(OPENED, with("web-01-new", 4, 2, 4096 * MIB, 2048 * MIB, 4096 * MIB))).isEmpty();
        assertThat(mine.conflicts(OPENED, OPENED)).isEmpty();
    }

    @Test
    void onlyChangedFieldsAreSentInAnOrderXapiAccepts() {
        ObjectCache cache = new ObjectCache();
        assertThat(OPENED.changes("OpaqueRef:vm", OPENED, cache, false).isEmpty()).isTrue();
        // fewer vCPUs: at_startup first, so at_startup <= max holds after each call
        Change fewer = with("web-01", 1, 1, 4096 * MIB, 2048 * MIB, 4096 * MIB).changes("OpaqueRef:vm", OPENED, cache, false);
        assertThat(methods(fewer)).containsExactly("VM.set_VCPUs_at_startup", "VM.set_VCPUs_max");
        Change more = with("web-01", 8, 6, 4096 * MIB, 2048 * MIB, 4096 * MIB).changes("OpaqueRef:vm", OPENED, cache, false);
        assertThat(methods(more)).containsExactly("VM.set_VCPUs_max", "VM.set_VCPUs_at_startup");
        // a running VM: the live vCPU call; the dynamic range alone is its own call
        Change live = with("web-01", 4, 3, 4096 * MIB, 1024 * MIB, 3072 * MIB).changes("OpaqueRef:vm", OPENED, cache, true);
        assertThat(methods(live)).containsExactly("VM.set_VCPUs_number_live", "VM.set_memory_dynamic_range");
        Change limits = with("web-01", 4, 2, 8192 * MIB, 2048 * MIB, 8192 * MIB).changes("OpaqueRef:vm", OPENED, cache, true);
        assertThat(methods(limits)).containsExactly("VM.set_memory_limits");
        assertThat(calls(limits)).containsExactly("Setting the memory");
    }

    @Test
    void folderAndCustomFieldsGoUnderXenCentersKeysAndNewFieldsAreDefinedFirst() {
        ObjectCache cache = new ObjectCache();
        VmSettings mine = new VmSettings("web-01", "front end", List.of("web"), "/Lab", Map.of("Owner", "QA", "Ticket", "OPS-1"),
                4, 2, 512 * MIB, 4096 * MIB, 2048 * MIB, 4096 * MIB, "cd", true);
        Change c = mine.changes("OpaqueRef:vm", OPENED, cache, false);
        assertThat(methods(c)).containsExactly("VM.remove_from_other_config", "VM.add_to_other_config",
                "VM.remove_from_other_config", "VM.add_to_other_config", "VM.remove_from_other_config",
                "VM.add_to_other_config", "VM.remove_from_other_config", "VM.add_to_other_config");
    }

    @Test
    void tagsAreTrimmedWithoutBlanksOrRepeats() {
        assertThat(VmSettings.parseTags(" web, production,,web , ")).containsExactly("web", "production");
    }

    /** The API method of each step, found by running it against a link that records calls. */
    private static List<String> methods(Change c) {
        org.xapicenter.ui.testing.CacheLink link = new org.xapicenter.ui.testing.CacheLink("t", (m, a) -> "OpaqueRef:x");
        for (Change.Step s : c.steps()) {
            try {
                s.call().run(link, List.of("OpaqueRef:x"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return link.calls();
    }
}
