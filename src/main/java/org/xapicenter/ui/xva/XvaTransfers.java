package org.xapicenter.ui.xva;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.xapicenter.ui.actions.ActionRunner;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.live.FxPulse;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.tasks.EventsModel;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.XapiRecord;
import org.xapicenter.xapi.transfer.ExportOptions;
import org.xapicenter.xapi.transfer.ExportResult;
import org.xapicenter.xapi.transfer.ImportOptions;
import org.xapicenter.xapi.transfer.XvaExport;
import org.xapicenter.xapi.transfer.XvaImport;

/**
 * Runs XVA exports and imports, each on a thread of its own registered with {@link XvaJobs} (they last
 * minutes, must not hold one of the few threads API calls share, and must be stopped cleanly when the
 * application closes), each shown as an Events panel entry the transfer drives:
 * progress, phases, Cancel, then the outcome in one line.
 */
public final class XvaTransfers {
    /** A progress bar needs no more than four updates a second. */
    static final Duration PROGRESS_GAP = Duration.ofMillis(250);

    private final EventsModel events;
    private final ActionRunner runner;
    private final Executor fx;
    private final FxPulse pulse;
    private final XvaJobs jobs;

    public XvaTransfers(EventsModel events, ActionRunner runner, Executor fx, XvaJobs jobs) {
        this.events = events;
        this.runner = runner;
        this.fx = fx;
        this.jobs = jobs;
        this.pulse = new FxPulse(fx, PROGRESS_GAP);
    }

    /** Exports VM {@code vmRef} to {@code target}; returns its Events entry at once (FX thread). */
    public EventEntry export(ConnectionModel connection, String vmRef, String vmName, Path target, ExportOptions options) {
        EventEntry entry = events.startTransfer(connection, "Exporting VM '" + vmName + "' to " + target.getFileName());
        TransferReporter reporter = new TransferReporter(events, entry, pulse, false);
        Holder<XvaExport> running = new Holder<>();
        Runnable cancel = () -> running.cancel(XvaExport::cancel);
        runner.cancelWith(entry, cancel);
        jobs.start("xapicenter-xva-export", () -> {
            try {
                XapiSession session = connection.link().transferSession();
                XvaExport export = new XvaExport(session, vmRef, target, options);
                if (!running.set(export)) {
                    throw cancelled();
                }
                ExportResult result = export.run(p -> {
                    reporter.progress(p);
                    attachOnce(entry, export.taskRef(), running);
                });
                String line = "Saved " + result.file().getFileName() + " (" + Units.bytes(result.bytes()) + ")"
                        + (result.verification() != null ? "; every checksum verified" : "");
                fx.execute(() -> done(entry, () -> events.transferSucceeded(entry, line)));
            } catch (Exception e) {
                fx.execute(() -> done(entry, () -> outcome(entry, e, "No file was written.")));
            }
        }, cancel);
        return entry;
    }

    /**
     * Imports {@code file}; returns its Events entry at once (FX thread). {@code onImported} gets the
     * new VMs' refs on the FX thread after success.
     */
    public EventEntry importFile(ConnectionModel connection, Path file, ImportOptions options,
                                 Consumer<List<String>> onImported) {
        EventEntry entry = events.startTransfer(connection, "Importing " + file.getFileName());
        TransferReporter reporter = new TransferReporter(events, entry, pulse, true);
        Holder<XvaImport> running = new Holder<>();
        Runnable cancel = () -> running.cancel(XvaImport::cancel);
        runner.cancelWith(entry, cancel);
        jobs.start("xapicenter-xva-import", () -> {
            try {
                XapiSession session = connection.link().transferSession();
                XvaImport imp = new XvaImport(session, file, options);
                if (!running.set(imp)) {
                    throw cancelled();
                }
                List<String> vms = imp.run(p -> {
                    reporter.progress(p);
                    attachOnce(entry, imp.taskRef(), running);
                });
                // Asked here, not read from the cache: the new VM's event may not have arrived yet.
                String names = vms.stream().map(ref -> nameLabel(session, ref)).reduce((a, b) -> a + ", " + b)
                        .orElse("no VM");
                fx.execute(() -> done(entry, () -> {
                    events.transferSucceeded(entry, "Imported " + (vms.size() == 1 ? "VM " : "VMs ") + names
                            + (options.start() ? " and started it" : ""));
                    onImported.accept(vms);
                }));
            } catch (Exception e) {
                fx.execute(() -> done(entry, () -> outcome(entry, e, "No VM was left behind.")));
            }
        }, cancel);
        return entry;
    }

    private void attachOnce(EventEntry entry, String taskRef, Holder<?> running) {
        if (taskRef != null && running.attached(taskRef)) {
            fx.execute(() -> events.attachTransfer(entry, taskRef));
        }
    }

    private void done(EventEntry entry, Runnable outcome) {
        runner.forgetCanceller(entry);
        outcome.run();
    }

    private void outcome(EventEntry entry, Exception e, String cleanedUp) {
        if (isCancel(e)) {
            events.transferCancelled(entry, "Cancelled. " + cleanedUp);
        } else {
            events.transferFailed(entry, XvaErrors.describe(e, ref -> nameOf(entry.connection(), ref)));
        }
    }

    static boolean isCancel(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XapiException x && "TASK_CANCELLED".equals(x.code())) {
                return true;
            }
        }
        return false;
    }

    private static XapiException cancelled() {
        return new XapiException("TASK_CANCELLED", List.of());
    }

    private static String nameOf(ConnectionModel connection, String ref) {
        XapiRecord r = connection.link().cache().get(ref);
        return r == null || r.nameLabel().isBlank() ? ref : "'" + r.nameLabel() + "'";
    }

    private static String nameLabel(XapiSession session, String vmRef) {
        try {
            return "'" + session.call("VM.get_name_label", vmRef) + "'";
        } catch (Exception e) {
            return vmRef; // the import worked; only its name is unknown
        }
    }

    /** The transfer a Cancel stops: it may come before the transfer exists, which then never starts. */
    private static final class Holder<T> {
        private T transfer;
        private boolean cancelled;
        private String attachedTask;

        synchronized boolean set(T t) {
            transfer = t;
            return !cancelled;
        }

        void cancel(Consumer<T> how) {
            T t;
            synchronized (this) {
                cancelled = true;
                t = transfer;
            }
            if (t != null) {
                how.accept(t);
            }
        }

        synchronized boolean attached(String taskRef) {
            if (taskRef.equals(attachedTask)) {
                return false;
            }
            attachedTask = taskRef;
            return true;
        }
    }
}
