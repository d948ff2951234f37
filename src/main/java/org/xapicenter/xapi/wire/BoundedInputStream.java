package org.xapicenter.xapi.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads at most {@code limit} bytes and fails with a {@link WireFormatException} past that, so a
 * hostile or broken peer cannot make a parser allocate without bound.
 */
public final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private boolean exceeded;

    public BoundedInputStream(InputStream in, long limit) {
        super(in);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        advance(skipped);
        return skipped;
    }

    /**
     * Whether reading went past the limit: a parser above may wrap the exception in its own, and the
     * caller still wants to tell "too large" from "malformed".
     */
    public boolean exceeded() {
        return exceeded;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void advance(long n) throws WireFormatException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new WireFormatException("message larger than " + limit + " bytes");
        }
    }
}
