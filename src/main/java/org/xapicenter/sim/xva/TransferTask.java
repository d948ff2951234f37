package org.xapicenter.sim.xva;

import org.xapicenter.sim.rpc.Errors;
import org.xapicenter.sim.rpc.TaskManager;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;

/**
 * The task a transfer reports on: the client's ({@code task_id}), or one of our own when it gave none,
 * as xapi makes one. Progress reaches the store at most every percent, so that events stay few.
 */
final class TransferTask {
    private final TaskManager tasks;
    private final String ref;
    private final boolean usable;
    private double lastProgress;

    private TransferTask(TaskManager tasks, String ref, boolean usable) {
        this.tasks = tasks;
        this.ref = ref;
        this.usable = usable;
    }

    /** The client's task {@code given} if it names one, else a new task labelled {@code label}. */
    static TransferTask open(TaskManager tasks, ObjectStore store, String given, String label) {
        if (given != null && store.isA(given, "task")) {
            return new TransferTask(tasks, given, tasks.attend(given));
        }
        return new TransferTask(tasks, tasks.createAttended(label), true);
    }

    String ref() {
        return ref;
    }

    /** False when the task was cancelled or finished before the transfer began: do nothing then. */
    boolean usable() {
        return usable;
    }

    void progress(double p) {
        if (p - lastProgress >= 0.01 || (p >= 1 && lastProgress < 1)) {
            lastProgress = p;
            tasks.setProgress(ref, Math.min(p, 0.99));
        }
    }

    void checkCancelled() throws XapiException {
        tasks.checkCancelled(ref);
    }

    boolean cancelRequested() {
        return tasks.cancelRequested(ref);
    }

    void succeed(Object result) {
        tasks.finishSuccess(ref, result);
    }

    void fail(XapiException e) {
        tasks.finishFailure(ref, e);
    }

    void fail(String code, String... params) {
        fail(Errors.of(code, params));
    }
}
