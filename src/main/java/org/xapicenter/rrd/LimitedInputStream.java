package org.xapicenter.rrd;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes a parser reads and refuses to go past {@link RrdLimits#maxBytes()}. XML and JSON
 * parsers wrap what the stream throws in their own exceptions, so the stream also remembers its refusal
 * for the parser to rethrow as it is.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private long count;
    private RrdFormatException refusal;
    private boolean ended;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** Whether the underlying stream has reported its end: an error then means a truncated document. */
    boolean ended() {
        return ended;
    }

    long count() {
        return count;
    }

    /** The limit's exception once the stream hit it, else null. */
    RrdFormatException refusal() {
        return refusal;
    }

    @Override
    public int read() throws IOException {
        checkRoom();
        int b = super.read();
        if (b >= 0) {
            count++;
        } else {
            ended = true;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkRoom();
        long room = max - count + 1; // one byte beyond the limit proves the document is too large
        int n = super.read(b, off, (int) Math.min(len, room));
        if (n > 0) {
            count += n;
            checkRoom();
        } else if (n < 0) {
            ended = true;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        checkRoom();
        long skipped = super.skip(Math.min(n, max - count + 1));
        count += Math.max(0, skipped);
        checkRoom();
        return skipped;
    }

    private void checkRoom() throws RrdFormatException {
        if (refusal != null) {
            throw refusal;
        }
        if (count > max) {
            refusal = new RrdFormatException("The document is larger than the limit of " + max + " bytes.",
                    "byte " + (max + 1));
            throw refusal;
        }
    }
}
