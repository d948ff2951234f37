package org.xapicenter.xapi.record;

import java.util.Map;

/** The link between a host and an SR (XAPI class {@code PBD}). */
public final class Pbd extends XapiRecord {
    public Pbd(String ref, Map<String, ?> fields) {
        super("pbd", ref, fields);
    }

    public String host() {
        return refField("host");
    }

    public String sr() {
        return refField("SR");
    }

    public boolean attached() {
        return bool("currently_attached");
    }

    public Map<String, String> deviceConfig() {
        return stringMap("device_config");
    }
}
