package org.xapicenter.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.xapicenter.xapi.XapiException;

/** A simulator core driven in-process through its dispatcher, as the wire layer drives it. */
class SimTestSupport implements AutoCloseable {
    final SimulatorCore core;
    final String session;

    SimTestSupport(Duration operationDuration) throws XapiException {
        core = new SimulatorCore(SimulatorOptions.builder().operationDuration(operationDuration)
                .loginFailureDelay(Duration.ofMillis(10)).eventCoalesce(Duration.ofMillis(5)).build());
        session = (String) core.dispatcher().call("session.login_with_password", List.of("root", "password", "1.0", "test"));
    }

    /** Calls {@code method} with the session as first parameter. */
    Object call(String method, Object... args) throws XapiException {
        List<Object> params = new ArrayList<>();
        params.add(session);
        params.addAll(List.of(args));
        return core.dispatcher().call(method, params);
    }

    XapiException failure(String method, Object... args) {
        XapiException e = catchThrowableOfType(XapiException.class, () -> call(method, args));
        assertThat(e).as("%s should fail", method).isNotNull();
        return e;
    }

    String vm(String name) throws XapiException {
        List<?> refs = (List<?>) call("VM.get_by_name_label", name);
        assertThat(refs).hasSize(1);
        return (String) refs.get(0);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> record(String cls, String ref) throws XapiException {
        return (Map<String, Object>) call(cls + ".get_record", ref);
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    String waitForTask(String task) throws Exception {
        waitFor("task " + task, () -> {
            try {
                String s = (String) call("task.get_status", task);
                return !s.equals("pending") && !s.equals("cancelling");
            } catch (XapiException e) {
                throw new AssertionError(e);
            }
        });
        return (String) call("task.get_status", task);
    }

    @Override
    public void close() {
        core.close();
    }
}
