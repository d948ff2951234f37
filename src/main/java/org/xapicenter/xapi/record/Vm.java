package org.xapicenter.xapi.record;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A VM, template, snapshot or control domain (XAPI class {@code VM}). */
public final class Vm extends XapiRecord {
    public Vm(String ref, Map<String, ?> fields) {
        super("vm", ref, fields);
    }

    public PowerState powerState() {
        return PowerState.parse(string("power_state"));
    }

    public boolean isTemplate() {
        return bool("is_a_template");
    }

    public boolean isSnapshot() {
        return bool("is_a_snapshot");
    }

    public boolean isControlDomain() {
        return bool("is_control_domain");
    }

    /** A real guest: not a template, snapshot or control domain. */
    public boolean isGuest() {
        return !isTemplate() && !isSnapshot() && !isControlDomain();
    }

    public String residentOn() {
        return refField("resident_on");
    }

    public String affinity() {
        return refField("affinity");
    }

    /** Operations XAPI would accept now, e.g. {@code start}, {@code clean_shutdown}. */
    public Set<String> allowedOperations() {
        return stringSet("allowed_operations");
    }

    /** Running operations: task ref to operation name. */
    public Map<String, String> currentOperations() {
        return stringMap("current_operations");
    }

    public long memoryStaticMax() {
        return int64("memory_static_max");
    }

    public long memoryDynamicMax() {
        return int64("memory_dynamic_max");
    }

    public long vcpusMax() {
        return int64("VCPUs_max");
    }

    public long vcpusAtStartup() {
        return int64("VCPUs_at_startup");
    }

    public String metrics() {
        return refField("metrics");
    }

    public String guestMetrics() {
        return refField("guest_metrics");
    }

    public List<String> vbds() {
        return stringList("VBDs");
    }

    public List<String> vifs() {
        return stringList("VIFs");
    }

    public List<String> consoles() {
        return stringList("consoles");
    }

    public List<String> tags() {
        return stringList("tags");
    }
}
