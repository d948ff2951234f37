package org.xapicenter.sim.xva;

import java.time.Duration;

/**
 * What the simulator's /export and /import streams are held to.
 *
 * @param bytesPerSecond each stream's rate, 0 for unlimited
 * @param exportStall    how long an export waits for a client that has stopped reading before it gives up
 */
public record TransferLimits(long bytesPerSecond, Duration exportStall) {
    public static final TransferLimits NONE = new TransferLimits(0, Duration.ofMinutes(5));

    public TransferLimits {
        if (bytesPerSecond < 0 || exportStall == null || exportStall.isNegative() || exportStall.isZero()) {
            throw new IllegalArgumentException("a rate of 0 or more and a positive stall timeout");
        }
    }
}
