package org.xapicenter.rfb.decode;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.xapicenter.rfb.RfbException;

/**
 * One zlib stream that lives as long as the connection (ZRLE has one, Tight four), fed one
 * length-prefixed block at a time. Compressed bytes are pulled from the socket in small chunks and
 * never past the block's announced length, so a hostile length costs no memory up front and a short
 * block cannot swallow the next message.
 */
final class InflaterInput {
    private static final int CHUNK = 32 * 1024;

    private final Inflater inflater = new Inflater();
    private final byte[] compressed = new byte[CHUNK];
    private final byte[] plain = new byte[CHUNK];
    private final String corruptMessage;
    private int pos;
    private int limit;
    private DataInputStream source;
    private int compressedLeft;

    /** {@code corruptMessage} is the one sentence every bad-data error of this stream carries. */
    InflaterInput(String corruptMessage) {
        this.corruptMessage = corruptMessage;
    }

    /** Starts a block of {@code length} compressed bytes that follow on {@code in}. */
    void begin(DataInputStream in, int length) {
        source = in;
        compressedLeft = length;
        pos = 0;
        limit = 0;
    }

    /** Forgets the stream's history (Tight's reset bits); the next block starts a new zlib stream. */
    void reset() {
        inflater.reset();
        pos = 0;
        limit = 0;
    }

    /** Frees the native zlib state; the stream is unusable afterwards. */
    void end() {
        inflater.end();
    }

    int readU8() throws IOException {
        if (pos == limit) {
            fill();
        }
        return plain[pos++] & 0xFF;
    }

    void readFully(byte[] target, int offset, int length) throws IOException {
        while (length > 0) {
            if (pos == limit) {
                fill();
            }
            int n = Math.min(length, limit - pos);
            System.arraycopy(plain, pos, target, offset, n);
            pos += n;
            offset += n;
            length -= n;
        }
    }

    /**
     * Ends the block: the rest of its compressed bytes (usually the server's flush marker) go through
     * the inflater so the stream stays in step, and they must not hold more data than was asked for.
     */
    void finish() throws IOException {
        if (pos != limit) {
            throw corrupt(null);
        }
        while (true) {
            if (inflate() > 0) {
                throw corrupt(null);
            }
            if (!inflater.needsInput() || compressedLeft == 0) {
                break;
            }
            feed();
        }
        if (compressedLeft > 0) {
            throw corrupt(null);
        }
        source = null;
    }

    private void fill() throws IOException {
        pos = 0;
        limit = 0;
        while (true) {
            int n = inflate();
            if (n > 0) {
                limit = n;
                return;
            }
            if (!inflater.needsInput() || compressedLeft == 0) {
                // Finished, wants a dictionary, or the block ended before its data: all corrupt.
                throw corrupt(null);
            }
            feed();
        }
    }

    private int inflate() throws RfbException {
        try {
            return inflater.inflate(plain);
        } catch (DataFormatException e) {
            throw corrupt(e);
        }
    }

    private void feed() throws IOException {
        int n = Math.min(CHUNK, compressedLeft);
        source.readFully(compressed, 0, n);
        compressedLeft -= n;
        inflater.setInput(compressed, 0, n);
    }

    private RfbException corrupt(Throwable cause) {
        return new RfbException(corruptMessage, cause);
    }
}
