package org.xapicenter.xapi.transfer;

/**
 * Hands progress to the listener at most every {@value #PERIOD_MILLIS} ms (a phase change always
 * passes), so a fast stream does not flood a UI.
 */
final class Throttle {
    static final long PERIOD_MILLIS = 250;

    private final TransferListener listener;
    private long lastNanos;
    private TransferProgress.Phase lastPhase;

    Throttle(TransferListener listener) {
        this.listener = listener == null ? TransferListener.NONE : listener;
    }

    void report(TransferProgress.Phase phase, long bytes, long total, double taskProgress) {
        long now = System.nanoTime();
        if (phase == lastPhase && now - lastNanos < PERIOD_MILLIS * 1_000_000) {
            return;
        }
        reportNow(phase, bytes, total, taskProgress, now);
    }

    /** A phase's last figures, which must not be throttled away (a bar would stop short of its end). */
    void reportNow(TransferProgress.Phase phase, long bytes, long total, double taskProgress) {
        reportNow(phase, bytes, total, taskProgress, System.nanoTime());
    }

    private void reportNow(TransferProgress.Phase phase, long bytes, long total, double taskProgress, long now) {
        lastNanos = now;
        lastPhase = phase;
        listener.progress(new TransferProgress(phase, bytes, total, taskProgress));
    }
}
