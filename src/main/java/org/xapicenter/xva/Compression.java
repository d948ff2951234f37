package org.xapicenter.xva;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** How a whole XVA stream is wrapped; recognised by its first bytes, never by a file name. */
public enum Compression {
    NONE(".xva"),
    /** Magic {@code 1F 8B}. */
    GZIP(".xva.gz"),
    /** Magic {@code 28 B5 2F FD}. */
    ZSTD(".xva.zst");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** The customary file name ending, e.g. {@code .xva.gz}. */
    public String suffix() {
        return suffix;
    }

    /**
     * The wrapping announced by {@code head}, the stream's first bytes (four or more; fewer means
     * {@link #NONE}).
     */
    public static Compression sniff(byte[] head, int length) {
        throw new UnsupportedOperationException("xva-core");
    }

    /** A stream of the plain tar inside {@code in}, which is wrapped in this compression. */
    public InputStream decompress(InputStream in) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }

    /** A stream that wraps what is written in this compression into {@code out}; closing it finishes the frame. */
    public OutputStream compress(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("xva-core");
    }
}
