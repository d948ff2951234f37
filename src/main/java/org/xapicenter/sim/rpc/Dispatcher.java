package org.xapicenter.sim.rpc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.xapicenter.sim.model.ClassDef;
import org.xapicenter.sim.store.NoSuchObjectException;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Turns a method name and its parameters into a result or a XAPI error, the same for XML-RPC and
 * JSON-RPC. Order of checks as xapi: unknown method, parameter count, session. {@code Async.X.m}
 * returns a task ref at once and runs {@code X.m} in the background.
 */
public final class Dispatcher implements RpcEndpoint {
    private static final String ASYNC = "async.";

    private final ObjectStore store;
    private final SessionManager sessions;
    private final TaskManager tasks;
    private final ImplicitMessages implicit;
    private final Map<String, MethodSpec> explicit = new TreeMap<>();
    private final List<String> pseudoClasses = new ArrayList<>(List.of("session", "event", "system", "task"));

    public Dispatcher(ObjectStore store, SessionManager sessions, TaskManager tasks) {
        this.store = store;
        this.sessions = sessions;
        this.tasks = tasks;
        this.implicit = new ImplicitMessages(store);
    }

    /** Runs {@code hook(class, ref)} after each implicit setter/adder/remover changed an object. */
    public void afterImplicitWrite(java.util.function.BiConsumer<ClassDef, String> hook) {
        implicit.afterWrite(hook);
    }

    /** Registers an explicit message; it takes precedence over an implicit one of the same name. */
    public void register(MethodSpec spec) {
        explicit.put(spec.name().toLowerCase(Locale.ROOT), spec);
        String cls = spec.name().substring(0, spec.name().indexOf('.'));
        if (!pseudoClasses.contains(cls)) {
            pseudoClasses.add(cls);
        }
    }

    @Override
    public Object call(String method, List<Object> params) throws XapiException {
        String name = canonicalName(method);
        boolean async = name.toLowerCase(Locale.ROOT).startsWith(ASYNC);
        String target = async ? name.substring(ASYNC.length()) : name;
        MethodSpec spec = lookup(target).orElseThrow(() -> Errors.methodUnknown(method));
        if (!spec.arities().contains(params.size())) {
            int expected = spec.arities().stream().max(Integer::compare).orElse(0);
            throw Errors.parameterCount(spec.name(), expected, params.size());
        }
        String session = null;
        List<Object> args = params;
        if (spec.needsSession()) {
            session = params.isEmpty() ? null : String.valueOf(params.get(0));
            sessions.require(session);
            args = params.subList(1, params.size());
        }
        List<Object> callArgs = List.copyOf(args.stream().map(a -> a == null ? "" : a).toList());
        if (async) {
            String task = tasks.createAttended("Async." + spec.name());
            CallContext ctx = new CallContext(session, task, tasks);
            tasks.runAsync(task, () -> invoke(spec, ctx, callArgs));
            return task;
        }
        if (spec.longRunning()) {
            // xapi runs every call under a task; long ones need it for current_operations.
            String task = tasks.createAttended(spec.name());
            try {
                return invoke(spec, new CallContext(session, task, tasks), callArgs);
            } finally {
                tasks.discard(task);
            }
        }
        return invoke(spec, new CallContext(session, null, tasks), callArgs);
    }

    private static Object invoke(MethodSpec spec, CallContext ctx, List<Object> args) throws XapiException {
        try {
            Object result = spec.body().call(ctx, args);
            return result == null ? "" : result;
        } catch (NoSuchObjectException e) {
            throw Errors.handleInvalid(e.className(), e.ref());
        }
    }

    private Optional<MethodSpec> lookup(String name) {
        MethodSpec spec = explicit.get(name.toLowerCase(Locale.ROOT));
        if (spec != null) {
            return Optional.of(spec);
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        Optional<ClassDef> cls = store.model().find(name.substring(0, dot));
        return cls.flatMap(c -> implicit.resolve(c, name.substring(dot + 1)));
    }

    /** {@code VM_start} -> {@code VM.start}, {@code Async_VM_start} -> {@code Async.VM.start}. */
    private String canonicalName(String method) {
        if (method.indexOf('.') >= 0) {
            return method;
        }
        String rest = method;
        String prefix = "";
        if (rest.regionMatches(true, 0, "Async_", 0, 6)) {
            prefix = "Async.";
            rest = rest.substring(6);
        }
        List<String> classes = new ArrayList<>(pseudoClasses);
        store.model().classes().forEach(c -> classes.add(c.name()));
        classes.sort(Comparator.comparingInt(String::length).reversed());
        for (String c : classes) {
            if (rest.length() > c.length() + 1 && rest.regionMatches(true, 0, c, 0, c.length())
                    && rest.charAt(c.length()) == '_') {
                return prefix + c + "." + rest.substring(c.length() + 1);
            }
        }
        return method;
    }

    /** Names for system.listMethods: explicit messages and the implicit ones of every class. */
    public List<Object> listMethods() {
        Set<String> names = new TreeSet<>();
        explicit.values().forEach(s -> names.add(s.name()));
        for (ClassDef c : store.model().classes()) {
            for (String m : List.of("get_all", "get_all_records", "get_record", "get_by_uuid")) {
                names.add(c.name() + "." + m);
            }
            if (c.field("name_label").isPresent()) {
                names.add(c.name() + ".get_by_name_label");
            }
            c.fields().forEach(f -> {
                names.add(c.name() + ".get_" + f.name());
                if (f.writable()) {
                    names.add(c.name() + ".set_" + f.name());
                }
                if (f.mapMutable()) {
                    names.add(c.name() + ".add_to_" + f.name());
                    names.add(c.name() + ".remove_from_" + f.name());
                }
                if (f.setMutable()) {
                    names.add(c.name() + ".add_" + f.name());
                    names.add(c.name() + ".remove_" + f.name());
                }
            });
        }
        return new ArrayList<>(names);
    }
}
