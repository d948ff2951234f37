package org.xapicenter.xapi.record;

import java.util.Map;

/** A virtual disk image (XAPI class {@code VDI}). */
public final class Vdi extends XapiRecord {
    public Vdi(String ref, Map<String, ?> fields) {
        super("vdi", ref, fields);
    }

    public String sr() {
        return refField("SR");
    }

    public long virtualSize() {
        return int64("virtual_size");
    }

    public long physicalUtilisation() {
        return int64("physical_utilisation");
    }

    public String type() {
        return string("type");
    }

    public boolean readOnly() {
        return bool("read_only");
    }

    public java.util.List<String> vbds() {
        return stringList("VBDs");
    }
}
