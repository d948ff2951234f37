package org.xapicenter.xapi.record;

import java.util.Map;

/** A VM console endpoint (RFB or text) (XAPI class {@code console}). */
public final class Console extends XapiRecord {
    public Console(String ref, Map<String, ?> fields) {
        super("console", ref, fields);
    }

    public String protocol() {
        return string("protocol");
    }

    public String location() {
        return string("location");
    }

    public String vm() {
        return refField("VM");
    }
}
