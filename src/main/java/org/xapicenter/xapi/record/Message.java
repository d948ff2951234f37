package org.xapicenter.xapi.record;

import java.util.Map;

/** An alert raised by the pool (XAPI class {@code message}). */
public final class Message extends XapiRecord {
    public Message(String ref, Map<String, ?> fields) {
        super("message", ref, fields);
    }

    public String name() {
        return string("name");
    }

    public long priority() {
        return int64("priority");
    }

    public String body() {
        return string("body");
    }

    public String objClass() {
        return string("cls");
    }

    public String objUuid() {
        return string("obj_uuid");
    }

    public java.time.Instant timestamp() {
        return date("timestamp");
    }
}
