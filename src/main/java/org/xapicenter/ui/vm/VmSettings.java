package org.xapicenter.ui.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.actions.Change;
import org.xapicenter.ui.props.Conflicts;
import org.xapicenter.ui.props.CustomFields;
import org.xapicenter.xapi.record.Pool;
import org.xapicenter.xapi.record.Vm;

/**
 * What the VM Properties dialog edits, as plain values: read from the cache when the dialog opens,
 * checked before anything is sent, and turned into the API calls of the fields that changed.
 *
 * @param memory static max, dynamic min, dynamic max (bytes); static min is kept as it is
 * @param bootOrder HVM boot order letters ("cdn"), or null for a VM that does not boot by BIOS order
 */
public record VmSettings(String name, String description, List<String> tags, String folder,
        Map<String, String> customFields, long vcpusMax, long vcpusAtStartup, long staticMin, long staticMax,
        long dynamicMin, long dynamicMax, String bootOrder, boolean autoPowerOn) {
    public static final long MIB = 1024L * 1024;

    /** Field names as the dialog labels them, for validation messages and conflict reports. */
    public static final String NAME = "Name";
    public static final String DESCRIPTION = "Description";
    public static final String TAGS = "Tags";
    public static final String FOLDER = "Folder";
    public static final String VCPUS = "vCPUs";
    public static final String MEMORY = "Memory";
    public static final String BOOT = "Boot order";
    public static final String AUTO_POWER_ON = "Start automatically";

    public static VmSettings of(ObjectCache cache, Vm vm) {
        Map<String, String> custom = new LinkedHashMap<>();
        for (CustomFields.Definition d : CustomFields.definitions(cache)) {
            custom.put(d.name(), vm.otherConfig().getOrDefault(CustomFields.VALUE_PREFIX + d.name(), ""));
        }
        String policy = vm.string("HVM_boot_policy");
        String order = policy == null || policy.isBlank() ? null : vm.stringMap("HVM_boot_params").getOrDefault("order", "cd");
        return new VmSettings(vm.nameLabel(), vm.nameDescription(), List.copyOf(vm.tags()), CustomFields.folder(vm),
                custom, vm.vcpusMax(), vm.vcpusAtStartup(), vm.int64("memory_static_min"), vm.memoryStaticMax(),
                vm.int64("memory_dynamic_min"), vm.memoryDynamicMax(), order,
                "true".equalsIgnoreCase(vm.otherConfig().get("auto_poweron")));
    }

    /** Problems to show next to their fields, by field name; empty when the values can be sent. */
    public Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (name.isBlank()) {
            p.put(NAME, "A VM needs a name.");
        }
        if (!folder.isEmpty() && (!folder.startsWith("/") || folder.contains("//") || folder.endsWith("/") && folder.length() > 1)) {
            p.put(FOLDER, "A folder is a path such as /Production/Web.");
        }
        if (vcpusMax < 1 || vcpusAtStartup < 1) {
            p.put(VCPUS, "A VM needs at least one vCPU.");
        } else if (vcpusAtStartup > vcpusMax) {
            p.put(VCPUS, "vCPUs at startup cannot exceed the maximum (" + vcpusMax + ").");
        }
        if (dynamicMin <= 0 || dynamicMax <= 0 || staticMax <= 0) {
            p.put(MEMORY, "Memory sizes must be above zero.");
        } else if (dynamicMin > dynamicMax) {
            p.put(MEMORY, "The dynamic minimum cannot exceed the dynamic maximum.");
        } else if (dynamicMax > staticMax) {
            p.put(MEMORY, "The dynamic maximum cannot exceed the static maximum.");
        } else if (staticMin > dynamicMin) {
            p.put(MEMORY, "The dynamic minimum cannot be below the static minimum (" + staticMin / MIB + " MiB).");
        }
        return p;
    }

    /**
     * Fields the user changed that another client changed too since {@code opened} was read: sending
     * them would silently overwrite that change.
     */
    public List<String> conflicts(VmSettings opened, VmSettings now) {
        List<String> out = new ArrayList<>();
        Conflicts.check(out, NAME, opened.name, now.name, name);
        Conflicts.check(out, DESCRIPTION, opened.description, now.description, description);
        Conflicts.check(out, TAGS, opened.tags, now.tags, tags);
        Conflicts.check(out, FOLDER, opened.folder, now.folder, folder);
        for (String f : customFields.keySet()) {
            Conflicts.check(out, f, opened.customFields.get(f), now.customFields.get(f), customFields.get(f));
        }
        Conflicts.check(out, VCPUS, List.of(opened.vcpusMax, opened.vcpusAtStartup), List.of(now.vcpusMax, now.vcpusAtStartup),
                List.of(vcpusMax, vcpusAtStartup));
        Conflicts.check(out, MEMORY, opened.memoryValues(), now.memoryValues(), memoryValues());
        Conflicts.check(out, BOOT, opened.bootOrder, now.bootOrder, bootOrder);
        Conflicts.check(out, AUTO_POWER_ON, opened.autoPowerOn, now.autoPowerOn, autoPowerOn);
        return out;
    }

    private List<Long> memoryValues() {
        return List.of(staticMax, dynamicMin, dynamicMax);
    }

    /** The calls that make {@code this} out of {@code opened}; only changed fields are sent. */
    public Change changes(String vmRef, VmSettings opened, ObjectCache cache, boolean running) {
        Change c = Change.titled("Changing the properties of \"" + opened.name + "\"");
        if (!name.equals(opened.name)) {
            c.call("Renaming", "VM.set_name_label", vmRef, name);
        }
        if (!description.equals(opened.description)) {
            c.call("Setting the description", "VM.set_name_description", vmRef, description);
        }
        if (!tags.equals(opened.tags)) {
            c.call("Setting the tags", "VM.set_tags", vmRef, new ArrayList<Object>(tags));
        }
        if (!folder.equals(opened.folder)) {
            otherConfig(c, "Moving to the folder", vmRef, CustomFields.FOLDER_KEY, folder);
        }
        List<CustomFields.Definition> defs = CustomFields.definitions(cache);
        List<CustomFields.Definition> wanted = new ArrayList<>(defs);
        for (String f : customFields.keySet()) {
            if (defs.stream().noneMatch(d -> d.name().equals(f))) {
                wanted.add(new CustomFields.Definition(f, "String"));
            }
        }
        if (wanted.size() > defs.size()) {
            String pool = cache.all(Pool.class).stream().findFirst().map(Pool::ref).orElse(null);
            if (pool != null) {
                String xml = CustomFields.toXml(wanted);
                c.call("Defining the custom fields", "pool.remove_from_gui_config", pool, CustomFields.DEFINITIONS_KEY);
                c.call("Defining the custom fields", "pool.add_to_gui_config", pool, CustomFields.DEFINITIONS_KEY, xml);
            }
        }
        for (Map.Entry<String, String> e : customFields.entrySet()) {
            if (!e.getValue().equals(opened.customFields.getOrDefault(e.getKey(), ""))) {
                otherConfig(c, "Setting " + e.getKey(), vmRef, CustomFields.VALUE_PREFIX + e.getKey(), e.getValue());
            }
        }
        if (vcpusMax != opened.vcpusMax || vcpusAtStartup != opened.vcpusAtStartup) {
            // The order keeps at_startup <= max at every step.
            if (vcpusMax > opened.vcpusMax) {
                c.call("Setting the vCPUs", "VM.set_VCPUs_max", vmRef, vcpusMax);
            }
            if (vcpusAtStartup != opened.vcpusAtStartup) {
                c.call("Setting the vCPUs", running ? "VM.set_VCPUs_number_live" : "VM.set_VCPUs_at_startup", vmRef,
                        vcpusAtStartup);
            }
            if (vcpusMax < opened.vcpusMax) {
                c.call("Setting the vCPUs", "VM.set_VCPUs_max", vmRef, vcpusMax);
            }
        }
        if (staticMax != opened.staticMax) {
            c.call("Setting the memory", "VM.set_memory_limits", vmRef, staticMin, staticMax, dynamicMin, dynamicMax);
        } else if (dynamicMin != opened.dynamicMin || dynamicMax != opened.dynamicMax) {
            c.call("Setting the memory", "VM.set_memory_dynamic_range", vmRef, dynamicMin, dynamicMax);
        }
        if (bootOrder != null && !bootOrder.equals(opened.bootOrder)) {
            c.call("Setting the boot order", "VM.remove_from_HVM_boot_params", vmRef, "order");
            c.call("Setting the boot order", "VM.add_to_HVM_boot_params", vmRef, "order", bootOrder);
        }
        if (autoPowerOn != opened.autoPowerOn) {
            otherConfig(c, "Setting automatic start", vmRef, "auto_poweron", autoPowerOn ? "true" : "");
        }
        return c;
    }

    /** Sets (or with "" removes) one other_config key: XAPI's add refuses a key that exists, so remove first. */
    private static void otherConfig(Change c, String what, String vmRef, String key, String value) {
        c.call(what, "VM.remove_from_other_config", vmRef, key);
        if (!value.isEmpty()) {
            c.call(what, "VM.add_to_other_config", vmRef, key, value);
        }
    }

    /** Tags typed as "a, b, c": trimmed, blanks and repeats dropped. */
    public static List<String> parseTags(String typed) {
        List<String> out = new ArrayList<>();
        for (String t : typed.split(",")) {
            String s = t.strip();
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
