package org.xapicenter.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xapicenter.xapi.record.Records;

/** Turns the {@code events} array of an event.from reply into cache changes. */
final class EventDecoder {
    private EventDecoder() {
    }

    /** The {@code events} and {@code token} of one event.from reply. */
    record Reply(List<CacheChange> changes, String token) {
    }

    static Reply decode(Object reply) {
        if (!(reply instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("event.from returned " + describe(reply) + " instead of a struct");
        }
        Object token = m.get("token");
        if (token == null) {
            throw new IllegalArgumentException("event.from reply has no token");
        }
        List<CacheChange> changes = new ArrayList<>();
        Object events = m.get("events");
        if (events instanceof List<?> list) {
            for (Object e : list) {
                CacheChange c = decodeEvent(e);
                if (c != null) {
                    changes.add(c);
                }
            }
        } else if (events != null) {
            throw new IllegalArgumentException("event.from events is " + describe(events) + " instead of an array");
        }
        return new Reply(changes, String.valueOf(token));
    }

    /** One event record, or null for one that names no object or an operation we do not know. */
    private static CacheChange decodeEvent(Object e) {
        if (!(e instanceof Map<?, ?> ev)) {
            return null;
        }
        Object cls = ev.get("class");
        Object ref = ev.get("ref");
        Object op = ev.get("operation");
        if (cls == null || ref == null || op == null) {
            return null;
        }
        String xapiClass = cls.toString().toLowerCase(Locale.ROOT);
        String objRef = ref.toString();
        switch (op.toString()) {
            case "del":
                return new CacheChange(CacheChange.Kind.DEL, xapiClass, objRef, null, null);
            case "add":
            case "mod":
                if (!(ev.get("snapshot") instanceof Map<?, ?> snap)) {
                    // Skipping it would leave the old record in the cache for good: resync instead.
                    throw new IllegalArgumentException("event.from sent " + op + " of " + objRef + " without a snapshot");
                }
                @SuppressWarnings("unchecked")
                Map<String, ?> fields = (Map<String, ?>) snap;
                CacheChange.Kind kind = "add".equals(op.toString()) ? CacheChange.Kind.ADD : CacheChange.Kind.MOD;
                return new CacheChange(kind, xapiClass, objRef, null, Records.of(xapiClass, objRef, fields));
            default:
                return null;
        }
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : "a " + o.getClass().getSimpleName();
    }
}
