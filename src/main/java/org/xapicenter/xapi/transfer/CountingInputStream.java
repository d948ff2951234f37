package org.xapicenter.xapi.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.xapicenter.xapi.XapiException;

/**
 * Counts the bytes read and tells a {@link Progress} the running total after each read (a progress bar,
 * a verification pass's progress, a cancel check that throws). The one counting stream of the transfers
 * and the command line.
 */
public class CountingInputStream extends FilterInputStream {
    /** Told the bytes read so far; may throw to stop the reader (a cancel). */
    @FunctionalInterface
    public interface Progress {
        void at(long bytes) throws IOException;
    }

    private final Progress progress;
    private long count;

    public CountingInputStream(InputStream in, Progress progress) {
        super(in);
        this.progress = progress;
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            moved(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            moved(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        if (s > 0) {
            moved(s);
        }
        return s;
    }

    private void moved(long n) throws IOException {
        count += n;
        progress.at(count);
    }

    /** A checked XapiException cannot leave read(); it travels wrapped in this and is unwrapped by the transfer. */
    static final class Cancelled extends IOException {
        private static final long serialVersionUID = 1L;

        Cancelled(XapiException cause) {
            super(cause.getMessage(), cause);
        }

        XapiException error() {
            return (XapiException) getCause();
        }
    }
}
