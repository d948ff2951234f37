package org.xapicenter.sim.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.model.Datamodel;
import org.xapicenter.sim.model.FieldDef;
import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.model.Relation;

/**
 * Every simulated XAPI object, keyed by {@code OpaqueRef:<uuid>}. Thread-safe: one lock guards all
 * tables so that compound operations ({@link #atomically}) and event queries see a consistent pool.
 * Each change bumps a global generation; {@link #changesSince} answers event.from from an index of
 * each object's latest change, so a query costs the number of changes, not the size of the pool.
 */
public final class ObjectStore {
    /** Deletions remembered for event.from; older ones are forgotten (a client that slow resyncs). */
    private static final int MAX_TOMBSTONES = 100_000;

    private final Datamodel model;
    private final UuidSource uuids;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private final Map<String, Map<String, StoredObject>> tables = new LinkedHashMap<>();
    private final Map<String, StoredObject> byRef = new HashMap<>();
    private final Map<String, String> refByUuid = new HashMap<>();
    private final NavigableMap<Long, StoredObject> latestChange = new TreeMap<>();
    private final NavigableMap<Long, Tombstone> tombstones = new TreeMap<>();
    private final Map<String, List<Relation>> relationsByChild = new HashMap<>();
    private final Map<String, List<Relation>> relationsByParent = new HashMap<>();
    private long generation;

    private static final class StoredObject {
        final ClassDef cls;
        final String ref;
        final Map<String, Object> fields;
        final long createdGeneration;
        long lastGeneration;
        Instant lastChange;
        /**
         * Set fields kept by relations (VM.VBDs, SR.VDIs...), as mutable sets so that adding the
         * 10,000th VDI to an SR does not copy 9,999 refs; copied into {@code fields} when read.
         */
        final Map<String, LinkedHashSet<Object>> relationSets = new HashMap<>();
        final Set<String> stale = new HashSet<>();

        StoredObject(ClassDef cls, String ref, Map<String, Object> fields, long created, Instant when) {
            this.cls = cls;
            this.ref = ref;
            this.fields = fields;
            this.createdGeneration = created;
            this.lastGeneration = created;
            this.lastChange = when;
        }
    }

    private record Tombstone(ClassDef cls, String ref, long createdGeneration, Instant when) {
    }

    public ObjectStore(Datamodel model, long seed) {
        this(model, seed, Clock.systemUTC());
    }

    public ObjectStore(Datamodel model, long seed, Clock clock) {
        this.model = model;
        this.uuids = new UuidSource(seed);
        this.clock = clock;
        for (ClassDef c : model.classes()) {
            tables.put(c.name(), new LinkedHashMap<>());
        }
        for (Relation r : model.relations()) {
            relationsByChild.computeIfAbsent(r.childClass(), k -> new ArrayList<>()).add(r);
            relationsByParent.computeIfAbsent(r.parentClass(), k -> new ArrayList<>()).add(r);
        }
    }

    public Datamodel model() {
        return model;
    }

    /** Runs {@code work} holding the store lock: nothing else reads or writes in between. */
    public <T> T atomically(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void atomically(Runnable work) {
        atomically(() -> {
            work.run();
            return null;
        });
    }

    /** A fresh UUID from the seeded source (also used for things that are not objects, e.g. MACs). */
    public String newUuid() {
        return uuids.next().toString();
    }

    /**
     * Creates an object of {@code className}; unspecified fields take their defaults, a missing
     * {@code uuid} is generated. Values must already be in canonical form (see FieldType.coerce).
     */
    public String create(String className, Map<String, ?> values) {
        return create(className, null, values);
    }

    /**
     * As {@link #create(String, Map)} with a ref chosen by the caller (null: from the seeded source).
     * Sessions use unguessable refs: a session ref is a bearer credential.
     */
    public String create(String className, String chosenRef, Map<String, ?> values) {
        ClassDef cls = model.get(className);
        lock.lock();
        try {
            String ref = chosenRef != null ? chosenRef : "OpaqueRef:" + uuids.next();
            if (byRef.containsKey(ref)) {
                throw new IllegalArgumentException("ref in use: " + ref);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (FieldDef f : cls.fields()) {
                fields.put(f.name(), f.defaultValue());
            }
            for (Map.Entry<String, ?> e : values.entrySet()) {
                FieldDef f = cls.field(e.getKey()).orElseThrow(
                        () -> new IllegalArgumentException("no field " + cls.name() + "." + e.getKey()));
                fields.put(f.name(), e.getValue());
            }
            if ("".equals(fields.get("uuid")) || !fields.containsKey("uuid")) {
                fields.put("uuid", uuids.next().toString());
            }
            long gen = ++generation;
            StoredObject o = new StoredObject(cls, ref, fields, gen, clock.instant());
            tables.get(cls.name()).put(ref, o);
            byRef.put(ref, o);
            refByUuid.put((String) fields.get("uuid"), ref);
            latestChange.put(gen, o);
            for (Relation r : relationsByChild.getOrDefault(cls.name(), List.of())) {
                linkParent(r, ref, FieldType.Ref.NULL, (String) fields.get(r.childField()));
            }
            changed.signalAll();
            return ref;
        } finally {
            lock.unlock();
        }
    }

    public void destroy(String ref) {
        lock.lock();
        try {
            StoredObject o = require(ref);
            for (Relation r : relationsByChild.getOrDefault(o.cls.name(), List.of())) {
                linkParent(r, ref, (String) o.fields.get(r.childField()), FieldType.Ref.NULL);
            }
            tables.get(o.cls.name()).remove(ref);
            byRef.remove(ref);
            refByUuid.remove((String) o.fields.get("uuid"));
            latestChange.remove(o.lastGeneration);
            long gen = ++generation;
            tombstones.put(gen, new Tombstone(o.cls, ref, o.createdGeneration, clock.instant()));
            while (tombstones.size() > MAX_TOMBSTONES) {
                tombstones.pollFirstEntry();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean exists(String ref) {
        lock.lock();
        try {
            return byRef.containsKey(ref);
        } finally {
            lock.unlock();
        }
    }

    /** The class of a live object. */
    public Optional<ClassDef> classOf(String ref) {
        lock.lock();
        try {
            StoredObject o = byRef.get(ref);
            return o == null ? Optional.empty() : Optional.of(o.cls);
        } finally {
            lock.unlock();
        }
    }

    public boolean isA(String ref, String className) {
        return classOf(ref).map(c -> c.name().equalsIgnoreCase(className)).orElse(false);
    }

    /** Refs of every object of a class, in creation order. */
    public List<String> refs(String className) {
        ClassDef cls = model.get(className);
        lock.lock();
        try {
            return List.copyOf(tables.get(cls.name()).keySet());
        } finally {
            lock.unlock();
        }
    }

    public int count(String className) {
        ClassDef cls = model.get(className);
        lock.lock();
        try {
            return tables.get(cls.name()).size();
        } finally {
            lock.unlock();
        }
    }

    public Optional<String> refByUuid(String uuid) {
        lock.lock();
        try {
            return Optional.ofNullable(refByUuid.get(uuid));
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the record (values are immutable, so a shallow copy is a snapshot). */
    public Map<String, Object> record(String ref) {
        lock.lock();
        try {
            return Collections.unmodifiableMap(new LinkedHashMap<>(require(ref).fields));
        } finally {
            lock.unlock();
        }
    }

    public Object get(String ref, String field) {
        lock.lock();
        try {
            StoredObject o = require(ref);
            FieldDef f = o.cls.field(field).orElseThrow(() -> new IllegalArgumentException("no field " + field));
            return o.fields.get(f.name());
        } finally {
            lock.unlock();
        }
    }

    public String getString(String ref, String field) {
        return (String) get(ref, field);
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(String ref, String field) {
        return (List<Object>) get(ref, field);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String ref, String field) {
        return (Map<String, Object>) get(ref, field);
    }

    public void set(String ref, String field, Object value) {
        update(ref, Map.of(field, value));
    }

    /** Sets several fields of one object as one change (one event). */
    public void update(String ref, Map<String, ?> values) {
        lock.lock();
        try {
            StoredObject o = require(ref);
            for (Map.Entry<String, ?> e : values.entrySet()) {
                FieldDef f = o.cls.field(e.getKey()).orElseThrow(
                        () -> new IllegalArgumentException("no field " + o.cls.name() + "." + e.getKey()));
                o.relationSets.remove(f.name());
                o.stale.remove(f.name());
                Object old = o.fields.put(f.name(), e.getValue());
                for (Relation r : relationsByChild.getOrDefault(o.cls.name(), List.of())) {
                    if (r.childField().equals(f.name())) {
                        linkParent(r, ref, (String) old, (String) e.getValue());
                    }
                }
            }
            touch(o);
        } finally {
            lock.unlock();
        }
    }

    /** Records a change to an object without altering it (event.inject). */
    public long touch(String ref) {
        lock.lock();
        try {
            StoredObject o = require(ref);
            touch(o);
            return generation;
        } finally {
            lock.unlock();
        }
    }

    private void touch(StoredObject o) {
        latestChange.remove(o.lastGeneration);
        o.lastGeneration = ++generation;
        o.lastChange = clock.instant();
        latestChange.put(o.lastGeneration, o);
        changed.signalAll();
    }

    private void linkParent(Relation r, String child, String oldParent, String newParent) {
        if (oldParent != null && !oldParent.equals(newParent)) {
            StoredObject p = byRef.get(oldParent);
            if (p != null && p.cls.name().equals(r.parentClass()) && relationSet(p, r).remove(child)) {
                p.stale.add(r.parentSetField());
                touch(p);
            }
        }
        if (newParent != null && !newParent.equals(oldParent)) {
            StoredObject p = byRef.get(newParent);
            if (p != null && p.cls.name().equals(r.parentClass()) && relationSet(p, r).add(child)) {
                p.stale.add(r.parentSetField());
                touch(p);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashSet<Object> relationSet(StoredObject parent, Relation r) {
        return parent.relationSets.computeIfAbsent(r.parentSetField(),
                f -> new LinkedHashSet<>((List<Object>) parent.fields.get(f)));
    }

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes after generation {@code since} to objects {@code wanted(class, ref)} accepts, collapsed
     * per object, oldest first. Since 0 every live object is an {@code add}.
     */
    public ChangeSet changesSince(long since, BiPredicate<ClassDef, String> wanted) {
        lock.lock();
        try {
            List<Change> out = new ArrayList<>();
            TreeMap<Long, Change> ordered = new TreeMap<>();
            for (StoredObject o : latestChange.tailMap(since, false).values()) {
                if (o.cls.eventsEnabled() && wanted.test(o.cls, o.ref)) {
                    String op = o.createdGeneration > since ? "add" : "mod";
                    ordered.put(o.lastGeneration, new Change(o.lastGeneration, o.lastChange, o.cls.name(), op, o.ref,
                            Collections.unmodifiableMap(new LinkedHashMap<>(materialize(o).fields))));
                }
            }
            for (Map.Entry<Long, Tombstone> e : tombstones.tailMap(since, false).entrySet()) {
                Tombstone t = e.getValue();
                // An object born and gone since the token never existed for this client.
                if (t.createdGeneration() <= since && t.cls().eventsEnabled() && wanted.test(t.cls(), t.ref())) {
                    ordered.put(e.getKey(), new Change(e.getKey(), t.when(), t.cls().name(), "del", t.ref(), null));
                }
            }
            out.addAll(ordered.values());
            return new ChangeSet(out, generation);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the generation passes {@code seen} or the deadline ({@link System#nanoTime}) is reached. */
    public boolean awaitChange(long seen, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (generation <= seen) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private StoredObject require(String ref) {
        StoredObject o = byRef.get(ref);
        if (o == null) {
            throw new NoSuchObjectException("", ref);
        }
        return materialize(o);
    }

    /** Brings relation-kept set fields up to date in {@code fields}; call before reading them. */
    private static StoredObject materialize(StoredObject o) {
        if (!o.stale.isEmpty()) {
            for (String f : o.stale) {
                o.fields.put(f, List.copyOf(o.relationSets.get(f)));
            }
            o.stale.clear();
        }
        return o;
    }
}
