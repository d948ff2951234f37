package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.model.FieldDef;
import org.xapicenter.sim.model.FieldType;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * The messages XAPI generates for every class from its fields: get_all, get_all_records,
 * get_record, get_by_uuid, get_by_name_label, get_/set_ field, add_to_/remove_from_ maps,
 * add_/remove_ sets. Resolved by name at call time, so a class added to the datamodel gets them all.
 */
final class ImplicitMessages {
    private final ObjectStore store;
    private volatile java.util.function.BiConsumer<ClassDef, String> afterWrite = (c, r) -> { };

    ImplicitMessages(ObjectStore store) {
        this.store = store;
    }

    /** Called after every implicit write, e.g. to recompute a VM's allowed_operations. */
    void afterWrite(java.util.function.BiConsumer<ClassDef, String> hook) {
        this.afterWrite = hook;
    }

    /** The implicit message {@code message} of {@code cls}, if there is one. */
    Optional<MethodSpec> resolve(ClassDef cls, String message) {
        String name = cls.name() + "." + message;
        switch (message) {
            case "get_all":
                return spec(name, 1, args -> new ArrayList<Object>(store.refs(cls.name())));
            case "get_all_records":
                return spec(name, 1, args -> {
                    Map<String, Object> all = new LinkedHashMap<>();
                    store.atomically(() -> {
                        for (String ref : store.refs(cls.name())) {
                            all.put(ref, store.record(ref));
                        }
                    });
                    return all;
                });
            case "get_record":
                return spec(name, 2, args -> store.record(ref(cls, args.get(0))));
            case "get_by_uuid":
                return spec(name, 2, args -> {
                    String uuid = String.valueOf(args.get(0));
                    return store.refByUuid(uuid).filter(r -> store.isA(r, cls.name()))
                            .orElseThrow(() -> Errors.of("UUID_INVALID", cls.name(), uuid));
                });
            default:
                break;
        }
        if (message.equals("get_by_name_label") && cls.field("name_label").isPresent()) {
            return spec(name, 2, args -> {
                List<Object> out = new ArrayList<>();
                for (String ref : store.refs(cls.name())) {
                    if (String.valueOf(args.get(0)).equals(store.get(ref, "name_label"))) {
                        out.add(ref);
                    }
                }
                return out;
            });
        }
        if (message.startsWith("get_")) {
            return field(cls, message.substring(4), f -> true)
                    .flatMap(f -> spec(name, 2, args -> store.get(ref(cls, args.get(0)), f.name())));
        }
        if (message.startsWith("set_")) {
            return field(cls, message.substring(4), FieldDef::writable)
                    .flatMap(f -> spec(name, 3, args -> {
                        String ref = ref(cls, args.get(0));
                        store.set(ref, f.name(), coerce(f, f.type(), args.get(1)));
                        afterWrite.accept(cls, ref);
                        return "";
                    }));
        }
        if (message.startsWith("add_to_")) {
            return field(cls, message.substring(7), FieldDef::mapMutable)
                    .flatMap(f -> spec(name, 4, args -> {
                        String ref = ref(cls, args.get(0));
                        FieldType.MapOf type = (FieldType.MapOf) f.type();
                        String key = String.valueOf(coerce(f, type.key(), args.get(1)));
                        Object value = coerce(f, type.value(), args.get(2));
                        XapiException dup = store.atomically(() -> {
                            Map<String, Object> m = new LinkedHashMap<>(store.getMap(ref, f.name()));
                            if (m.containsKey(key)) {
                                return Errors.of("MAP_DUPLICATE_KEY", cls.name(), f.name(), ref, key);
                            }
                            m.put(key, value);
                            store.set(ref, f.name(), java.util.Collections.unmodifiableMap(m));
                            return null;
                        });
                        if (dup != null) {
                            throw dup;
                        }
                        afterWrite.accept(cls, ref);
                        return "";
                    }));
        }
        if (message.startsWith("remove_from_")) {
            return field(cls, message.substring(12), FieldDef::mapMutable)
                    .flatMap(f -> spec(name, 3, args -> {
                        String ref = ref(cls, args.get(0));
                        String key = String.valueOf(args.get(1));
                        store.atomically(() -> {
                            Map<String, Object> m = new LinkedHashMap<>(store.getMap(ref, f.name()));
                            if (m.remove(key) != null) {
                                store.set(ref, f.name(), java.util.Collections.unmodifiableMap(m));
                            }
                        });
                        afterWrite.accept(cls, ref);
                        return "";
                    }));
        }
        if (message.startsWith("add_") || message.startsWith("remove_")) {
            boolean add = message.startsWith("add_");
            return field(cls, message.substring(add ? 4 : 7), FieldDef::setMutable)
                    .flatMap(f -> spec(name, 3, args -> {
                        String ref = ref(cls, args.get(0));
                        Object value = coerce(f, ((FieldType.SetOf) f.type()).element(), args.get(1));
                        store.atomically(() -> {
                            LinkedHashSet<Object> set = new LinkedHashSet<>(store.getList(ref, f.name()));
                            if (add ? set.add(value) : set.remove(value)) {
                                store.set(ref, f.name(), List.copyOf(set));
                            }
                        });
                        afterWrite.accept(cls, ref);
                        return "";
                    }));
        }
        return Optional.empty();
    }

    private interface Body {
        Object apply(List<Object> args) throws XapiException;
    }

    private static Optional<MethodSpec> spec(String name, int arity, Body body) {
        return Optional.of(new MethodSpec(name, java.util.Set.of(arity), true, false,
                (ctx, args) -> body.apply(args)));
    }

    private static Optional<FieldDef> field(ClassDef cls, String name, java.util.function.Predicate<FieldDef> allowed) {
        return cls.field(name).filter(allowed);
    }

    private String ref(ClassDef cls, Object arg) throws XapiException {
        String ref = String.valueOf(arg);
        if (!store.isA(ref, cls.name())) {
            throw Errors.handleInvalid(cls.name(), ref);
        }
        return ref;
    }

    /** The client's value in canonical form; refs must name live objects of their class (or be NULL). */
    private Object coerce(FieldDef f, FieldType type, Object value) throws XapiException {
        Object v;
        try {
            v = type.coerce(value);
        } catch (IllegalArgumentException e) {
            throw Errors.fieldTypeError(f.name());
        }
        if (type instanceof FieldType.Ref r) {
            requireLive(r, (String) v);
        } else if (type instanceof FieldType.SetOf set && set.element() instanceof FieldType.Ref r) {
            for (Object item : (List<?>) v) {
                requireLive(r, (String) item);
            }
        }
        return v;
    }

    private void requireLive(FieldType.Ref type, String ref) throws XapiException {
        if (!FieldType.Ref.NULL.equals(ref) && store.model().find(type.targetClass()).isPresent()
                && !store.isA(ref, type.targetClass())) {
            throw Errors.handleInvalid(type.targetClass(), ref);
        }
    }
}
