package org.xapicenter.rfb;

import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * The remote screen as opaque ARGB ints (alpha always 0xFF, so the same ints are valid
 * pre-multiplied ARGB for a JavaFX {@code PixelBuffer}). The reader thread's decoders write it; a
 * consumer (the console view, once per frame; a snapshot command) drains the damaged part. Decoding
 * never waits for the consumer: damage accumulates into one bounding rectangle until drained, which is
 * the frame coalescing that keeps a slow UI from backing up the socket.
 *
 * <p>Every write is checked against the current size, so a decoder bug or a hostile rectangle
 * becomes an {@link RfbException}, never an out-of-bounds write.
 */
public final class Framebuffer {
    /** Larger than any real console (8K UHD), small enough that a hostile size cannot exhaust memory. */
    public static final long MAX_PIXELS = 7680L * 4320L;
    public static final int MAX_SIDE = 16384;

    private int width;
    private int height;
    private int[] pixels;
    private Rect damage;
    private long sizeGeneration;

    public Framebuffer(int width, int height) throws RfbException {
        resize(width, height);
    }

    public synchronized int width() {
        return width;
    }

    public synchronized int height() {
        return height;
    }

    /** Grows by one each time the size changes; a consumer holding a buffer of the old size re-creates it. */
    public synchronized long sizeGeneration() {
        return sizeGeneration;
    }

    /** A new size: contents black, the whole screen damaged. */
    public synchronized void resize(int newWidth, int newHeight) throws RfbException {
        if (newWidth <= 0 || newHeight <= 0 || newWidth > MAX_SIDE || newHeight > MAX_SIDE
                || (long) newWidth * newHeight > MAX_PIXELS) {
            throw new RfbException("the server announced an impossible screen size " + newWidth + "x" + newHeight);
        }
        width = newWidth;
        height = newHeight;
        pixels = new int[newWidth * newHeight];
        Arrays.fill(pixels, 0xFF000000);
        damage = new Rect(0, 0, newWidth, newHeight);
        sizeGeneration++;
    }

    /** Throws unless the rectangle lies inside the screen. */
    public synchronized void checkBounds(int x, int y, int w, int h) throws RfbException {
        if (x < 0 || y < 0 || w < 0 || h < 0 || (long) x + w > width || (long) y + h > height) {
            throw new RfbException("the server sent a rectangle " + w + "x" + h + "+" + x + "+" + y
                    + " outside its " + width + "x" + height + " screen");
        }
    }

    /** Paints one colour over a rectangle. */
    public synchronized void fill(int x, int y, int w, int h, int argb) throws RfbException {
        checkBounds(x, y, w, h);
        int c = argb | 0xFF000000;
        for (int row = 0; row < h; row++) {
            int at = (y + row) * width + x;
            Arrays.fill(pixels, at, at + w, c);
        }
        damage(x, y, w, h);
    }

    /**
     * Copies {@code w x h} pixels from {@code src} (row-major, {@code stride} ints a row, starting at
     * {@code offset}) to the screen; the alpha of each is forced opaque.
     */
    public synchronized void set(int x, int y, int w, int h, int[] src, int offset, int stride) throws RfbException {
        checkBounds(x, y, w, h);
        if (w == 0 || h == 0) {
            return;
        }
        if (offset < 0 || stride < w || (long) offset + (long) (h - 1) * stride + w > src.length) {
            throw new IllegalArgumentException("source too small for " + w + "x" + h);
        }
        for (int row = 0; row < h; row++) {
            int from = offset + row * stride;
            int to = (y + row) * width + x;
            for (int i = 0; i < w; i++) {
                pixels[to + i] = src[from + i] | 0xFF000000;
            }
        }
        damage(x, y, w, h);
    }

    /** RFB CopyRect: moves a rectangle within the screen; source and target may overlap. */
    public synchronized void copy(int srcX, int srcY, int x, int y, int w, int h) throws RfbException {
        checkBounds(srcX, srcY, w, h);
        checkBounds(x, y, w, h);
        if (srcY < y) {
            for (int row = h - 1; row >= 0; row--) {
                System.arraycopy(pixels, (srcY + row) * width + srcX, pixels, (y + row) * width + x, w);
            }
        } else {
            for (int row = 0; row < h; row++) {
                System.arraycopy(pixels, (srcY + row) * width + srcX, pixels, (y + row) * width + x, w);
            }
        }
        damage(x, y, w, h);
    }

    /** One pixel, ARGB. */
    public synchronized int pixel(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException(x + "," + y);
        }
        return pixels[y * width + x];
    }

    /**
     * Copies the damaged part into {@code target}, a {@code targetWidth}-ints-a-row buffer of the
     * current size, and clears the damage. Returns what was copied, or {@code null} when nothing
     * changed or the target is not of the current size (the consumer then re-creates it).
     */
    public synchronized Rect drainTo(IntBuffer target, int targetWidth, int targetHeight) {
        if (damage == null || targetWidth != width || targetHeight != height) {
            return null;
        }
        Rect d = damage;
        damage = null;
        for (int row = d.y(); row < d.y() + d.height(); row++) {
            int at = row * width + d.x();
            target.put(at, pixels, at, d.width());
        }
        return d;
    }

    /** Whether anything changed since the last drain. */
    public synchronized boolean isDamaged() {
        return damage != null;
    }

    /** A copy of the whole screen, for PNGs and tests. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(width, height, pixels.clone());
    }

    /** The screen at one moment: {@code argb} row-major, {@code width} ints a row. */
    public record Snapshot(int width, int height, int[] argb) {
    }

    private void damage(int x, int y, int w, int h) {
        if (w == 0 || h == 0) {
            return;
        }
        Rect r = new Rect(x, y, w, h);
        damage = damage == null ? r : damage.union(r);
    }
}
