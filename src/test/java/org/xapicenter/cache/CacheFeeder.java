package org.xapicenter.cache;

import java.util.ArrayList;
import java.util.List;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Lets UI tests drive a real {@link ObjectCache} the way the event loop does: one batch at a
 * time, through the cache's own (package-private) apply.
 */
public final class CacheFeeder {
    private CacheFeeder() {
    }

    /** Empties the cache and fills it with {@code records} as one reset batch (a first fill). */
    public static void fill(ObjectCache cache, List<? extends XapiRecord> records) {
        List<CacheChange> changes = new ArrayList<>();
        for (XapiRecord r : records) {
            changes.add(new CacheChange(CacheChange.Kind.ADD, r.xapiClass(), r.ref(), null, r));
        }
        cache.apply(changes, true);
    }

    /** Adds or replaces records as one batch. */
    public static void put(ObjectCache cache, XapiRecord... records) {
        List<CacheChange> changes = new ArrayList<>();
        for (XapiRecord r : records) {
            XapiRecord before = cache.get(r.ref());
            changes.add(new CacheChange(before == null ? CacheChange.Kind.ADD : CacheChange.Kind.MOD,
                    r.xapiClass(), r.ref(), before, r));
        }
        cache.apply(changes, false);
    }

    /** Deletes objects as one batch (like event.from's del, which carries no snapshot). */
    public static void delete(ObjectCache cache, String... refs) {
        List<CacheChange> changes = new ArrayList<>();
        for (String ref : refs) {
            XapiRecord before = cache.get(ref);
            changes.add(new CacheChange(CacheChange.Kind.DEL, before == null ? "" : before.xapiClass(), ref, before, null));
        }
        cache.apply(changes, false);
    }
}
