package org.xapicenter.sim.rpc;

import java.util.Arrays;
import java.util.List;

import org.xapicenter.xapi.XapiException;

/** XAPI error codes the simulator raises, built with their parameters in XAPI's order. */
public final class Errors {
    private Errors() {
    }

    public static XapiException of(String code, String... params) {
        return new XapiException(code, Arrays.asList(params));
    }

    public static XapiException methodUnknown(String method) {
        return of("MESSAGE_METHOD_UNKNOWN", method);
    }

    public static XapiException parameterCount(String method, int expected, int received) {
        return of("MESSAGE_PARAMETER_COUNT_MISMATCH", method, Integer.toString(expected), Integer.toString(received));
    }

    public static XapiException sessionInvalid(String ref) {
        return of("SESSION_INVALID", ref);
    }

    public static XapiException handleInvalid(String className, String ref) {
        return of("HANDLE_INVALID", className, ref);
    }

    public static XapiException fieldTypeError(String field) {
        return of("FIELD_TYPE_ERROR", field);
    }

    public static XapiException operationNotAllowed(String reason) {
        return of("OPERATION_NOT_ALLOWED", reason);
    }

    public static XapiException taskCancelled(String task) {
        return of("TASK_CANCELLED", task);
    }

    public static List<String> description(XapiException e) {
        List<String> out = new java.util.ArrayList<>();
        out.add(e.code());
        out.addAll(e.params());
        return out;
    }
}
