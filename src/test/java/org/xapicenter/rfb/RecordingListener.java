package org.xapicenter.rfb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Records what an {@link RfbClient} reports, for tests to wait on. */
final class RecordingListener implements RfbListener {
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger bells = new AtomicInteger();
    final List<String> clipboard = new CopyOnWriteArrayList<>();
    final List<CursorShape> cursors = new CopyOnWriteArrayList<>();
    final List<String> resizes = new CopyOnWriteArrayList<>();
    final List<RfbException> closings = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void framebufferUpdated() {
        updates.incrementAndGet();
    }

    @Override
    public void resized(int width, int height) {
        resizes.add(width + "x" + height);
    }

    @Override
    public void cursorChanged(CursorShape cursor) {
        cursors.add(cursor);
    }

    @Override
    public void clipboardChanged(String text) {
        clipboard.add(text);
    }

    @Override
    public void bell() {
        bells.incrementAndGet();
    }

    @Override
    public void closed(RfbException error) {
        closings.add(error);
        closed.countDown();
    }

    /** Waits for closed(...) and returns its error (null for a normal close). */
    RfbException awaitClosed() throws InterruptedException {
        if (!closed.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the client never reported closed");
        }
        return closings.get(0);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
