package org.xapicenter.rfb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes events to the application's listener; an exception it throws is logged, never lets the reader die. */
final class SafeListener implements RfbListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final RfbListener target;

    SafeListener(RfbListener target) {
        this.target = target;
    }

    @Override
    public void framebufferUpdated() {
        run(target::framebufferUpdated, "framebufferUpdated");
    }

    @Override
    public void resized(int width, int height) {
        run(() -> target.resized(width, height), "resized");
    }

    @Override
    public void cursorChanged(CursorShape cursor) {
        run(() -> target.cursorChanged(cursor), "cursorChanged");
    }

    @Override
    public void clipboardChanged(String text) {
        run(() -> target.clipboardChanged(text), "clipboardChanged");
    }

    @Override
    public void bell() {
        run(target::bell, "bell");
    }

    @Override
    public void closed(RfbException error) {
        run(() -> target.closed(error), "closed");
    }

    private static void run(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("RFB listener failed in {}", what, e);
        }
    }
}
