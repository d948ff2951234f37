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
 * XAPI tasks (XAPI-PROTOCOL.md §4): created pending, advanced by simulated work, finished with an
 * XML-RPC serialised result or an error_info. Tasks are ordinary store objects, so they raise events
 * like everything else.
 *
 * <p>A task a client makes with task.create behaves as in xapi (xapi_task.ml, taskHelper.ml): it is not
 * cancellable ({@code allowed_operations} empty) until an HTTP handler given its {@code task_id} takes it
 * over; a task.cancel before that is accepted but only recorded in {@code current_operations}, the task
 * stays pending, and the handler that later takes it over ends it as cancelled at once; if no handler
 * ever does, it stays pending until its owner ends it with task.set_status. task.destroy of a task that
 * has not finished only marks it ({@code current_operations} "destroy"): it goes when it finishes.
 * A handler's own outcome never overwrites a task that is no longer pending.
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
        store.set(task, "allowed_operations", List.of("cancel"));
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
        // Not cancellable until some work takes it over, as xapi makes it.
        values.put("allowed_operations", List.of());
        values.put("current_operations", Map.of());
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
        Boolean taken = store.atomically(() -> {
            if (!store.exists(task)) {
                return false;
            }
            Object status = store.get(task, "status");
            if ("cancelling".equals(status) || "pending".equals(status) && marked(task, "cancel")) {
                // Cancelled before (or while) we took it: xapi's handler stops at its first check.
                return null;
            }
            if (!"pending".equals(status)) {
                return false;
            }
            store.set(task, "allowed_operations", List.of("cancel"));
            return true;
        });
        if (taken == null) {
            finishFailure(task, Errors.taskCancelled(task));
            return false;
        }
        if (!taken) {
            attended.remove(task);
        }
        return taken;
    }

    /** Whether {@code current_operations} holds {@code op} (xapi's record of a cancel or destroy request). */
    private boolean marked(String task, String op) {
        return store.getMap(task, "current_operations").containsValue(op);
    }

    private void mark(String task, String key, String op) {
        Map<String, Object> ops = new LinkedHashMap<>(store.getMap(task, "current_operations"));
        ops.put(key, op);
        store.set(task, "current_operations", ops);
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
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", "success");
        values.put("progress", 1.0);
        values.put("finished", now());
        values.put("allowed_operations", List.of());
        // The result is the XML-RPC serialisation whatever transport the client uses; void is "".
        values.put("result", value == null || "".equals(value) ? "" : XmlRpcValues.toXml(value));
        finish(task, values);
    }

    /** Ends a task still running (xapi leaves one its owner already ended as it is); a destroy waiting goes through. */
    private void finish(String task, Map<String, Object> values) {
        store.atomically(() -> {
            if (!store.exists(task) || !running(store.get(task, "status"))) {
                return;
            }
            store.update(task, values);
            destroyIfAsked(task);
        });
        forget(task);
    }

    private static boolean running(Object status) {
        return "pending".equals(status) || "cancelling".equals(status);
    }

    /** task.destroy called while it ran: xapi's GC removes it once finished; we do it at once. */
    private void destroyIfAsked(String task) {
        if (store.exists(task) && !running(store.get(task, "status")) && marked(task, "destroy")) {
            store.destroy(task);
        }
    }

    private void forget(String task) {
        cancelRequested.remove(task);
        attended.remove(task);
    }

    public void finishFailure(String task, XapiException e) {
        boolean cancelled = "TASK_CANCELLED".equals(e.code());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", cancelled ? "cancelled" : "failure");
        values.put("finished", now());
        values.put("allowed_operations", List.of());
        values.put("error_info", List.copyOf(Errors.description(e)));
        finish(task, values);
    }

    /**
     * task.cancel, as xapi: never refused for an existing task. A running task some simulator thread works
     * on stops at its next step with TASK_CANCELLED; a client's task nobody has taken over only gets the
     * request recorded (it stays pending); a finished task is left as it is.
     */
    public void cancel(String task) throws XapiException {
        requireTask(task);
        store.atomically(() -> {
            if (!"pending".equals(store.get(task, "status"))) {
                return;
            }
            if (attended.contains(task) && store.getList(task, "allowed_operations").contains("cancel")) {
                store.update(task, Map.of("status", "cancelling", "allowed_operations", List.of()));
                cancelRequested.add(task);
            } else {
                mark(task, task, "cancel");
                if (attended.contains(task)) {
                    cancelRequested.add(task);
                }
            }
        });
    }

    /**
     * task.set_status, as xapi: sets the status and nothing else (no finished time, no progress); the
     * owner of a task created with task.create that no handler took over ends it this way.
     */
    public void setStatus(String task, String status) throws XapiException {
        requireTask(task);
        if (!List.of("pending", "success", "failure", "cancelling", "cancelled").contains(status)) {
            throw Errors.of("INVALID_VALUE", "status", status);
        }
        store.atomically(() -> {
            store.set(task, "status", status);
            if (!running(status)) {
                store.set(task, "allowed_operations", List.of());
                destroyIfAsked(task);
            }
        });
        if (!running(status)) {
            forget(task);
        }
    }

    /** task.set_error_info / set_result / set_progress: plain setters, as xapi. */
    public void setField(String task, String field, Object value) throws XapiException {
        requireTask(task);
        store.set(task, field, value);
    }

    /** Drops the hidden task of a synchronous call once it has returned. */
    public void discard(String task) {
        forget(task);
        if (store.exists(task)) {
            store.destroy(task);
        }
    }

    /** task.destroy, as xapi: a finished task goes; a running one is marked and goes when it finishes. */
    public void destroy(String task) throws XapiException {
        requireTask(task);
        boolean gone = store.atomically(() -> {
            if (running(store.get(task, "status"))) {
                mark(task, "task", "destroy");
                return false;
            }
            store.destroy(task);
            return true;
        });
        if (gone) {
            forget(task);
        }
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
