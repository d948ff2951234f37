package org.xapicenter.xapi.record;

import java.util.Map;

/** A physical host of the pool (XAPI class {@code host}). */
public final class Host extends XapiRecord {
    public Host(String ref, Map<String, ?> fields) {
        super("host", ref, fields);
    }

    public String address() {
        return string("address");
    }

    public boolean enabled() {
        return bool("enabled");
    }

    public String metrics() {
        return refField("metrics");
    }

    public java.util.List<String> residentVms() {
        return stringList("resident_VMs");
    }

    public java.util.List<String> pifs() {
        return stringList("PIFs");
    }

    public java.util.List<String> pbds() {
        return stringList("PBDs");
    }

    public Map<String, String> softwareVersion() {
        return stringMap("software_version");
    }

    public Map<String, String> cpuInfo() {
        return stringMap("cpu_info");
    }
}
