package org.xapicenter.xapi.transfer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xapicenter.xapi.XapiException;

/**
 * Ends a transfer whose bytes stopped moving. A socket's read timeout cannot see a blocked write (a
 * host that stops reading an upload leaves the writer waiting for ever), so this watches the byte count
 * instead: when it has not changed for {@code idle}, it runs {@code abort} (closing the connection,
 * which unblocks the reader or writer) and the transfer reports {@link #error}.
 */
final class IdleWatchdog implements AutoCloseable {
    /**
     * How long a transfer body may stand still: far longer than an API reply may take, since a host
     * compressing the long zero runs of a big sparse disk can be silent for minutes.
     */
    static final Duration BODY_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** The body's idle timeout for this connection: never shorter than its API reply timeout. */
    static Duration bodyIdle(org.xapicenter.xapi.ConnectionSettings settings) {
        Duration api = settings.replyTimeout();
        return api != null && api.compareTo(BODY_IDLE_TIMEOUT) > 0 ? api : BODY_IDLE_TIMEOUT;
    }

    private final Duration idle;
    private final String host;
    private final ScheduledExecutorService timer;
    private volatile long lastMoveNanos = System.nanoTime();
    private volatile boolean tripped;

    IdleWatchdog(Duration idle, String host, Runnable abort) {
        this.idle = idle;
        this.host = host;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "transfer-watchdog " + host);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(1000, idle.toMillis() / 4));
        timer.scheduleWithFixedDelay(() -> {
            if (!tripped && System.nanoTime() - lastMoveNanos > idle.toNanos()) {
                tripped = true;
                abort.run();
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Some bytes went through (or the host showed it is alive): the idle time starts again. */
    void moved() {
        lastMoveNanos = System.nanoTime();
    }

    /** Whether the watchdog ended the transfer. */
    boolean tripped() {
        return tripped;
    }

    /** XAPICENTER_TRANSFER_STALLED [host, seconds]. */
    XapiException error() {
        return new XapiException(TransferErrors.STALLED, List.of(host, Long.toString(Math.max(1, idle.toSeconds()))));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
