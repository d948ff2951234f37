package org.xapicenter.sim.rpc;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.store.Change;
import org.xapicenter.sim.store.ChangeSet;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.wire.Int32;

/** event.from and event.inject (XAPI-PROTOCOL.md §3) over the store's change index. */
public final class EventService {
    private static final double MAX_TIMEOUT_SECONDS = 86_400;
    /**
     * How many changes the legacy event queue remembers, as xapi's {@code max_stored_events}: a client
     * whose event.next falls further behind than this gets EVENTS_LOST and must resynchronise.
     */
    public static final int LEGACY_QUEUE_LENGTH = 500;

    private final ObjectStore store;
    private final Duration coalesce;
    /** Legacy event.register subscriptions, by session. */
    private final Map<String, Registration> registrations = new java.util.concurrent.ConcurrentHashMap<>();

    public EventService(ObjectStore store, Duration coalesce) {
        this.store = store;
        this.coalesce = coalesce;
    }

    /** What a client subscribed to: whole classes (lower-case names) and single objects. */
    private record Subscription(boolean all, Set<String> classes, Set<String> refs) {
        boolean wants(ClassDef cls, String ref) {
            return all || classes.contains(cls.eventName()) || refs.contains(ref);
        }
    }

    public Map<String, Object> from(List<Object> classes, String token, double timeoutSeconds)
            throws XapiException, InterruptedException {
        return from(null, classes, token, timeoutSeconds);
    }

    /**
     * event.from for {@code session}: the wait ends with SESSION_INVALID if the session is logged out
     * (or dropped by a change of coordinator) meanwhile, as in xapi. A null session is never checked.
     */
    public Map<String, Object> from(String session, List<Object> classes, String token, double timeoutSeconds)
            throws XapiException, InterruptedException {
        Subscription sub = subscription(classes);
        long since = parseToken(token);
        // Bounded so that an absurd timeout cannot overflow the deadline (NaN counts as 0).
        double seconds = Double.isNaN(timeoutSeconds) ? 0 : Math.min(Math.max(0, timeoutSeconds), MAX_TIMEOUT_SECONDS);
        return result(await(session, sub, since, System.nanoTime() + (long) (seconds * 1e9)), sub);
    }

    /** Changes after {@code since} that {@code sub} wants, waiting for some until the deadline. */
    private ChangeSet await(String session, Subscription sub, long since, long deadline)
            throws XapiException, InterruptedException {
        boolean waited = false;
        while (true) {
            // Logging out bumps the store's generation, so a waiting call wakes up to notice.
            if (session != null && !store.isA(session, "session")) {
                throw Errors.sessionInvalid(session);
            }
            ChangeSet cs = store.changesSince(since, sub::wants);
            if (!cs.changes().isEmpty()) {
                if (waited && !coalesce.isZero()) {
                    // Let a burst of related changes (VM + VBDs + task) land in one batch.
                    Thread.sleep(coalesce.toMillis());
                    cs = store.changesSince(since, sub::wants);
                }
                return cs;
            }
            if (!store.awaitChange(cs.generation(), deadline)) {
                return store.changesSince(since, sub::wants);
            }
            waited = true;
        }
    }

    // ---- legacy event.register / event.next / event.unregister (pre-event.from clients) ----

    /** What a session registered for, and how far event.next has delivered. */
    private static final class Registration {
        final Set<String> classes = new java.util.LinkedHashSet<>();
        long delivered;
    }

    public void register(String session, List<Object> classes) {
        // Sessions that logged out without unregistering leave nothing behind.
        registrations.keySet().removeIf(s -> !store.isA(s, "session"));
        Registration r = registrations.computeIfAbsent(session, s -> {
            Registration fresh = new Registration();
            fresh.delivered = store.generation();
            return fresh;
        });
        synchronized (r) {
            classes.forEach(c -> r.classes.add(String.valueOf(c)));
        }
    }

    public void unregister(String session, List<Object> classes) {
        Registration r = registrations.get(session);
        if (r != null) {
            synchronized (r) {
                classes.forEach(c -> r.classes.remove(String.valueOf(c)));
                if (r.classes.isEmpty()) {
                    registrations.remove(session);
                }
            }
        }
    }

    /**
     * Blocks until something the session registered for changes; returns those events. A client
     * more than {@link #LEGACY_QUEUE_LENGTH} changes behind gets EVENTS_LOST: the queue has forgotten
     * what it missed, so it must re-read the objects it cares about; its next call continues from now.
     * Several changes to one object since the last call arrive as one event with the latest snapshot
     * (xapi sends one per change; a client applying snapshots ends in the same state).
     */
    @SuppressWarnings("unchecked")
    public List<Object> next(String session) throws XapiException, InterruptedException {
        Registration r = registrations.get(session);
        if (r == null) {
            throw Errors.of("SESSION_NOT_REGISTERED", session);
        }
        Subscription sub;
        long since;
        synchronized (r) {
            sub = subscription(new java.util.ArrayList<>(r.classes));
            since = r.delivered;
            long now = store.generation();
            if (now - since > LEGACY_QUEUE_LENGTH) {
                r.delivered = now;
                throw Errors.of("EVENTS_LOST");
            }
        }
        ChangeSet cs;
        try {
            cs = await(session, sub, since, System.nanoTime() + (long) (MAX_TIMEOUT_SECONDS * 1e9));
        } catch (XapiException e) {
            registrations.remove(session);
            throw e;
        }
        synchronized (r) {
            r.delivered = Math.max(r.delivered, cs.generation());
        }
        return (List<Object>) result(cs, sub).get("events");
    }

    /** Marks the object changed; the returned token makes the next event.from include it. */
    public String inject(String className, String ref) throws XapiException {
        Handles.require(store, className, ref);
        long gen = store.touch(ref);
        return token(gen - 1);
    }

    private Map<String, Object> result(ChangeSet cs, Subscription sub) {
        List<Object> events = new ArrayList<>();
        for (Change c : cs.changes()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", Long.toString(c.generation()));
            e.put("timestamp", timestamp(c));
            e.put("class", c.className().toLowerCase(Locale.ROOT));
            e.put("operation", c.operation());
            e.put("ref", c.ref());
            if (c.snapshot() != null) {
                e.put("snapshot", c.snapshot());
            }
            events.add(e);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        for (ClassDef cls : store.model().classes()) {
            if (cls.eventsEnabled() && (sub.all() || sub.classes().contains(cls.eventName()))) {
                counts.put(cls.eventName(), new Int32(store.count(cls.name())));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("valid_ref_counts", counts);
        out.put("token", token(cs.generation()));
        return out;
    }

    /** Seconds since the epoch as a decimal string, the form xapi puts in event records. */
    private static String timestamp(Change c) {
        return BigDecimal.valueOf(c.timestamp().toEpochMilli(), 3).toPlainString();
    }

    private Subscription subscription(List<Object> classes) {
        boolean all = false;
        Set<String> names = new HashSet<>();
        Set<String> refs = new HashSet<>();
        for (Object o : classes) {
            String s = String.valueOf(o);
            if (s.equals("*")) {
                all = true;
            } else if (s.contains("/")) {
                refs.add(s.substring(s.indexOf('/') + 1));
            } else {
                names.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return new Subscription(all, names, refs);
    }

    static String token(long generation) {
        return String.format("%020d,%020d", generation, 0L);
    }

    static long parseToken(String token) throws XapiException {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        String[] parts = token.split(",", -1);
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            long gen = Long.parseLong(parts[0].trim());
            Long.parseLong(parts[1].trim());
            if (gen < 0) {
                throw new NumberFormatException();
            }
            return gen;
        } catch (NumberFormatException e) {
            throw Errors.of("EVENT_FROM_TOKEN_PARSE_FAILURE", token);
        }
    }
}
