package org.xapicenter.ui.xva;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inspector's view of the file: counts the bytes read for its progress bar, stops the reading at the
 * next read once the window is closed, and skips by reading so that a pipe can be inspected. (The other
 * counting streams are private to their packages and neither cancel nor skip this way.)
 */
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

    /** A pipe cannot tell how much is buffered without seeking: "none known" is a valid answer. */
    @Override
    public int available() throws IOException {
        try {
            return super.available();
        } catch (IOException cannotSeek) {
            return 0;
        }
    }

    /**
     * Skips by reading: a file that cannot seek (a named pipe, {@code /dev/stdin}) fails a real skip with
     * "Illegal seek", and a check reads every byte anyway.
     */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
