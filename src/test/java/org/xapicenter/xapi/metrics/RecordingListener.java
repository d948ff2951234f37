package org.xapicenter.xapi.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** What a watch's listener was told, in order. */
final class RecordingListener implements MetricsListener {
    /** One call: {@code sentence} and {@code error} for failed, {@code uuids} for updated. */
    record Event(Set<String> uuids, String sentence, Exception error) {
        boolean failed() {
            return sentence != null;
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);

    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void updated(Set<String> uuids) {
        events.add(new Event(Set.copyOf(uuids), null, null));
    }

    @Override
    public void failed(String sentence, Exception error) {
        events.add(new Event(null, sentence, error));
    }

    List<Event> failures() {
        return events.stream().filter(Event::failed).toList();
    }

    List<Event> updates() {
        return events.stream().filter(e -> !e.failed()).toList();
    }

    /** The updates that named {@code uuid}. */
    long updatesOf(String uuid) {
        return updates().stream().filter(e -> e.uuids().contains(uuid)).count();
    }

    /** Index of the first failure, or -1. */
    int firstFailure() {
        List<Event> all = new ArrayList<>(events);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).failed()) {
                return i;
            }
        }
        return -1;
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
