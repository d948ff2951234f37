package org.xapicenter.sim.rpc;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/** The check every message makes on the refs it is given: a live object of the class it expects. */
public final class Handles {
    private Handles() {
    }

    /** {@code ref}, or HANDLE_INVALID [className, ref] when it is not a live object of that class. */
    public static String require(ObjectStore store, String className, String ref) throws XapiException {
        if (!store.isA(ref, className)) {
            throw Errors.handleInvalid(className, ref);
        }
        return ref;
    }
}
