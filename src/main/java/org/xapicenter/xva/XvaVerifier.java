package org.xapicenter.xva;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a whole XVA without keeping anything: structure, sizes, order and every block's checksum. The one
 * verification pass: {@code xva verify}, the tests and the benchmark use it.
 */
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

    /** As {@link #verify(InputStream)}, handing the rebuilt disks to {@code sink} too (a digest, say). */
    public static XvaSummary verify(InputStream in, DiskSink sink) throws IOException {
        return verify(in, sink, (metadata, compression) -> {
        });
    }

    /**
     * As {@link #verify(InputStream, DiskSink)}, telling {@code opened} the metadata and compression as soon as
     * ova.xml is read, before the disks: a caller can name the VM even when a block turns out damaged.
     *
     * @throws XvaException the archive is damaged
     * @throws IOException what {@code in} threw, unchanged
     */
    public static XvaSummary verify(InputStream in, DiskSink sink, Opened opened)
            throws IOException {
        try (XvaReader reader = XvaReader.open(in)) {
            opened.opened(reader.metadata(), reader.compression());
            return reader.readDisks(sink, true);
        }
    }

    /** Told what an archive holds once its ova.xml is read; may refuse it by throwing. */
    @FunctionalInterface
    public interface Opened {
        void opened(XvaMetadata metadata, Compression compression) throws IOException;
    }
}
