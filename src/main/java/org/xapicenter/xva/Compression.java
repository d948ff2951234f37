package org.xapicenter.xva;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

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
        int n = Math.min(length, head.length);
        if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return GZIP;
        }
        if (n >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F
                && (head[3] & 0xFF) == 0xFD) {
            return ZSTD;
        }
        return NONE;
    }

    /** A stream of the plain tar inside {@code in}, which is wrapped in this compression. */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            // Concatenated members: pigz and some tools write several; gzip -d reads them all, so do we.
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdCompressorInputStream(in);
        };
    }

    /** A stream that wraps what is written in this compression into {@code out}; closing it finishes the frame. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GzipCompressorOutputStream(out);
            case ZSTD -> new ZstdCompressorOutputStream(out);
        };
    }
}
