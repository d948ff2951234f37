package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;

import org.xapicenter.rfb.Framebuffer;

/**
 * Decodes one rectangle of one encoding. The client has already checked that the rectangle lies
 * inside the framebuffer. The pixel format is always the one {@code RfbClient} sets: 32 bits per
 * pixel, depth 24, little-endian, true colour, red/green/blue shifts 16/8/0, so a raw pixel on the
 * wire is the bytes B, G, R, unused. A decoder keeps state across rectangles where the encoding needs
 * it (ZRLE's and Tight's zlib streams), so there is one instance per connection.
 *
 * <p>Every length read from the stream is checked before anything is allocated for it; bad data ends
 * in an {@link org.xapicenter.rfb.RfbException} with a clear message.
 */
public interface RectDecoder {
    void decode(DataInputStream in, Framebuffer fb, int x, int y, int width, int height) throws IOException;

    /** Frees native resources (zlib streams) when the session ends; the decoder is not used afterwards. */
    default void release() {
    }
}
