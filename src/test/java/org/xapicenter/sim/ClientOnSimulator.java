package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.Tasks;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

/**
 * Our own client (XapiSession) logged in to a demo-pool simulator over a real socket on 127.0.0.1,
 * with operations taking milliseconds, and the small helpers the operation tests share.
 */
final class ClientOnSimulator implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String NULL = "OpaqueRef:NULL";

    final Simulator sim;
    final XapiSession session;

    ClientOnSimulator(Protocol protocol) throws Exception {
        this(protocol, Duration.ofMillis(10));
    }

    ClientOnSimulator(Protocol protocol, Duration operationDuration) throws Exception {
        sim = Simulator.start(SimulatorOptions.builder().operationDuration(operationDuration)
                .loginFailureDelay(Duration.ofMillis(10)).eventCoalesce(Duration.ofMillis(5)).build());
        try {
            session = XapiSession.login(ConnectionSettings.of(sim.httpUrl(), protocol), SimulatorOptions.DEFAULT_USER,
                    SimulatorOptions.DEFAULT_PASSWORD.toCharArray());
        } catch (Exception e) {
            sim.close();
            throw e;
        }
    }

    Object call(String method, Object... args) throws Exception {
        return session.call(method, args);
    }

    String ref(String method, Object... args) throws Exception {
        return (String) session.call(method, args);
    }

    /** Runs {@code Async.<method>} and returns its task's result once it succeeded; the task is destroyed. */
    Object async(String method, Object... args) throws Exception {
        String task = session.callAsync(method, args);
        try {
            return Tasks.await(session, task, WAIT);
        } finally {
            session.call("task.destroy", task);
        }
    }

    XapiException failure(String method, Object... args) {
        XapiException e = catchThrowableOfType(XapiException.class, () -> session.call(method, args));
        assertThat(e).as("%s should fail", method).isNotNull();
        return e;
    }

    XapiException asyncFailure(String method, Object... args) {
        XapiException e = catchThrowableOfType(XapiException.class, () -> async(method, args));
        assertThat(e).as("Async.%s should fail", method).isNotNull();
        return e;
    }

    String vm(String name) throws Exception {
        List<?> refs = (List<?>) call("VM.get_by_name_label", name);
        assertThat(refs).as("VMs named %s", name).hasSize(1);
        return (String) refs.get(0);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> record(String cls, String ref) throws Exception {
        return (Map<String, Object>) call(cls + ".get_record", ref);
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> all(String cls) throws Exception {
        return (Map<String, Map<String, Object>>) call(cls + ".get_all_records");
    }

    Optional<String> find(String cls, Predicate<Map<String, Object>> which) throws Exception {
        return all(cls).entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).findFirst();
    }

    String named(String cls, String name) throws Exception {
        return find(cls, r -> name.equals(r.get("name_label")))
                .orElseThrow(() -> new AssertionError("no " + cls + " named " + name));
    }

    String vmIn(String powerState) throws Exception {
        return find("VM", r -> powerState.equals(r.get("power_state")) && !Boolean.TRUE.equals(r.get("is_a_template"))
                && !Boolean.TRUE.equals(r.get("is_control_domain")))
                .orElseThrow(() -> new AssertionError("no " + powerState + " VM"));
    }

    /** A set-of-refs field, e.g. {@code refs("VM", vm, "VBDs")}. */
    @SuppressWarnings("unchecked")
    List<String> refs(String cls, String ref, String field) throws Exception {
        return (List<String>) call(cls + ".get_" + field, ref);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String cls, String ref, String field) throws Exception {
        return (List<Object>) call(cls + ".get_" + field, ref);
    }

    long number(String cls, String ref, String field) throws Exception {
        return asLong(call(cls + ".get_" + field, ref));
    }

    /** XML-RPC carries int64 as text, JSON-RPC as numbers. */
    static long asLong(Object v) {
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
    }

    /** The pool's hosts, in the order the demo pool made them. */
    List<String> hosts() {
        return sim.store().refs("host");
    }

    @Override
    public void close() {
        session.close();
        sim.close();
    }
}
