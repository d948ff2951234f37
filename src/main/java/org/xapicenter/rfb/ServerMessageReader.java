package org.xapicenter.rfb;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.xapicenter.rfb.decode.CopyRectDecoder;
import org.xapicenter.rfb.decode.CursorDecoder;
import org.xapicenter.rfb.decode.DecoderSet;
import org.xapicenter.rfb.decode.ExtendedDesktopSize;
import org.xapicenter.rfb.decode.RectDecoder;

/**
 * Reads and applies the server's messages (RFC 6143 §7.6) until the stream fails. Runs on the
 * client's reader thread only.
 */
final class ServerMessageReader {
    static final int FRAMEBUFFER_UPDATE = 0;
    static final int SET_COLOUR_MAP_ENTRIES = 1;
    static final int BELL = 2;
    static final int SERVER_CUT_TEXT = 3;
    /** Far more than anyone copies by hand, small enough that a hostile length costs little. */
    static final int MAX_CUT_TEXT = 1024 * 1024;

    private final DataInputStream in;
    private final RfbClient client;
    private final Framebuffer fb;
    private final DecoderSet decoders;
    /** The pixel encodings we announced: fewer than we decode when the user forces one. */
    private final Set<Encoding> requested;
    private final RfbListener listener;

    ServerMessageReader(DataInputStream in, RfbClient client, Framebuffer fb, DecoderSet decoders,
            Set<Encoding> requested, RfbListener listener) {
        this.in = in;
        this.client = client;
        this.fb = fb;
        this.decoders = decoders;
        this.requested = requested;
        this.listener = listener;
    }

    /** Reads one message and acts on it. */
    void readMessage() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new RfbException("the server closed the connection");
        }
        try {
            dispatch(type);
        } catch (EOFException e) {
            throw new RfbException("the server closed the connection in the middle of a message", e);
        }
    }

    private void dispatch(int type) throws IOException {
        switch (type) {
            case FRAMEBUFFER_UPDATE -> framebufferUpdate();
            case SET_COLOUR_MAP_ENTRIES -> skipColourMap();
            case BELL -> listener.bell();
            case SERVER_CUT_TEXT -> serverCutText();
            default -> throw new RfbException("the server sent a message of unknown type " + type);
        }
    }

    private void framebufferUpdate() throws IOException {
        in.readUnsignedByte();
        int count = in.readUnsignedShort();
        // Replace the request this update answers before decoding it, so two stay outstanding.
        client.updateStarted();
        for (int i = 0; i < count; i++) {
            RectangleHeader r = RectangleHeader.read(in);
            if (r.isLast()) {
                break;
            }
            rectangle(r.x(), r.y(), r.width(), r.height(), r.encoding());
        }
        listener.framebufferUpdated();
    }

    private void rectangle(int x, int y, int w, int h, int code) throws IOException {
        switch (code) {
            case Encoding.PSEUDO_DESKTOP_SIZE -> client.resized(w, h);
            case Encoding.PSEUDO_EXTENDED_DESKTOP_SIZE -> {
                if (ExtendedDesktopSize.read(in, x, y)) {
                    client.resized(w, h);
                }
            }
            case Encoding.PSEUDO_CURSOR -> listener.cursorChanged(CursorDecoder.decode(in, x, y, w, h));
            case Encoding.PSEUDO_QEMU_EXTENDED_KEY -> client.extendedKeysOffered();
            default -> pixels(x, y, w, h, code);
        }
    }

    private void pixels(int x, int y, int w, int h, int code) throws IOException {
        Optional<Encoding> encoding = Encoding.ofCode(code);
        Optional<RectDecoder> decoder = encoding.flatMap(decoders::decoder);
        if (decoder.isEmpty()) {
            throw new RfbException("the server sent a rectangle in encoding " + code + ", which we did not ask for");
        }
        if (!requested.contains(encoding.get())) {
            // We could decode it, but a forced encoding is for diagnosis: silently accepting another
            // would hide exactly what the user is trying to see.
            throw new RfbException("the server sent a " + encoding.get().displayName()
                    + " rectangle, an encoding we did not ask for");
        }
        fb.checkBounds(x, y, w, h);
        decoder.get().decode(in, fb, x, y, w, h);
        if (decoder.get() instanceof CopyRectDecoder copy) {
            client.copied(copy.sourceX(), copy.sourceY(), x, y, w, h);
        } else {
            client.decoded(encoding.get(), x, y, w, h);
        }
    }

    /** We asked for true colour, so a colour map is meaningless to us; read past it. */
    private void skipColourMap() throws IOException {
        in.readUnsignedByte();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        in.readFully(new byte[count * 6]);
    }

    private void serverCutText() throws IOException {
        in.readFully(new byte[3]);
        long length = in.readInt() & 0xFFFFFFFFL;
        if (length > MAX_CUT_TEXT) {
            throw new RfbException("the server sent clipboard text of " + length + " bytes, more than the "
                    + MAX_CUT_TEXT + " we accept");
        }
        byte[] text = new byte[(int) length];
        in.readFully(text);
        listener.clipboardChanged(new String(text, StandardCharsets.ISO_8859_1));
    }
}
