package org.xapicenter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Heap in use: settled after full GCs for retained sizes, sampled in the background for peaks. */
final class HeapProbe implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapProbe() {
        sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
    }

    /** Starts sampling the peak. */
    static HeapProbe start() {
        HeapProbe p = new HeapProbe();
        p.sampler.start();
        return p;
    }

    long peakBytes() {
        return Math.max(peak.get(), used());
    }

    static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Heap in use once garbage is gone (a few full collections, as one may leave finalizable leftovers). */
    static long settled() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            best = Math.min(best, used());
        }
        return best;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
