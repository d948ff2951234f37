package org.xapicenter.rfb.decode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.xapicenter.rfb.Framebuffer;
import org.xapicenter.rfb.RfbException;

/**
 * Tight (rfbproto "Tight Encoding"): a compression-control byte chooses a solid fill, a JPEG image, or
 * "basic" pixel data (copied, palette-indexed or gradient-predicted) that is sent as is when shorter
 * than 12 bytes and otherwise through one of four zlib streams living as long as the connection. For
 * our pixel format a Tight pixel (TPIXEL) is three bytes R, G, B.
 */
public final class TightDecoder implements RectDecoder {
    /**
     * The widest rectangle Tight's basic compression may carry (servers split wider ones). Fill and
     * JPEG rectangles have no such limit: QEMU sends full-width fills of wide screens.
     */
    public static final int MAX_WIDTH = 2048;

    private static final int FILL = 0x08;
    private static final int JPEG = 0x09;
    private static final int EXPLICIT_FILTER = 0x04;
    private static final int FILTER_COPY = 0;
    private static final int FILTER_PALETTE = 1;
    private static final int FILTER_GRADIENT = 2;
    private static final int MIN_COMPRESSED = 12;
    /** How many decoded pixels are handed to the framebuffer at once. */
    private static final int BAND_PIXELS = 64 * 1024;

    private final InflaterInput[] streams = new InflaterInput[4];
    private final int[] palette = new int[256];
    private final byte[] row = new byte[MAX_WIDTH * 3];
    private final int[] previousRow = new int[MAX_WIDTH * 3];
    private final byte[] small = new byte[MIN_COMPRESSED];
    private int[] band = new int[0];
    /** Where the current rectangle's data comes from: the socket itself or one zlib stream. */
    private InflaterInput zlibSource;
    private int smallPos;

    public TightDecoder() {
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new InflaterInput("the server's Tight data is corrupt");
        }
    }

    @Override
    public void release() {
        for (InflaterInput stream : streams) {
            stream.end();
        }
    }

    @Override
    public void decode(DataInputStream in, Framebuffer fb, int x, int y, int width, int height) throws IOException {
        int control = in.readUnsignedByte();
        for (int i = 0; i < streams.length; i++) {
            if ((control & (1 << i)) != 0) {
                streams[i].reset();
            }
        }
        int type = control >> 4;
        if (type == FILL) {
            fb.fill(x, y, width, height, readTpixel(in));
        } else if (type == JPEG) {
            jpeg(in, fb, x, y, width, height);
        } else if (type > JPEG) {
            throw new RfbException("the server sent a Tight rectangle with an invalid compression type " + type);
        } else {
            basic(in, fb, x, y, width, height, type & 0x03, (type & EXPLICIT_FILTER) != 0);
        }
    }

    private void basic(DataInputStream in, Framebuffer fb, int x, int y, int w, int h, int stream,
            boolean explicitFilter) throws IOException {
        if (w > MAX_WIDTH) {
            throw new RfbException("the server sent a Tight basic-compression rectangle " + w
                    + " pixels wide, more than the " + MAX_WIDTH + " Tight allows");
        }
        int filter = explicitFilter ? in.readUnsignedByte() : FILTER_COPY;
        int paletteSize = 0;
        long rowBytes;
        switch (filter) {
            case FILTER_COPY, FILTER_GRADIENT -> rowBytes = 3L * w;
            case FILTER_PALETTE -> {
                paletteSize = in.readUnsignedByte() + 1;
                for (int i = 0; i < paletteSize; i++) {
                    palette[i] = readTpixel(in);
                }
                rowBytes = paletteSize <= 2 ? (w + 7) / 8 : w;
            }
            default -> throw new RfbException("the server sent a Tight rectangle with an unknown filter " + filter);
        }
        long dataSize = rowBytes * h;
        if (dataSize < MIN_COMPRESSED) {
            in.readFully(small, 0, (int) dataSize);
            zlibSource = null;
            smallPos = 0;
        } else {
            int length = readCompactLength(in);
            zlibSource = streams[stream];
            zlibSource.begin(in, length);
        }
        int bandRows = Math.max(1, Math.min(h, BAND_PIXELS / Math.max(1, w)));
        if (band.length < bandRows * w) {
            band = new int[bandRows * w];
        }
        int[] previous = filter == FILTER_GRADIENT ? clearedPreviousRow(w) : null;
        for (int top = 0; top < h; top += bandRows) {
            int rows = Math.min(bandRows, h - top);
            for (int r = 0; r < rows; r++) {
                readRow((int) rowBytes);
                int at = r * w;
                switch (filter) {
                    case FILTER_PALETTE -> unpalette(w, paletteSize, at);
                    case FILTER_GRADIENT -> ungradient(w, previous, at);
                    default -> copy(w, at);
                }
            }
            fb.set(x, y + top, w, rows, band, 0, w);
        }
        if (zlibSource != null) {
            zlibSource.finish();
            zlibSource = null;
        }
    }

    private void readRow(int length) throws IOException {
        if (zlibSource != null) {
            zlibSource.readFully(row, 0, length);
        } else {
            System.arraycopy(small, smallPos, row, 0, length);
            smallPos += length;
        }
    }

    private void copy(int w, int at) {
        for (int i = 0, b = 0; i < w; i++, b += 3) {
            band[at + i] = (row[b] & 0xFF) << 16 | (row[b + 1] & 0xFF) << 8 | (row[b + 2] & 0xFF);
        }
    }

    private void unpalette(int w, int paletteSize, int at) throws RfbException {
        if (paletteSize <= 2) {
            for (int i = 0; i < w; i++) {
                int index = (row[i >> 3] >> (7 - (i & 7))) & 1;
                band[at + i] = paletteColour(index, paletteSize);
            }
        } else {
            for (int i = 0; i < w; i++) {
                band[at + i] = paletteColour(row[i] & 0xFF, paletteSize);
            }
        }
    }

    private int paletteColour(int index, int paletteSize) throws RfbException {
        if (index >= paletteSize) {
            throw new RfbException("the server sent a Tight palette index " + index + " for a palette of " + paletteSize);
        }
        return palette[index];
    }

    /**
     * Each component was sent as the difference from left + above - above-left, clamped to 0..255
     * (pixels outside the rectangle count as 0); {@code previous} holds the row above, component-wise.
     */
    private void ungradient(int w, int[] previous, int at) {
        int leftR = 0;
        int leftG = 0;
        int leftB = 0;
        int upLeftR = 0;
        int upLeftG = 0;
        int upLeftB = 0;
        for (int i = 0, b = 0; i < w; i++, b += 3) {
            int upR = previous[b];
            int upG = previous[b + 1];
            int upB = previous[b + 2];
            int r = (clamp(leftR + upR - upLeftR) + row[b]) & 0xFF;
            int g = (clamp(leftG + upG - upLeftG) + row[b + 1]) & 0xFF;
            int bl = (clamp(leftB + upB - upLeftB) + row[b + 2]) & 0xFF;
            previous[b] = r;
            previous[b + 1] = g;
            previous[b + 2] = bl;
            band[at + i] = r << 16 | g << 8 | bl;
            leftR = r;
            leftG = g;
            leftB = bl;
            upLeftR = upR;
            upLeftG = upG;
            upLeftB = upB;
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private int[] clearedPreviousRow(int w) {
        Arrays.fill(previousRow, 0, w * 3, 0);
        return previousRow;
    }

    private void jpeg(DataInputStream in, Framebuffer fb, int x, int y, int w, int h) throws IOException {
        byte[] data = new byte[readCompactLength(in)];
        in.readFully(data);
        if (w == 0 || h == 0) {
            return;
        }
        BufferedImage image = readJpeg(data, w, h);
        int bandRows = Math.max(1, Math.min(h, BAND_PIXELS / w));
        if (band.length < bandRows * w) {
            band = new int[bandRows * w];
        }
        boolean bgr = isPlainBgr(image);
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int top = 0; top < h; top += bandRows) {
            int rows = Math.min(bandRows, h - top);
            if (bgr) {
                copyBgr(image, top, rows, w);
            } else if (grey) {
                copyGrey(image, top, rows, w);
            } else {
                image.getRGB(0, top, w, rows, band, 0, w);
            }
            fb.set(x, y + top, w, rows, band, 0, w);
        }
    }

    /** What ImageIO's JPEG reader gives for colour images; read its bytes directly, as getRGB is several times slower. */
    private static boolean isPlainBgr(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte
                && image.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() == 3 && sm.getNumBands() == 3
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0;
    }

    /** A grey JPEG's samples are already gamma-encoded; getRGB would treat them as linear and brighten them. */
    private void copyGrey(BufferedImage image, int top, int rows, int w) {
        int[] samples = image.getRaster().getSamples(0, top, w, rows, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            int v = samples[i] & 0xFF;
            band[i] = v << 16 | v << 8 | v;
        }
    }

    private void copyBgr(BufferedImage image, int top, int rows, int w) {
        DataBufferByte buffer = (DataBufferByte) image.getRaster().getDataBuffer();
        PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) image.getRaster().getSampleModel();
        byte[] data = buffer.getData();
        int[] offsets = sm.getBandOffsets();
        int stride = sm.getScanlineStride();
        for (int r = 0; r < rows; r++) {
            int p = buffer.getOffset() + (top + r) * stride;
            int at = r * w;
            for (int i = 0; i < w; i++, p += 3) {
                band[at + i] = (data[p + offsets[0]] & 0xFF) << 16 | (data[p + offsets[1]] & 0xFF) << 8
                        | (data[p + offsets[2]] & 0xFF);
            }
        }
    }

    /** Decodes in memory (no ImageIO disk cache), checking the declared size before the pixels are allocated. */
    private static BufferedImage readJpeg(byte[] data, int w, int h) throws RfbException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new RfbException("this Java runtime cannot decode the server's Tight JPEG data");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(stream, true, true);
            int jw = reader.getWidth(0);
            int jh = reader.getHeight(0);
            if (jw != w || jh != h) {
                throw new RfbException("the server sent a " + jw + "x" + jh + " JPEG image for a " + w + "x" + h
                        + " Tight rectangle");
            }
            return reader.read(0);
        } catch (RfbException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RfbException("the server sent a Tight JPEG image that cannot be decoded", e);
        } finally {
            reader.dispose();
        }
    }

    /** 1 to 3 bytes, 7 bits each, least significant first; the third byte carries 8 bits (max 4 MiB). */
    static int readCompactLength(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        int length = b & 0x7F;
        if ((b & 0x80) != 0) {
            b = in.readUnsignedByte();
            length |= (b & 0x7F) << 7;
            if ((b & 0x80) != 0) {
                length |= in.readUnsignedByte() << 14;
            }
        }
        return length;
    }

    private static int readTpixel(DataInputStream in) throws IOException {
        int r = in.readUnsignedByte();
        int g = in.readUnsignedByte();
        int b = in.readUnsignedByte();
        return 0xFF000000 | r << 16 | g << 8 | b;
    }
}
