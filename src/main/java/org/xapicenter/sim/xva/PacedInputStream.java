package org.xapicenter.sim.xva;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload read no faster than its {@link Pacer} allows; reads are cut small so the pace stays even. */
final class PacedInputStream extends FilterInputStream {
    private static final int SLICE = 16 * 1024;
    private final Pacer pacer;

    PacedInputStream(InputStream in, Pacer pacer) {
        super(in);
        this.pacer = pacer;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            pacer.take(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, SLICE));
        if (n > 0) {
            pacer.take(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = in.skip(Math.min(n, SLICE));
        pacer.take(s);
        return s;
    }
}
