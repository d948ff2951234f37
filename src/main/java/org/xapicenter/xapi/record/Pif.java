package org.xapicenter.xapi.record;

import java.util.Map;

/** A physical network interface of a host (XAPI class {@code PIF}). */
public final class Pif extends XapiRecord {
    public Pif(String ref, Map<String, ?> fields) {
        super("pif", ref, fields);
    }

    public String device() {
        return string("device");
    }

    public String host() {
        return refField("host");
    }

    public String network() {
        return refField("network");
    }

    public String ip() {
        return string("IP");
    }

    public String mac() {
        return string("MAC");
    }

    public boolean management() {
        return bool("management");
    }

    public boolean attached() {
        return bool("currently_attached");
    }
}
