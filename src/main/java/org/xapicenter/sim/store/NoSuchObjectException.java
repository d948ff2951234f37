package org.xapicenter.sim.store;

/** A ref that names no live object (of the expected class). Dispatch maps it to HANDLE_INVALID. */
public final class NoSuchObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String className;
    private final String ref;

    public NoSuchObjectException(String className, String ref) {
        super(className + " " + ref);
        this.className = className;
        this.ref = ref;
    }

    public String className() {
        return className;
    }

    public String ref() {
        return ref;
    }
}
