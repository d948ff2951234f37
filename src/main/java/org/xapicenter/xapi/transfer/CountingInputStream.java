package org.xapicenter.xapi.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.xapicenter.xapi.XapiException;

/** Counts the bytes read (for the verification pass's progress) and stops at a cancel. */
final class CountingInputStream extends FilterInputStream {
    interface Progress {
        void at(long bytes) throws IOException;
    }

    private final Progress progress;
    private long count;

    CountingInputStream(InputStream in, Progress progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            progress.at(count);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        count += s;
        progress.at(count);
        return s;
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
