package org.xapicenter.xapi.record;

import java.util.Map;

/** A virtual network interface of a VM (XAPI class {@code VIF}). */
public final class Vif extends XapiRecord {
    public Vif(String ref, Map<String, ?> fields) {
        super("vif", ref, fields);
    }

    public String vm() {
        return refField("VM");
    }

    public String network() {
        return refField("network");
    }

    public String device() {
        return string("device");
    }

    public String mac() {
        return string("MAC");
    }

    public boolean attached() {
        return bool("currently_attached");
    }
}
