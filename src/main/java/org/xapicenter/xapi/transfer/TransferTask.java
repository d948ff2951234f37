package org.xapicenter.xapi.transfer;

import java.io.IOException;
import java.util.List;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.Task;
import org.xapicenter.xapi.sidechannel.SideChannel;

/**
 * The task a transfer creates and the cancel that may come from any thread. Cancel never blocks its
 * caller (it may be the FX thread): {@code task.cancel} and closing the connection run on a short-lived
 * daemon thread; the transfer's own thread notices the closed socket or the flag and cleans up.
 */
final class TransferTask {
    private final XapiSession session;
    private volatile String ref;
    private volatile boolean cancelled;
    private volatile SideChannel.Connection connection;

    TransferTask(XapiSession session) {
        this.session = session;
    }

    String ref() {
        return ref;
    }

    /** {@code task.create(label, description)}; throws TASK_CANCELLED if cancel came first. */
    String create(String label, String description) throws XapiException, IOException {
        Object r = session.call("task.create", label, description);
        if (!(r instanceof String s) || s.isEmpty()) {
            throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of("task.create returned no task"));
        }
        ref = s;
        checkCancelled();
        return s;
    }

    /** The connection cancel must close; closed at once if cancel came first. */
    void attach(SideChannel.Connection c) {
        connection = c;
        if (cancelled) {
            c.abort();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    void checkCancelled() throws XapiException {
        if (cancelled) {
            throw cancelledError();
        }
    }

    XapiException cancelledError() {
        return new XapiException("TASK_CANCELLED", List.of(ref == null ? "" : ref));
    }

    void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        Thread t = new Thread(() -> {
            end();
            SideChannel.Connection c = connection;
            if (c != null) {
                c.abort();
            }
        }, "transfer-cancel");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Ends the task after a failure or cancel, whoever holds it; errors ignored (it may have just finished).
     *
     * <p>On xapi a task made by {@code task.create} allows no cancel until an HTTP handler takes it over
     * (the handler makes it cancellable and ends it itself); {@code task.destroy} of a task that has not
     * finished only marks it for destruction. So a task no handler took (the connection, TLS or a 401
     * failed first, or cancel came early) would stay pending for ever: being its creator, we end it
     * ourselves with {@code task.set_status cancelled}. A task a handler holds gets {@code task.cancel}.
     *
     * @return true when a handler holds the task and will end it (the caller may wait for that)
     */
    boolean end() {
        String r = ref;
        if (r == null) {
            return false;
        }
        try {
            Task t = (Task) session.getRecord("task", r);
            if (t.status().finished()) {
                return false;
            }
            if (t.cancellable()) {
                session.call("task.cancel", r);
                return true;
            }
        } catch (XapiException | IOException | RuntimeException e) {
            // fall through: end it as ours
        }
        try {
            // why, for the other clients that show the task (newer hosts only; older ones lack the setter)
            session.call("task.set_error_info", r, List.of("TASK_CANCELLED", r));
        } catch (XapiException | IOException | RuntimeException e) {
            // the status alone says it
        }
        try {
            session.call("task.set_status", r, "cancelled");
            return false;
        } catch (XapiException | IOException | RuntimeException e) {
            // an old host without task.set_status, or a handler took the task just now: ask it to stop
        }
        try {
            session.call("task.cancel", r);
        } catch (XapiException | IOException | RuntimeException e) {
            // best effort: xapi collects the tasks of a session when it ends
        }
        return false; // nobody was seen holding it: nothing worth waiting for
    }

    /** {@code task.destroy}, once its outcome has been read; errors ignored. */
    void destroy() {
        String r = ref;
        if (r == null) {
            return;
        }
        try {
            session.call("task.destroy", r);
        } catch (XapiException | IOException | RuntimeException e) {
            // a task left behind is harmless: the host collects finished tasks of ended sessions
        }
    }
}
