package org.xapicenter.ui.xva;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long XVA work under way (transfers, legacy conversions, checksum checks), each on a thread of its
 * own, so that closing the application can stop them all and give them a moment to clean up: delete
 * their {@code .part} file, cancel their task so the host removes a half-imported VM.
 */
public final class XvaJobs {
    /** One piece of work: its thread, and how to ask it to stop (must not block). */
    private record Job(Thread thread, Runnable cancel) {
    }

    private final Set<Job> running = ConcurrentHashMap.newKeySet();

    /** Starts {@code work} on a new thread named {@code name}; {@code cancel} asks it to stop. */
    void start(String name, Runnable work, Runnable cancel) {
        Job[] self = new Job[1];
        Thread t = new Thread(() -> {
            try {
                work.run();
            } finally {
                running.remove(self[0]);
            }
        }, name);
        // Daemon: a job stuck in a system call must not keep the process alive after the wait below.
        t.setDaemon(true);
        self[0] = new Job(t, cancel);
        running.add(self[0]);
        t.start();
    }

    /** How many jobs are still running (tests). */
    public int running() {
        return running.size();
    }

    /**
     * Asks every job to stop, then waits up to {@code wait} in all for their threads to end (their
     * cleanup runs on them). Returns true if all ended in time.
     */
    public boolean stopAll(Duration wait) {
        List<Job> jobs = List.copyOf(running);
        for (Job job : jobs) {
            try {
                job.cancel().run();
            } catch (RuntimeException e) {
                // one job failing to cancel must not keep the others running
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Job job : jobs) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                job.thread().join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return jobs.stream().noneMatch(j -> j.thread().isAlive());
    }
}
