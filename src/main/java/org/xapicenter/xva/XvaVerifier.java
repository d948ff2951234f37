package org.xapicenter.xva;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks a whole XVA without keeping anything: structure, sizes, order and every block's checksum. */
public final class XvaVerifier {
    private XvaVerifier() {
    }

    /** Reads {@code file} to its end; returns what it holds or throws the first {@link XvaException} met. */
    public static XvaSummary verify(Path file) throws IOException {
        return verify(Files.newInputStream(file));
    }

    /** As {@link #verify(Path)}, from a stream, which this closes. */
    public static XvaSummary verify(InputStream in) throws IOException {
        return verify(in, DiskSink.DISCARD);
    }

    /** As {@link #verify(InputStream)}, handing the rebuilt disks to {@code sink} too (e.g. a {@link Sha256DiskSink}). */
    public static XvaSummary verify(InputStream in, DiskSink sink) throws IOException {
        try (XvaReader reader = XvaReader.open(in)) {
            return reader.readDisks(sink, true);
        }
    }
}
