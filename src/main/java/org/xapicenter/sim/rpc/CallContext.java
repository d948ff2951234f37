package org.xapicenter.sim.rpc;

/**
 * The call being served: its session and, for Async calls and long-running sync ones, the task that
 * reports its progress (null otherwise).
 */
public record CallContext(String session, String task, TaskManager tasks) {

    /**
     * Simulated work: advances the task's progress to {@code progressTo} (0..1) over that share of
     * {@code operation}'s duration; TASK_CANCELLED if the task is cancelled meanwhile.
     */
    public void work(String operation, double progressTo) throws org.xapicenter.xapi.XapiException {
        if (task != null) {
            tasks.work(task, operation, progressTo);
        }
    }
}
