package org.xapicenter.sim.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.store.ObjectStore;

/**
 * The explicit messages of class {@code message} (alerts): create, destroy, get_since, get. Messages
 * are not written with setters; they are created and dismissed.
 */
final class MessageMessages {
    private MessageMessages() {
    }

    static void register(Dispatcher d, ObjectStore store) {
        FieldType cls = store.model().get("message").field("cls").orElseThrow().type();
        d.register(new MethodSpec("message.create", Set.of(6), true, false, (ctx, a) -> {
            long priority = Args.integer(a, 1, "priority");
            Object kind = Args.coerce(cls, a.get(2), "cls");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", String.valueOf(a.get(0)));
            values.put("priority", priority);
            values.put("cls", kind);
            values.put("obj_uuid", String.valueOf(a.get(3)));
            values.put("body", String.valueOf(a.get(4)));
            values.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS));
            return store.create("message", values);
        }));
        d.register(new MethodSpec("message.destroy", Set.of(2), true, false, (ctx, a) -> {
            String ref = Handles.require(store, "message", String.valueOf(a.get(0)));
            store.destroy(ref);
            return "";
        }));
        // As xapi: one by one, so an invalid ref stops the call with those before it already gone.
        d.register(new MethodSpec("message.destroy_many", Set.of(2), true, false, (ctx, a) -> {
            for (Object ref : Args.strings(a, 0, "messages")) {
                Handles.require(store, "message", String.valueOf(ref));
                store.destroy(String.valueOf(ref));
            }
            return "";
        }));
        d.register(new MethodSpec("message.get_since", Set.of(2), true, false,
                (ctx, a) -> since(store, Args.date(a, 0, "since"), null, null)));
        d.register(new MethodSpec("message.get", Set.of(4), true, false,
                (ctx, a) -> since(store, Args.date(a, 2, "since"), Args.string(a, 0), Args.string(a, 1))));
    }

    /** Messages newer than {@code since}, optionally only those about one object. */
    private static Map<String, Object> since(ObjectStore store, Instant since, String cls, String objUuid) {
        Map<String, Object> out = new LinkedHashMap<>();
        store.atomically(() -> {
            for (String ref : store.refs("message")) {
                Map<String, Object> r = store.record(ref);
                boolean newer = ((Instant) r.get("timestamp")).isAfter(since);
                boolean about = cls == null || (String.valueOf(r.get("cls")).toLowerCase(Locale.ROOT)
                        .equals(cls.toLowerCase(Locale.ROOT)) && objUuid.equals(r.get("obj_uuid")));
                if (newer && about) {
                    out.put(ref, r);
                }
            }
        });
        return out;
    }
}
