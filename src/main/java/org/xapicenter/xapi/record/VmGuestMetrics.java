package org.xapicenter.xapi.record;

import java.util.Map;

/** What the guest agent reports: OS, IP addresses, tools version (XAPI class {@code vm_guest_metrics}). */
public final class VmGuestMetrics extends XapiRecord {
    public VmGuestMetrics(String ref, Map<String, ?> fields) {
        super("vm_guest_metrics", ref, fields);
    }

    public Map<String, String> osVersion() {
        return stringMap("os_version");
    }

    /** Addresses keyed like {@code 0/ip}, {@code 0/ipv4/0}, {@code 0/ipv6/0}. */
    public Map<String, String> networks() {
        return stringMap("networks");
    }

    public Map<String, String> pvDriversVersion() {
        return stringMap("PV_drivers_version");
    }
}
