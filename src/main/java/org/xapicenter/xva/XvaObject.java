package org.xapicenter.xva;

import java.util.Map;

/**
 * One object of ova.xml's {@code objects} array: its class ({@code VM}, {@code VBD}, {@code VDI}...),
 * its archive-internal id ({@code Ref:N}) and its full record, in which references to other objects of
 * the archive are {@code Ref:N} too.
 */
public record XvaObject(String xapiClass, String id, Map<String, Object> snapshot) {
    public XvaObject {
        snapshot = Map.copyOf(snapshot);
    }

    /** Field {@code name} as a string, "" when absent. */
    public String string(String name) {
        Object v = snapshot.get(name);
        return v == null ? "" : String.valueOf(v);
    }
}
