package org.xapicenter.rfb;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;

import com.shinyhut.vernacular.client.exceptions.VncException;
import com.shinyhut.vernacular.client.rendering.ImageBuffer;
import com.shinyhut.vernacular.client.rendering.renderers.HextileRenderer;
import com.shinyhut.vernacular.client.rendering.renderers.PixelDecoder;
import com.shinyhut.vernacular.client.rendering.renderers.RRERenderer;
import com.shinyhut.vernacular.client.rendering.renderers.RawRenderer;
import com.shinyhut.vernacular.client.rendering.renderers.Renderer;
import com.shinyhut.vernacular.protocol.messages.PixelFormat;
import com.shinyhut.vernacular.protocol.messages.Rectangle;

/**
 * Vernacular's own renderers (Raw, RRE, Hextile: the pixel encodings it shares with us) replaying a
 * recorded update into its {@link ImageBuffer}, the way its client draws. The benchmark's baseline.
 */
final class VernacularBaseline {
    /**
     * Our little-endian pixels (bytes B, G, R, unused) described the way Vernacular's decoder reads
     * every pixel, as a big-endian number: red in bits 8-15, green 16-23, blue 24-31. Same bytes,
     * same work.
     */
    private static final PixelFormat OURS = new PixelFormat(32, 24, true, true, 255, 255, 255, 8, 16, 24);

    private final ImageBuffer image;
    private final Map<Integer, Renderer> renderers;
    private final Map<Integer, com.shinyhut.vernacular.protocol.messages.Encoding> names;

    VernacularBaseline(int width, int height) {
        image = new ImageBuffer(width, height, false);
        PixelDecoder pixels = new PixelDecoder(Map.of());
        RawRenderer raw = new RawRenderer(pixels, OURS);
        renderers = Map.of(
                Encoding.RAW.code(), raw,
                Encoding.RRE.code(), new RRERenderer(pixels, OURS),
                Encoding.HEXTILE.code(), new HextileRenderer(raw, pixels, OURS));
        names = Map.of(
                Encoding.RAW.code(), com.shinyhut.vernacular.protocol.messages.Encoding.RAW,
                Encoding.RRE.code(), com.shinyhut.vernacular.protocol.messages.Encoding.RRE,
                Encoding.HEXTILE.code(), com.shinyhut.vernacular.protocol.messages.Encoding.HEXTILE);
    }

    static boolean supports(int encoding) {
        return encoding == Encoding.RAW.code() || encoding == Encoding.RRE.code() || encoding == Encoding.HEXTILE.code();
    }

    /** Renders every rectangle of the update. */
    void replay(RecordedUpdate update) throws IOException {
        RecordedUpdate.ByteStream bytes = new RecordedUpdate.ByteStream(update.message);
        DataInputStream in = new DataInputStream(bytes);
        in.readUnsignedByte();
        in.readUnsignedByte();
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            RectangleHeader r = RectangleHeader.read(in);
            if (r.isLast()) {
                break;
            }
            Renderer renderer = renderers.get(r.encoding());
            if (renderer == null) {
                throw new IOException("Vernacular has no renderer for encoding " + r.encoding());
            }
            try {
                renderer.render(bytes, image, new Rectangle(r.x(), r.y(), r.width(), r.height(), names.get(r.encoding())));
            } catch (VncException e) {
                throw new IOException(e);
            }
        }
        if (bytes.available() != 0) {
            throw new IOException("Vernacular left " + bytes.available() + " bytes of the update unread");
        }
    }

    /** The rendered pixel as 0xRRGGBB. */
    int rgb(int x, int y) {
        return image.get(x, y) & 0xFFFFFF;
    }
}
