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
            cancelTask();
            SideChannel.Connection c = connection;
            if (c != null) {
                c.abort();
            }
        }, "transfer-cancel");
        t.setDaemon(true);
        t.start();
    }

    /** {@code task.cancel} if the task exists and has not finished; errors ignored (it may have just finished). */
    void cancelTask() {
        String r = ref;
        if (r == null) {
            return;
        }
        try {
            Task t = (Task) session.getRecord("task", r);
            if (!t.status().finished()) {
                session.call("task.cancel", r);
            }
        } catch (XapiException | IOException | RuntimeException e) {
            // best effort: the host also ends the task when the connection closes
        }
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
