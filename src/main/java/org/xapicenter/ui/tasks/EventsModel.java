package org.xapicenter.ui.tasks;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.xapicenter.cache.CacheBatch;
import org.xapicenter.cache.CacheChange;
import org.xapicenter.cache.ObjectCache;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.errors.FriendlyErrors;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.record.Vm;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * The Events panel's list: every top-level task of every connection (ours and other clients'),
 * newest first, plus the actions whose call failed before a task existed (FX thread).
 */
public final class EventsModel {
    /** Older finished entries beyond this are dropped so a long session does not grow forever. */
    static final int MAX_ENTRIES = 500;

    private record TaskKey(ConnectionModel connection, String ref) {
    }

    private final ObservableList<EventEntry> entries = FXCollections.observableArrayList();
    private final Map<TaskKey, EventEntry> byTask = new HashMap<>();
    private final FriendlyErrors errors = FriendlyErrors.get();
    private final Supplier<Instant> clock;
    private final ReadOnlyBooleanWrapper anyRunning = new ReadOnlyBooleanWrapper(false);

    /** Changes of ours and the methods they call (see {@link #expectTask}). */
    private final Map<EventEntry, Expected> expectedTasks = new java.util.concurrent.ConcurrentHashMap<>();

    public EventsModel(Connections connections) {
        this(connections, Instant::now);
    }

    public EventsModel(Connections connections, Supplier<Instant> clock) {
        this.clock = clock;
        connections.addBatchListener(this::onBatch);
        entries.addListener((ListChangeListener<EventEntry>) change -> refreshRunning());
        // A disconnected pool's lines go with it: each entry holds its connection, and through it
        // the whole object cache, which would otherwise stay in memory for the rest of the session.
        connections.all().addListener((ListChangeListener<ConnectionModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::forget);
            }
        });
    }

    private void forget(ConnectionModel connection) {
        entries.removeIf(e -> e.connection() == connection);
        byTask.keySet().removeIf(k -> k.connection() == connection);
    }

    public ObservableList<EventEntry> entries() {
        return entries;
    }

    /** True while some entry is still running: only then do elapsed times need a clock. */
    public ReadOnlyBooleanProperty anyRunningProperty() {
        return anyRunning.getReadOnlyProperty();
    }

    private void refreshRunning() {
        anyRunning.set(entries.stream().anyMatch(e -> !e.status().finished()));
    }

    /** An action about to call the server: shown at once, before its task exists. */
    public EventEntry startAction(ConnectionModel connection, String title) {
        EventEntry e = new EventEntry(connection, title, clock.get());
        e.detail.set("Sending request…");
        insert(e);
        e.tick(clock.get());
        return e;
    }

    /** The call behind {@code action} returned its task: from now on the task drives the entry. */
    public void attach(EventEntry action, String taskRef) {
        if (!entries.contains(action)) {
            return; // its connection was removed while the call was on its way
        }
        TaskKey key = new TaskKey(action.connection(), taskRef);
        EventEntry known = byTask.get(key);
        if (known != null && known != action) {
            // The task's own event came first and made a line of its own: keep that one, with our title.
            known.title.set(action.title());
            known.titled = true;
            entries.remove(action);
            return;
        }
        action.setTaskRef(taskRef);
        action.detail.set("");
        byTask.put(key, action);
        if (action.connection().link().cache().get(taskRef) instanceof Task t) {
            update(action, t);
        }
    }

    /**
     * A file transfer about to start: the client drives this entry (progress, phases, outcome) with
     * {@link #transferProgress}, {@link #transferSucceeded}, {@link #transferCancelled} and {@link #fail};
     * it is Cancel-able from the start, since the transfer can stop before its task exists.
     */
    public EventEntry startTransfer(ConnectionModel connection, String title) {
        EventEntry e = startAction(connection, title);
        e.clientDriven = true;
        e.detail.set("Starting…");
        e.cancellable.set(true);
        return e;
    }

    /**
     * A change made of several calls the client makes one after the other: driven like a transfer
     * ({@link #transferProgress}, {@link #transferSucceeded}, {@link #fail}) but not cancellable, since
     * half a change would be worse than all of it.
     */
    public EventEntry startChange(ConnectionModel connection, String title) {
        EventEntry e = startAction(connection, title);
        e.clientDriven = true;
        return e;
    }

    /**
     * The change behind {@code entry} calls {@code method}. The server runs a long call under a task
     * named after it; that task is the change's step, so it joins the entry instead of making a line of
     * its own, also when its event arrives a little after the call returned. Any thread.
     */
    public void expectTask(EventEntry entry, String method) {
        if (method != null) {
            expectedTasks.computeIfAbsent(entry, k -> new Expected()).methods.add(method);
        }
    }

    /** The change behind {@code entry} is over: late events of its tasks are still its own for a few seconds. */
    public void changeOver(EventEntry entry) {
        Expected x = expectedTasks.get(entry);
        if (x != null) {
            x.until = clock.get().plusSeconds(10);
        }
    }

    /** The methods a change calls, and until when a task of theirs is taken as the change's. */
    private static final class Expected {
        final java.util.Set<String> methods = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile Instant until;
    }

    /** A change of ours that called {@code name} on {@code connection} just now, if there is one. */
    private EventEntry expecting(ConnectionModel connection, String name) {
        Instant now = clock.get();
        EventEntry found = null;
        for (Map.Entry<EventEntry, Expected> e : expectedTasks.entrySet()) {
            Instant until = e.getValue().until;
            if (until != null && now.isAfter(until)) {
                expectedTasks.remove(e.getKey());
            } else if (e.getKey().connection() == connection && e.getValue().methods.contains(name)) {
                found = e.getKey();
            }
        }
        return found;
    }

    /** The transfer behind {@code entry} created its task: the task's own line is this one. */
    public void attachTransfer(EventEntry entry, String taskRef) {
        if (!entries.contains(entry) || taskRef == null) {
            return;
        }
        TaskKey key = new TaskKey(entry.connection(), taskRef);
        EventEntry known = byTask.get(key);
        if (known != null && known != entry) {
            // The task's event came first and made a line of its own: ours tells more, so it stays.
            entries.remove(known);
        }
        entry.setTaskRef(taskRef);
        byTask.put(key, entry);
    }

    /** Where a transfer stands: {@code fraction} 0..1 or -1 when unknown, and a line saying what it does. */
    public void transferProgress(EventEntry entry, double fraction, String detail) {
        if (entry.status().finished()) {
            return; // a late report after the outcome
        }
        entry.progress.set(fraction < 0 ? -1 : clamp(fraction));
        entry.detail.set(detail);
    }

    /** Cancel was asked for; the transfer stops at its next block. */
    public void transferCancelling(EventEntry entry) {
        if (!entry.status().finished()) {
            entry.status.set(EventEntry.Status.CANCELLING);
            entry.cancellable.set(false);
            entry.detail.set("Cancelling…");
        }
    }

    /** The transfer completed; {@code detail} says what it produced (file and size, or the new VM). */
    public void transferSucceeded(EventEntry entry, String detail) {
        entry.progress.set(1.0);
        entry.detail.set(detail);
        finish(entry, EventEntry.Status.SUCCEEDED);
    }

    /** The transfer stopped on the user's request; {@code detail} says what was cleaned up. */
    public void transferCancelled(EventEntry entry, String detail) {
        entry.detail.set(detail);
        if (entry.progress() < 0) {
            entry.progress.set(0); // a stopped bar, not one still showing activity
        }
        finish(entry, EventEntry.Status.CANCELLED);
    }

    /** The transfer failed with a sentence already written for people. */
    public void transferFailed(EventEntry entry, String sentence) {
        entry.detail.set(sentence);
        finish(entry, EventEntry.Status.FAILED);
    }

    /** The call behind {@code action} failed before a task existed (e.g. VM_BAD_POWER_STATE). */
    public void fail(EventEntry action, Throwable error) {
        action.detail.set(errors.describe(error, names(action.connection().link().cache())));
        finish(action, EventEntry.Status.FAILED);
    }

    /** Shows a problem with the entry (a refused cancel) without changing its status. */
    public void note(EventEntry entry, Throwable error) {
        entry.detail.set(errors.describe(error, names(entry.connection().link().cache())));
    }

    /** Updates elapsed times; the view calls this once a second. */
    public void tick() {
        Instant now = clock.get();
        for (EventEntry e : entries) {
            if (!e.status().finished()) {
                e.tick(now);
            }
        }
    }

    void onBatch(ConnectionModel connection, CacheBatch batch) {
        ObjectCache cache = connection.link().cache();
        if (batch.reset()) {
            // After a reconnect, work we were watching may be gone without a word: end those lines.
            for (EventEntry e : List.copyOf(entries)) {
                if (e.connection() == connection && e.taskRef() != null && !e.status().finished()
                        && !(cache.get(e.taskRef()) instanceof Task)) {
                    onTask(connection, e.taskRef(), null);
                }
            }
            for (Task t : cache.all(Task.class)) {
                onTask(connection, t.ref(), t);
            }
            for (Vm vm : cache.all(Vm.class)) {
                titleTasksOf(connection, vm);
            }
            return;
        }
        for (CacheChange c : batch.changes()) {
            if ("task".equals(c.xapiClass())) {
                onTask(connection, c.ref(), c.after() instanceof Task t ? t : null);
            }
        }
        // After the tasks, so a task and the VM listing it in the same batch meet; only the VMs that
        // changed are read, never the whole pool, since this runs on the FX thread.
        for (CacheChange c : batch.changes()) {
            if (c.after() instanceof Vm vm && !vm.currentOperations().isEmpty()) {
                titleTasksOf(connection, vm);
            }
        }
    }

    /** Names other clients' lines after the VM whose current_operations lists their task. */
    private void titleTasksOf(ConnectionModel connection, Vm vm) {
        vm.currentOperations().forEach((taskRef, operation) -> {
            EventEntry e = byTask.get(new TaskKey(connection, taskRef));
            if (e != null && !e.titled && !e.status().finished()) {
                String better = TaskTitles.title(operation, vm.nameLabel());
                if (better != null) {
                    e.title.set(better);
                    e.titled = true;
                }
            }
        });
    }

    private void onTask(ConnectionModel connection, String ref, Task task) {
        TaskKey key = new TaskKey(connection, ref);
        EventEntry e = byTask.get(key);
        if (e != null && e.clientDriven) {
            return; // the transfer reports its own progress and outcome, and destroys its task itself
        }
        if (task == null) {
            if (e != null && !e.status().finished()) {
                // Destroyed before we saw it end (another client cleaned up): we cannot tell how.
                e.cancellable.set(false);
                finish(e, EventEntry.Status.ENDED);
            }
            return;
        }
        if (e == null) {
            if (!XapiRecord.isNullRef(task.subtaskOf())) {
                return; // the parent's line already covers it
            }
            EventEntry change = expecting(connection, task.nameLabel());
            if (change != null) {
                byTask.put(key, change); // one of our change's calls: its line already says so
                return;
            }
            e = new EventEntry(connection, titleOf(task), clock.get());
            e.setTaskRef(ref);
            e.titled = false;
            e.setStarted(task.created());
            byTask.put(key, e);
            insert(e);
        }
        update(e, task);
    }

    private void update(EventEntry e, Task t) {
        EventEntry.Status s = switch (t.status()) {
            case SUCCESS -> EventEntry.Status.SUCCEEDED;
            case FAILURE -> EventEntry.Status.FAILED;
            case CANCELLING -> EventEntry.Status.CANCELLING;
            case CANCELLED -> EventEntry.Status.CANCELLED;
            default -> EventEntry.Status.RUNNING;
        };
        if (t.created() != null) {
            e.setStarted(t.created());
        }
        e.progress.set(s == EventEntry.Status.SUCCEEDED ? 1.0 : clamp(t.progress()));
        e.cancellable.set(!s.finished() && t.cancellable());
        if (s == EventEntry.Status.FAILED || s == EventEntry.Status.CANCELLED && !t.errorInfo().isEmpty()) {
            e.detail.set(errors.formatErrorInfo(t.errorInfo(), names(e.connection().link().cache())));
        } else if (s == EventEntry.Status.RUNNING && e.detail.get().isEmpty()) {
            e.detail.set(t.nameDescription());
        }
        if (s.finished()) {
            Instant end = t.finished();
            e.setFinished(end == null || end.isBefore(e.started()) ? clock.get() : end);
            finish(e, s);
        } else {
            e.status.set(s);
            e.tick(clock.get());
            refreshRunning();
        }
    }

    private void finish(EventEntry e, EventEntry.Status s) {
        if (e.finished() == null) {
            e.setFinished(clock.get());
        }
        e.status.set(s);
        e.cancellable.set(false);
        e.tick(clock.get());
        refreshRunning();
        if (s == EventEntry.Status.FAILED && e.progress() < 0) {
            e.progress.set(0);
        }
    }

    private void insert(EventEntry e) {
        int i = 0;
        while (i < entries.size() && entries.get(i).started().isAfter(e.started())) {
            i++;
        }
        entries.add(i, e);
        trim();
    }

    private void trim() {
        for (int i = entries.size() - 1; entries.size() > MAX_ENTRIES && i >= 0; i--) {
            EventEntry old = entries.get(i);
            if (old.status().finished()) {
                entries.remove(i);
                if (old.taskRef() != null) {
                    byTask.remove(new TaskKey(old.connection(), old.taskRef()));
                }
            }
        }
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /** A task's title: XAPI names async tasks after their method, which reads better without "Async.". */
    static String titleOf(Task t) {
        String name = t.nameLabel();
        if (name.isBlank()) {
            return "Task";
        }
        return name.startsWith("Async.") ? name.substring("Async.".length()) : name;
    }

    static UnaryOperator<String> names(ObjectCache cache) {
        return ref -> {
            XapiRecord r = cache.get(ref);
            return r == null ? null : r.nameLabel();
        };
    }
}
