package org.xapicenter.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Every object of one pool, as the last applied event batch left it.
 *
 * <p>Readers on any thread see a consistent state: a batch is applied under the write lock and
 * announced to listeners once it is complete. Records are immutable, so a reader may keep them.
 */
public final class ObjectCache {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectCache.class);
    private final Map<String, XapiRecord> byRef = new HashMap<>();
    private final Map<String, Map<String, XapiRecord>> byClass = new HashMap<>();
    private final List<CacheListener> listeners = new CopyOnWriteArrayList<>();
    /** Held from applying a batch until every listener has it, so listeners see batches in order. */
    private final Object delivery = new Object();

    public synchronized XapiRecord get(String ref) {
        return byRef.get(ref);
    }

    public synchronized <T extends XapiRecord> Optional<T> get(String ref, Class<T> type) {
        XapiRecord r = byRef.get(ref);
        return type.isInstance(r) ? Optional.of(type.cast(r)) : Optional.empty();
    }

    /** Every object of a XAPI class ({@code vm}, {@code host}...: lower case). */
    public synchronized List<XapiRecord> all(String xapiClass) {
        Map<String, XapiRecord> m = byClass.get(xapiClass);
        return m == null ? List.of() : new ArrayList<>(m.values());
    }

    /** Every object of the class that {@code type} models. */
    public synchronized <T extends XapiRecord> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (XapiRecord r : byRef.values()) {
            if (type.isInstance(r)) {
                out.add(type.cast(r));
            }
        }
        return out;
    }

    public synchronized int size() {
        return byRef.size();
    }

    public void addListener(CacheListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CacheListener listener) {
        listeners.remove(listener);
    }

    /**
     * Applies one batch atomically and then tells the listeners. Events for the same object within
     * the batch are folded into one change.
     */
    void apply(List<CacheChange> events, boolean reset) {
        synchronized (delivery) {
            applyAndAnnounce(events, reset);
        }
    }

    private void applyAndAnnounce(List<CacheChange> events, boolean reset) {
        List<CacheChange> folded;
        synchronized (this) {
            if (reset) {
                byRef.clear();
                byClass.clear();
            }
            Map<String, CacheChange> perRef = new java.util.LinkedHashMap<>();
            for (CacheChange e : events) {
                XapiRecord before = byRef.get(e.ref());
                if (e.kind() == CacheChange.Kind.DEL) {
                    XapiRecord removed = byRef.remove(e.ref());
                    if (removed != null) {
                        Map<String, XapiRecord> m = byClass.get(removed.xapiClass());
                        if (m != null) {
                            m.remove(e.ref());
                        }
                    }
                    if (removed == null && !perRef.containsKey(e.ref())) {
                        continue; // deleting what we never had: nothing changed
                    }
                } else {
                    byRef.put(e.ref(), e.after());
                    byClass.computeIfAbsent(e.after().xapiClass(), k -> new HashMap<>()).put(e.ref(), e.after());
                }
                CacheChange earlier = perRef.get(e.ref());
                XapiRecord first = earlier != null ? earlier.before() : before;
                XapiRecord now = e.kind() == CacheChange.Kind.DEL ? null : e.after();
                CacheChange.Kind kind = first == null ? CacheChange.Kind.ADD
                        : now == null ? CacheChange.Kind.DEL : CacheChange.Kind.MOD;
                if (first == null && now == null) {
                    perRef.remove(e.ref()); // added and deleted within one batch
                    continue;
                }
                String cls = now != null ? now.xapiClass() : first.xapiClass();
                perRef.put(e.ref(), new CacheChange(kind, cls, e.ref(), first, now));
            }
            folded = List.copyOf(perRef.values());
        }
        if (reset || !folded.isEmpty()) {
            CacheBatch batch = new CacheBatch(folded, reset);
            for (CacheListener l : listeners) {
                try {
                    l.onBatch(batch);
                } catch (RuntimeException e) {
                    // One broken view must neither starve the others nor look like a broken link.
                    LOG.error("A cache listener failed on a batch of {} changes", folded.size(), e);
                }
            }
        }
    }

    /** Empties the cache (connection closed) and tells the listeners. */
    void clear() {
        apply(List.of(), true);
    }

    /** For tests and diagnostics: every record currently held. */
    public synchronized Collection<XapiRecord> snapshot() {
        return new ArrayList<>(byRef.values());
    }
}
