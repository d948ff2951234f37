package org.xapicenter.sim.rpc;

import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * Runs a check-then-change under the store lock, letting it refuse with a XAPI error: nothing else
 * changes the pool between the rule that allowed an operation and its effect. Rules check before they
 * write, so a refusal leaves the pool as it was.
 */
final class Locked {
    private Locked() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws XapiException;
    }

    @FunctionalInterface
    interface VoidWork {
        void run() throws XapiException;
    }

    static <T> T call(ObjectStore store, Work<T> work) throws XapiException {
        Object[] result = new Object[1];
        XapiException[] refused = new XapiException[1];
        store.atomically(() -> {
            try {
                result[0] = work.run();
            } catch (XapiException e) {
                refused[0] = e;
            }
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    static void run(ObjectStore store, VoidWork work) throws XapiException {
        call(store, () -> {
            work.run();
            return null;
        });
    }

    /**
     * A long-running change: refused at once when {@code check} fails, then the simulated work of
     * {@code operation}, then checked again (the pool may have changed meanwhile) and applied in one
     * locked step.
     */
    static <T> T afterWork(ObjectStore store, CallContext ctx, String operation, VoidWork check, Work<T> apply)
            throws XapiException {
        run(store, check);
        ctx.work(operation, 1.0);
        return call(store, () -> {
            check.run();
            return apply.run();
        });
    }

    /** {@link #afterWork(ObjectStore, CallContext, String, VoidWork, Work)} for a change with no result. */
    static void afterWork(ObjectStore store, CallContext ctx, String operation, VoidWork check, VoidWork apply)
            throws XapiException {
        afterWork(store, ctx, operation, check, () -> {
            apply.run();
            return null;
        });
    }
}
