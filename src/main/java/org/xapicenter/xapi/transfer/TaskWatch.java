package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Task;

/**
 * Follows the transfer's task on its own schedule ({@value #POLL_MILLIS} ms), on a daemon thread, so
 * that the streaming thread never waits for an API call between two reads or writes.
 */
final class TaskWatch implements AutoCloseable {
    static final long POLL_MILLIS = 500;

    private final XapiSession session;
    private final String taskRef;
    private final ScheduledExecutorService poller;
    private volatile Task latest;

    TaskWatch(XapiSession session, String taskRef) {
        this.session = session;
        this.taskRef = taskRef;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "task-watch " + taskRef);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            latest = (Task) session.getRecord("task", taskRef);
        } catch (XapiException | IOException | RuntimeException e) {
            // a missed poll only delays the progress shown; the final state is read directly
        }
    }

    /** The task's progress 0..1 as last seen. */
    double progress() {
        Task t = latest;
        return t == null ? 0 : t.progress();
    }

    /** The task as last seen, or null. */
    Task latest() {
        return latest;
    }

    /**
     * Reads the task until it has finished or {@code timeout} has passed, telling {@code onProgress}
     * its progress at each read.
     *
     * @return the finished task, or null if it is still running after {@code timeout}
     */
    Task awaitFinished(Duration timeout, java.util.function.DoubleConsumer onProgress) throws XapiException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // the host usually ends the task a moment after the last byte: look again soon, then less often
        long pause = 5;
        while (true) {
            Task t = (Task) session.getRecord("task", taskRef);
            latest = t;
            onProgress.accept(t.progress());
            if (t.status().finished()) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the task " + taskRef, e);
            }
        }
    }


    @Override
    public void close() {
        poller.shutdownNow();
    }
}
