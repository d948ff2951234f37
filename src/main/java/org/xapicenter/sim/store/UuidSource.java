package org.xapicenter.sim.store;

import java.util.SplittableRandom;
import java.util.UUID;

/** Random-looking but reproducible UUIDs: the same seed gives the same demo pool, run after run. */
final class UuidSource {
    private final SplittableRandom random;

    UuidSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    synchronized UUID next() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
