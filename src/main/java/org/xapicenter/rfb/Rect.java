package org.xapicenter.rfb;

/** A rectangle of the framebuffer in pixels; {@code width} and {@code height} may be 0. */
public record Rect(int x, int y, int width, int height) {

    /** The smallest rectangle holding both. */
    public Rect union(Rect o) {
        int x0 = Math.min(x, o.x);
        int y0 = Math.min(y, o.y);
        int x1 = Math.max(x + width, o.x + o.width);
        int y1 = Math.max(y + height, o.y + o.height);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }
}
