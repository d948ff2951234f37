package org.xapicenter.ui.props;

import java.util.List;
import java.util.Objects;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.xapi.record.XapiRecord;

/** Following refs in a cache the way the tabs need: to a name, or to the records a list names. */
public final class Refs {
    private Refs() {
    }

    /** The name of the object {@code ref} points at, or "" (null ref, or not in the cache). */
    public static String name(ObjectCache cache, String ref) {
        if (XapiRecord.isNullRef(ref)) {
            return "";
        }
        XapiRecord r = cache.get(ref);
        return r == null ? "" : r.nameLabel();
    }

    /** The records of {@code refs} of this type that are in the cache, in the order given. */
    public static <T extends XapiRecord> List<T> all(ObjectCache cache, List<String> refs, Class<T> type) {
        return refs.stream().map(r -> cache.get(r, type).orElse(null)).filter(Objects::nonNull).toList();
    }

    /** "" as "None", for a form. */
    public static String orNone(String s) {
        return s == null || s.isBlank() ? "None" : s;
    }

    public static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }
}
