package org.xapicenter.sim.rpc;

/**
 * The call being served: its session and, for Async calls and long-running sync ones, the task that
 * reports its progress (null otherwise).
 */
public record CallContext(String session, String task, TaskManager tasks) {

    /** Simulated work of {@code fraction} of an operation's duration, advancing the task's progress. */
    public void work(String operation, double progressTo) throws org.xapicenter.xapi.XapiException {
        if (task != null) {
            tasks.work(task, operation, progressTo);
        }
    }
}
