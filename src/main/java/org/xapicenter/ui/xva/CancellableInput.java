package org.xapicenter.ui.xva;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes read for a progress bar, and stops the reading at the next read once cancelled. */
final class CancellableInput extends FilterInputStream {
    private final AtomicBoolean cancelled;
    private final AtomicLong count;

    CancellableInput(InputStream in, AtomicBoolean cancelled, AtomicLong count) {
        super(in);
        this.cancelled = cancelled;
        this.count = count;
    }

    private void check() throws InterruptedIOException {
        if (cancelled.get()) {
            throw new InterruptedIOException("cancelled");
        }
    }

    @Override
    public int read() throws IOException {
        check();
        int b = super.read();
        if (b >= 0) {
            count.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        int n = super.read(b, off, len);
        if (n > 0) {
            count.addAndGet(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        long s = super.skip(n);
        if (s > 0) {
            count.addAndGet(s);
        }
        return s;
    }
}
