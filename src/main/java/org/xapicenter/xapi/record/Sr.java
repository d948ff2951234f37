package org.xapicenter.xapi.record;

import java.util.Map;

/** A storage repository (XAPI class {@code SR}). */
public final class Sr extends XapiRecord {
    public Sr(String ref, Map<String, ?> fields) {
        super("sr", ref, fields);
    }

    public String type() {
        return string("type");
    }

    public String contentType() {
        return string("content_type");
    }

    public boolean shared() {
        return bool("shared");
    }

    public long physicalSize() {
        return int64("physical_size");
    }

    public long physicalUtilisation() {
        return int64("physical_utilisation");
    }

    public long virtualAllocation() {
        return int64("virtual_allocation");
    }

    public java.util.List<String> vdis() {
        return stringList("VDIs");
    }

    public java.util.List<String> pbds() {
        return stringList("PBDs");
    }
}
