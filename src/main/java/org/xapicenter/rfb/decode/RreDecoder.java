package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;

import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbException;

/** RRE (RFC 6143 §7.7.3): a background colour, then solid subrectangles inside the rectangle. */
public final class RreDecoder implements RectDecoder {
    @Override
    public void decode(DataInputStream in, Framebuffer fb, int x, int y, int width, int height) throws IOException {
        long count = in.readInt() & 0xFFFFFFFFL;
        // More subrectangles than pixels can only be garbage; refusing early avoids reading forever.
        if (count > (long) width * height) {
            throw new RfbException("the server sent an RRE rectangle of " + width + "x" + height
                    + " with " + count + " subrectangles, more than it has pixels");
        }
        fb.fill(x, y, width, height, Pixels.one(in));
        for (long i = 0; i < count; i++) {
            int colour = Pixels.one(in);
            int sx = in.readUnsignedShort();
            int sy = in.readUnsignedShort();
            int sw = in.readUnsignedShort();
            int sh = in.readUnsignedShort();
            if (sx + sw > width || sy + sh > height) {
                throw new RfbException("the server sent an RRE subrectangle " + sw + "x" + sh + "+" + sx + "+" + sy
                        + " outside its " + width + "x" + height + " rectangle");
            }
            fb.fill(x + sx, y + sy, sw, sh, colour);
        }
    }
}
