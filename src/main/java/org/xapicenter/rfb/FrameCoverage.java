package org.xapicenter.rfb;

import java.util.BitSet;

/**
 * Tells when every pixel of the screen has been painted at least once since the connection (or the
 * last resize), i.e. when the framebuffer holds a complete first frame. Servers may answer our first,
 * whole-screen request over several updates (TigerVNC sends its pointer and size announcements first),
 * so counting updates is not enough. One bit a pixel, dropped once complete.
 */
final class FrameCoverage {
    private int width;
    private BitSet painted;
    private long missing;
    private boolean abandoned;

    FrameCoverage(int width, int height) {
        reset(width, height);
    }

    synchronized void reset(int newWidth, int newHeight) {
        width = newWidth;
        missing = (long) newWidth * newHeight;
        painted = new BitSet(Math.toIntExact(missing));
    }

    /** Records a decoded rectangle (already bounds-checked); returns whether the frame just became complete. */
    synchronized boolean painted(int x, int y, int w, int h) {
        if (painted == null || w == 0 || h == 0) {
            return false;
        }
        for (int row = y; row < y + h; row++) {
            int from = row * width + x;
            int before = painted.get(from, from + w).cardinality();
            painted.set(from, from + w);
            missing -= w - before;
        }
        if (missing == 0) {
            painted = null;
            notifyAll();
            return true;
        }
        return false;
    }

    /** Whether every pixel of the rectangle (already bounds-checked) has been painted. */
    synchronized boolean covers(int x, int y, int w, int h) {
        if (painted == null) {
            return true;
        }
        for (int row = y; row < y + h; row++) {
            int from = row * width + x;
            if (painted.nextClearBit(from) < from + w) {
                return false;
            }
        }
        return true;
    }

    synchronized boolean isComplete() {
        return painted == null;
    }

    synchronized boolean await(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (painted != null && !abandoned) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return painted == null;
    }

    /** Wakes waiters when the session ends, so they need not wait for their timeout. */
    synchronized void abandon() {
        abandoned = true;
        notifyAll();
    }
}
