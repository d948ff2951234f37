package org.xapicenter.xapi.record;

import java.util.Map;

/** The pool: its coordinator, default SR and shared configuration (XAPI class {@code pool}). */
public final class Pool extends XapiRecord {
    public Pool(String ref, Map<String, ?> fields) {
        super("pool", ref, fields);
    }

    public String master() {
        return refField("master");
    }

    public String defaultSr() {
        return refField("default_SR");
    }
}
