package org.xapicenter.sim.xva;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Holds a transfer to a byte rate (SimulatorOptions.transferRate), so that tests can cancel mid-transfer
 * without racing a loopback copy that ends in milliseconds. A token bucket holding at most a tenth of a
 * second of bytes; a caller that takes more than it holds owes the difference and sleeps it off in short
 * slices, looking at {@code stop} between them so that a cancel still lands at once.
 */
final class Pacer {
    /** Longest single sleep: how late a cancel can be noticed while paced. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long bytesPerSecond;
    private final BooleanSupplier stop;
    private final double capacity;
    private double tokens;
    private long last;

    /** {@code bytesPerSecond} 0 or less: no limit. */
    Pacer(long bytesPerSecond, BooleanSupplier stop) {
        this.bytesPerSecond = bytesPerSecond;
        this.stop = stop;
        this.capacity = Math.max(1, bytesPerSecond / 10.0);
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    boolean limited() {
        return bytesPerSecond > 0;
    }

    /** Takes {@code n} bytes' worth of time; throws when {@code stop} turns true meanwhile. */
    void take(long n) throws IOException {
        if (bytesPerSecond <= 0 || n <= 0) {
            return;
        }
        refill();
        tokens -= n;
        while (tokens < 0) {
            if (stop.getAsBoolean()) {
                throw new IOException("the transfer was stopped");
            }
            long owed = (long) (-tokens * 1e9 / bytesPerSecond);
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(1_000_000, Math.min(owed, SLICE_NANOS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while paced");
            }
            refill();
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * (double) bytesPerSecond / 1e9);
        last = now;
    }
}
