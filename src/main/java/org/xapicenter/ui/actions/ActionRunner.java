package org.xapicenter.ui.actions;

import java.util.concurrent.Executor;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.PoolLink;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.tasks.EventsModel;
import org.xapicenter.ui.tree.NavNode;

/**
 * Runs actions: the API call on a background thread, its outcome back on the FX thread as an
 * Events panel entry. The FX thread never waits for the server.
 */
public final class ActionRunner {
    private final EventsModel events;
    private final Executor background;
    private final Executor fx;
    /** Entries whose work the client stops itself (file transfers), rather than through task.cancel. */
    private final java.util.Map<EventEntry, Runnable> cancellers = new java.util.concurrent.ConcurrentHashMap<>();

    public ActionRunner(EventsModel events, Executor background, Executor fx) {
        this.events = events;
        this.background = background;
        this.fx = fx;
    }

    /** Starts {@code action} on the VM of {@code vm}; the Events panel shows how it goes. */
    public EventEntry run(VmAction action, NavNode vm) {
        return runTask(vm.connection(), action.title(vm.name()), action.method(), action.arguments(vm.ref()).toArray());
    }

    /**
     * Starts the single asynchronous call {@code method} (a disk resize, an SR scan, a snapshot): its
     * task drives the Events panel's line and its progress bar, and Cancel cancels the task.
     */
    public EventEntry runTask(ConnectionModel connection, String title, String method, Object... args) {
        EventEntry entry = events.startAction(connection, title);
        PoolLink link = connection.link();
        background.execute(() -> {
            try {
                String task = link.callAsync(method, args);
                fx.execute(() -> events.attach(entry, task));
            } catch (Exception e) {
                fx.execute(() -> events.fail(entry, e));
            }
        });
        return entry;
    }

    /**
     * Applies {@code change} on a background thread, one call after the other, with its progress in
     * the Events panel. The future completes on the FX thread: with the calls' results, or with the
     * first failure after the earlier calls were undone (the Events line then says why, in words).
     */
    public java.util.concurrent.CompletableFuture<java.util.List<Object>> apply(ConnectionModel connection, Change change) {
        java.util.concurrent.CompletableFuture<java.util.List<Object>> done = new java.util.concurrent.CompletableFuture<>();
        EventEntry entry = events.startChange(connection, change.title());
        PoolLink link = connection.link();
        java.util.List<Change.Step> steps = change.steps();
        background.execute(() -> {
            java.util.List<Object> results = new java.util.ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Change.Step step = steps.get(i);
                double fraction = (double) i / steps.size();
                fx.execute(() -> events.transferProgress(entry, fraction, step.what()));
                events.expectTask(entry, step.method());
                try {
                    results.add(step.call().run(link, java.util.Collections.unmodifiableList(results)));
                } catch (Exception e) {
                    undo(link, steps, results);
                    fx.execute(() -> {
                        events.changeOver(entry);
                        events.fail(entry, e);
                        done.completeExceptionally(e);
                    });
                    return;
                }
            }
            fx.execute(() -> {
                events.changeOver(entry);
                events.transferSucceeded(entry, "Done");
                done.complete(results);
            });
        });
        return done;
    }

    private static void undo(PoolLink link, java.util.List<Change.Step> steps, java.util.List<Object> results) {
        for (int i = results.size() - 1; i >= 0; i--) {
            Change.Undo undo = steps.get(i).undo();
            if (undo != null) {
                try {
                    undo.run(link, results.get(i));
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ActionRunner.class)
                            .warn("Could not undo \"{}\" after a failed change: {}", steps.get(i).what(), e.toString());
                }
            }
        }
    }

    /**
     * Makes Cancel on {@code entry} run {@code canceller} (on a background thread) instead of
     * {@code task.cancel}: a transfer must stop its own stream and clean up its files too.
     */
    public void cancelWith(EventEntry entry, Runnable canceller) {
        cancellers.put(entry, canceller);
    }

    /** The entry's work is over: Cancel has nothing left to stop. */
    public void forgetCanceller(EventEntry entry) {
        cancellers.remove(entry);
    }

    /** Asks the server to cancel the entry's task, or stops the entry's transfer. */
    public void cancel(EventEntry entry) {
        Runnable canceller = cancellers.get(entry);
        if (canceller != null) {
            events.transferCancelling(entry);
            background.execute(canceller);
            return;
        }
        String task = entry.taskRef();
        if (task == null) {
            return;
        }
        PoolLink link = entry.connection().link();
        background.execute(() -> {
            try {
                link.call("task.cancel", task);
            } catch (Exception e) {
                fx.execute(() -> events.note(entry, e));
            }
        });
    }
}
