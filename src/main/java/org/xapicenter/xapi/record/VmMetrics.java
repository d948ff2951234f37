package org.xapicenter.xapi.record;

import java.util.Map;

/** Live figures of a VM: memory actually used, vCPUs, start time (XAPI class {@code vm_metrics}). */
public final class VmMetrics extends XapiRecord {
    public VmMetrics(String ref, Map<String, ?> fields) {
        super("vm_metrics", ref, fields);
    }

    public long memoryActual() {
        return int64("memory_actual");
    }

    public long vcpusNumber() {
        return int64("VCPUs_number");
    }

    public java.time.Instant startTime() {
        return date("start_time");
    }
}
