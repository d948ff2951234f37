package org.xapicenter.xva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A read that fails (a disk error, a cancel, a dropped connection) is not damage in the archive: the reader
 * hands the stream's own exception back unchanged, from whichever layer (tar, gzip, zstd) met it.
 */
class XvaReaderIoFailureTest {
    private static final int MIB = XvaWriter.BLOCK_SIZE;

    private static byte[] archive(Compression compression) throws IOException {
        // Three full blocks of non-zero bytes: the middle of the archive is inside a block's data.
        return XvaTestData.archive(List.of(new XvaTestData.Disk("Ref:1", 3L * MIB,
                XvaTestData.pattern(5, 3L * MIB))), compression, ChecksumKind.XXHASH);
    }

    private static IOException readUntilFailure(byte[] xva, long failAt, Supplier<IOException> failure) {
        return assertThrows(IOException.class,
                () -> XvaVerifier.verify(new FailingInput(xva, failAt, failure.get())));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void anErrorMidBlockComesBackUnchanged(Compression compression) throws IOException {
        byte[] xva = archive(compression);
        IOException eio = new IOException("Input/output error");
        IOException thrown = assertThrows(IOException.class,
                () -> XvaVerifier.verify(new FailingInput(xva, xva.length / 2, eio)));
        assertSame(eio, thrown);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void anInterruptionMidBlockComesBackUnchanged(Compression compression) throws IOException {
        byte[] xva = archive(compression);
        InterruptedIOException cancel = new InterruptedIOException("cancelled");
        IOException thrown = assertThrows(IOException.class,
                () -> XvaVerifier.verify(new FailingInput(xva, xva.length / 2, cancel)));
        assertSame(cancel, thrown);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void anErrorInOvaXmlOrAHeaderComesBackUnchanged(Compression compression) throws IOException {
        byte[] xva = archive(compression);
        for (long at : new long[] {0, 3, 100, 600}) {
            IOException reset = new IOException("Connection reset at " + at);
            assertSame(reset, readUntilFailure(xva, at, () -> reset), "failing at byte " + at);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void theSameBytesEndingThereAreStillTruncation(Compression compression) throws IOException {
        // Control: the failing stream is not what makes the errors above; ending there is damage.
        byte[] xva = archive(compression);
        byte[] cut = java.util.Arrays.copyOf(xva, xva.length / 2);
        XvaException e = assertThrows(XvaException.class, () -> XvaVerifier.verify(new ByteArrayInputStream(cut)));
        assertEquals(XvaException.Problem.TRUNCATED, e.problem(), e.getMessage());
    }

    /** Serves {@code bytes} up to {@code failAt}, then throws {@code failure} on every read. */
    static final class FailingInput extends InputStream {
        private final byte[] bytes;
        private final long failAt;
        private final IOException failure;
        private int at;

        FailingInput(byte[] bytes, long failAt, IOException failure) {
            this.bytes = bytes;
            this.failAt = failAt;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (at >= failAt) {
                throw failure;
            }
            int n = (int) Math.min(len, Math.min(failAt - at, bytes.length - at));
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
