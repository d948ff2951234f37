package org.xapicenter.ui.xva;

import java.util.concurrent.atomic.AtomicReference;
import org.xapicenter.ui.general.Units;
import org.xapicenter.ui.live.FxPulse;
import org.xapicenter.ui.tasks.EventEntry;
import org.xapicenter.ui.tasks.EventsModel;
import org.xapicenter.xapi.transfer.TransferListener;
import org.xapicenter.xapi.transfer.TransferProgress;

/**
 * Carries a transfer's progress to its Events entry: the transfer thread only stores the latest
 * report; the pulse hands the newest one to the FX thread a few times a second at most.
 */
final class TransferReporter implements TransferListener {
    private final EventsModel events;
    private final EventEntry entry;
    private final FxPulse pulse;
    private final boolean upload;
    private final AtomicReference<TransferProgress> latest = new AtomicReference<>();
    private final Runnable drain = this::drain;

    TransferReporter(EventsModel events, EventEntry entry, FxPulse pulse, boolean upload) {
        this.events = events;
        this.entry = entry;
        this.pulse = pulse;
        this.upload = upload;
    }

    @Override
    public void progress(TransferProgress progress) {
        if (latest.getAndSet(progress) == null) {
            pulse.request(drain);
        }
    }

    private void drain() {
        TransferProgress p = latest.getAndSet(null);
        if (p != null) {
            events.transferProgress(entry, p.fraction(), describe(p, upload));
        }
    }

    /** The entry's second line for {@code p}, e.g. {@code Transferring 12.0 MiB of 40.0 MiB}. */
    static String describe(TransferProgress p, boolean upload) {
        return switch (p.phase()) {
            case STARTING -> "Starting…";
            case TRANSFERRING -> (upload ? "Uploading " : "Downloading ") + amount(p)
                    + (p.totalBytes() <= 0 && p.taskProgress() > 0
                            ? " (" + Math.round(p.taskProgress() * 100) + "% on the server)" : "");
            case FINISHING -> upload ? "The server is creating the VM…" : "Finishing…";
            case VERIFYING -> "Verifying checksums: " + amount(p);
            case DONE -> "Done";
        };
    }

    private static String amount(TransferProgress p) {
        return p.totalBytes() > 0 ? Units.bytes(p.bytes()) + " of " + Units.bytes(p.totalBytes()) : Units.bytes(p.bytes());
    }
}
