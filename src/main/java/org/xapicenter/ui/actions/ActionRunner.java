package org.xapicenter.ui.actions;

import java.util.concurrent.Executor;
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
        EventEntry entry = events.startAction(vm.connection(), action.title(vm.name()));
        PoolLink link = vm.connection().link();
        Object[] args = action.arguments(vm.ref()).toArray();
        background.execute(() -> {
            try {
                String task = link.callAsync(action.method(), args);
                fx.execute(() -> events.attach(entry, task));
            } catch (Exception e) {
                fx.execute(() -> events.fail(entry, e));
            }
        });
        return entry;
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
