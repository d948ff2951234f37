package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.Protocol;
import org.xapicenter.xapi.Tasks;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

/**
 * Our own client (XapiSession) logged in to a demo-pool simulator over a real socket on 127.0.0.1,
 * with operations taking milliseconds.
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

    String callRef(String method, Object... args) throws Exception {
        return (String) session.call(method, args);
    }

    /** Runs {@code Async.<method>} and waits for its task's result. */
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
    List<String> refs(String cls, String ref, String field) throws Exception {
        return (List<String>) call(cls + ".get_" + field, ref);
    }

    List<String> hosts() {
        return sim.store().refs("host");
    }

    long number(String cls, String ref, String field) throws Exception {
        // XML-RPC carries int64 as text, JSON-RPC as a number.
        return Long.parseLong(String.valueOf(call(cls + ".get_" + field, ref)));
    }

    @Override
    public void close() {
        session.close();
        sim.close();
    }
}
