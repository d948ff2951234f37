package org.xapicenter.xapi;

import java.util.List;

/**
 * A failure reported by a XAPI server (or raised locally in XAPI's terms): the error code and its
 * parameters exactly as XAPI defines them, e.g. {@code VM_BAD_POWER_STATE [vm, halted, running]}.
 * The UI turns code + parameters into a friendly sentence; nothing below the UI formats messages.
 */
public class XapiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<String> params;

    public XapiException(String code, List<String> params) {
        this(code, params, null);
    }

    public XapiException(String code, List<String> params, Throwable cause) {
        super(code + (params.isEmpty() ? "" : " " + params), cause);
        this.code = code;
        this.params = List.copyOf(params);
    }

    /** Builds an exception from a XAPI ErrorDescription / error_info array: [code, param...]. */
    public static XapiException fromDescription(List<?> description) {
        if (description == null || description.isEmpty()) {
            return new XapiException("INTERNAL_ERROR", List.of("empty error description"));
        }
        List<String> parts = description.stream().map(String::valueOf).toList();
        return new XapiException(parts.get(0), parts.subList(1, parts.size()));
    }

    public String code() {
        return code;
    }

    public List<String> params() {
        return params;
    }

    /** Parameter {@code i}, or "" when the server sent fewer. */
    public String param(int i) {
        return i < params.size() ? params.get(i) : "";
    }
}
