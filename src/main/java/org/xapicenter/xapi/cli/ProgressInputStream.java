package org.xapicenter.xapi.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tells a {@link ProgressBar} how many bytes of a file of known size have been read (the bar throttles itself). */
final class ProgressInputStream extends FilterInputStream {
    private final ProgressBar bar;
    private final long total;
    private long read;

    ProgressInputStream(InputStream in, ProgressBar bar, long total) {
        super(in);
        this.bar = bar;
        this.total = total;
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
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            moved(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            moved(skipped);
        }
        return skipped;
    }

    private void moved(long n) {
        read += n;
        bar.update(read, total);
    }
}
