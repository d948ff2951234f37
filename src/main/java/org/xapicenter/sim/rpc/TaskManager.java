package org.xapicenter.sim.rpc;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.xapicenter.sim.store.NoSuchObjectException;
import org.xapicenter.sim.store.ObjectStore;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.wire.XmlRpcValues;

/**
 * XAPI tasks (XAPI-PROTOCOL.md §4): created pending and cancellable, advanced by simulated work,
 * finished with an XML-RPC serialised result or an error_info. Tasks are ordinary store objects, so
 * they raise events like everything else.
 */
public final class TaskManager {
    private static final int STEPS_PER_OPERATION = 10;

    private final ObjectStore store;
    private final Pacing pacing;
    private final ExecutorService executor;
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();
    /** Tasks some simulator thread works on; the others (task.create) belong to a client's transfer. */
    private final Set<String> attended = ConcurrentHashMap.newKeySet();
    private volatile String residentHost = "OpaqueRef:NULL";

    public TaskManager(ObjectStore store, Pacing pacing, ExecutorService executor) {
        this.store = store;
        this.pacing = pacing;
        this.executor = executor;
    }

    /** Host that tasks report as {@code resident_on} (the coordinator). */
    public void setResidentHost(String hostRef) {
        this.residentHost = hostRef;
    }

    /** A task for work the simulator does itself (an Async call, a long sync call). */
    public String createAttended(String label) {
        String task = create(label, "");
        attended.add(task);
        return task;
    }

    /** A task a client creates (task.create) to follow its own work, e.g. an HTTP transfer. */
    public String create(String label, String description) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name_label", label);
        values.put("name_description", description);
        values.put("created", now());
        values.put("status", "pending");
        values.put("progress", 0.0);
        values.put("allowed_operations", List.of("cancel"));
        values.put("resident_on", residentHost);
        values.put("type", "");
        values.put("result", "");
        return store.create("task", values);
    }

    /**
     * The simulator works on a task a client created (an HTTP transfer given {@code task_id}): from now
     * on task.cancel asks it to stop ({@link #checkCancelled}) instead of cancelling the task at once.
     * False when the task is not pending any more (cancelled before the transfer began, or finished).
     */
    public boolean attend(String task) {
        attended.add(task);
        if (!store.exists(task) || !"pending".equals(store.get(task, "status"))) {
            if (store.exists(task) && "cancelling".equals(store.get(task, "status"))) {
                // Cancelled between our two looks: nobody else will finish it.
                finishFailure(task, Errors.taskCancelled(task));
            }
            attended.remove(task);
            return false;
        }
        return true;
    }

    /** Sets a pending task's progress (0..1), rounded as xapi shows it; nothing once it has finished. */
    public void setProgress(String task, double progress) {
        store.atomically(() -> {
            if (store.exists(task) && !"success".equals(store.get(task, "status"))
                    && !"failure".equals(store.get(task, "status"))
                    && !"cancelled".equals(store.get(task, "status"))) {
                store.set(task, "progress", Math.round(Math.max(0, Math.min(1, progress)) * 1000) / 1000.0);
            }
        });
    }

    /** Whether task.cancel was called on an attended task that has not stopped yet. */
    public boolean cancelRequested(String task) {
        return cancelRequested.contains(task);
    }

    /** Runs {@code work} in the background and finishes the task from its outcome. */
    public void runAsync(String task, CallContextWork work) {
        executor.execute(() -> {
            try {
                finishSuccess(task, work.run());
            } catch (XapiException e) {
                finishFailure(task, e);
            } catch (NoSuchObjectException e) {
                finishFailure(task, Errors.handleInvalid(e.className(), e.ref()));
            } catch (RuntimeException e) {
                finishFailure(task, Errors.of("INTERNAL_ERROR", String.valueOf(e.getMessage())));
            }
        });
    }

    /** Body of an Async call. */
    @FunctionalInterface
    public interface CallContextWork {
        Object run() throws XapiException;
    }

    public void finishSuccess(String task, Object value) {
        if (!store.exists(task)) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", "success");
        values.put("progress", 1.0);
        values.put("finished", now());
        values.put("allowed_operations", List.of());
        // The result is the XML-RPC serialisation whatever transport the client uses; void is "".
        values.put("result", value == null || "".equals(value) ? "" : XmlRpcValues.toXml(value));
        store.update(task, values);
        forget(task);
    }

    private void forget(String task) {
        cancelRequested.remove(task);
        attended.remove(task);
    }

    public void finishFailure(String task, XapiException e) {
        if (!store.exists(task)) {
            return;
        }
        boolean cancelled = "TASK_CANCELLED".equals(e.code());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", cancelled ? "cancelled" : "failure");
        values.put("finished", now());
        values.put("allowed_operations", List.of());
        values.put("error_info", List.copyOf(Errors.description(e)));
        store.update(task, values);
        forget(task);
    }

    /** task.cancel: a pending, cancellable task stops at its next step with TASK_CANCELLED. */
    public void cancel(String task) throws XapiException {
        requireTask(task);
        boolean ok = store.atomically(() -> {
            if (!"pending".equals(store.get(task, "status"))
                    || !store.getList(task, "allowed_operations").contains("cancel")) {
                return false;
            }
            store.update(task, Map.of("status", "cancelling", "allowed_operations", List.of()));
            return true;
        });
        if (!ok) {
            throw Errors.operationNotAllowed("Task " + task + " cannot be cancelled");
        }
        if (attended.contains(task)) {
            cancelRequested.add(task);
        } else {
            // Nobody here works on it: it is cancelled at once.
            finishFailure(task, Errors.taskCancelled(task));
        }
    }

    /** Drops the hidden task of a synchronous call once it has returned. */
    public void discard(String task) {
        forget(task);
        if (store.exists(task)) {
            store.destroy(task);
        }
    }

    public void destroy(String task) throws XapiException {
        requireTask(task);
        forget(task);
        store.destroy(task);
    }

    /**
     * Simulated work: advances {@code progress} towards {@code progressTo} over that share of the
     * operation's duration, in steps; stops with TASK_CANCELLED if the task was cancelled.
     */
    public void work(String task, String operation, double progressTo) throws XapiException {
        double from = store.exists(task) ? ((Number) store.get(task, "progress")).doubleValue() : 0.0;
        Duration total = pacing.durationOf(operation);
        long stepNanos = (long) (total.toNanos() * Math.max(0, progressTo - from) / STEPS_PER_OPERATION);
        for (int i = 1; i <= STEPS_PER_OPERATION; i++) {
            sleepUnlessCancelled(task, stepNanos);
            double p = from + (progressTo - from) * i / STEPS_PER_OPERATION;
            if (store.exists(task)) {
                store.set(task, "progress", Math.round(p * 1000) / 1000.0);
            }
        }
    }

    public void checkCancelled(String task) throws XapiException {
        if (cancelRequested.contains(task)) {
            throw Errors.taskCancelled(task);
        }
    }

    /** Sleeps in short slices so that a cancel takes effect promptly even in a long step. */
    private void sleepUnlessCancelled(String task, long nanos) throws XapiException {
        long end = System.nanoTime() + nanos;
        checkCancelled(task);
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Errors.of("INTERNAL_ERROR", "simulator shutting down");
            }
            checkCancelled(task);
        }
    }

    private void requireTask(String task) throws XapiException {
        Handles.require(store, "task", task);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
