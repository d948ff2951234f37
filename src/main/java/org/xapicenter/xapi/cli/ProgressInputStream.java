package org.xapicenter.xapi.cli;

import java.io.InputStream;
import org.xapicenter.xapi.transfer.CountingInputStream;

/** A {@link CountingInputStream} that moves a {@link ProgressBar} through a file of known size (the bar throttles itself). */
final class ProgressInputStream extends CountingInputStream {
    ProgressInputStream(InputStream in, ProgressBar bar, long total) {
        super(in, read -> bar.update(read, total));
    }
}
