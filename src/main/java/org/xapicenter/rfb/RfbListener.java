package org.xapicenter.rfb;

/**
 * What an {@link RfbClient} reports, always from its reader thread. Implementations return quickly
 * and hand work to their own thread (the UI coalesces {@link #framebufferUpdated} into one repaint
 * per frame); an exception thrown here is logged and ignored.
 */
public interface RfbListener {
    /** A whole FramebufferUpdate has been applied to the {@link Framebuffer}; its damage awaits a drain. */
    default void framebufferUpdated() {
    }

    /** The screen changed size (DesktopSize/ExtendedDesktopSize); the framebuffer already has the new size. */
    default void resized(int width, int height) {
    }

    /** The server sent a new pointer image. */
    default void cursorChanged(CursorShape cursor) {
    }

    /** ServerCutText: the remote clipboard changed. */
    default void clipboardChanged(String text) {
    }

    default void bell() {
    }

    /** The connection ended: {@code error} is null when we closed it ourselves. Called exactly once. */
    default void closed(RfbException error) {
    }
}
