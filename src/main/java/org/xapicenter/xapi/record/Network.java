package org.xapicenter.xapi.record;

import java.util.Map;

/** A virtual network (XAPI class {@code network}). */
public final class Network extends XapiRecord {
    public Network(String ref, Map<String, ?> fields) {
        super("network", ref, fields);
    }

    public String bridge() {
        return string("bridge");
    }

    public java.util.List<String> vifs() {
        return stringList("VIFs");
    }

    public java.util.List<String> pifs() {
        return stringList("PIFs");
    }

    public long mtu() {
        return int64("MTU");
    }
}
