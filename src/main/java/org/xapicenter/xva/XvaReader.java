package org.xapicenter.xva;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.xapicenter.xva.XvaException.Problem;

/**
 * Streams an XVA once, front to back: ova.xml first ({@link #open} fails if it is not), then each disk's
 * blocks, rebuilt into a {@link DiskSink} with the running-offset rule and checked against their
 * checksums as they pass. Holds at most a block or two in memory, whatever the disks' size.
 *
 * <p>The running-offset rule is xapi's import (stream_vdi.ml): a block lands where the previous one ended
 * plus, for each block number skipped since, the length of the archive's first block. So a short block
 * moves the rest of the disk down and a zero-length keep-alive block takes a number without taking space;
 * a block's number is only its position in the disk when neither happened. A disk is complete when that
 * offset reaches its virtual size, which xapi's writer guarantees by always writing the last block.
 */
public final class XvaReader implements Closeable {
    /** The largest block we accept (xapi writes 1 MiB; a little slack for other writers). */
    public static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;
    /** The largest checksum member we accept (they are 16 or 40 bytes). */
    static final int MAX_CHECKSUM_BYTES = 256;

    private static final String OVA_XML = "ova.xml";

    private final RawInput raw;
    private final CountingInput tarCount;
    private final TarArchiveInputStream tar;
    private final Compression compression;
    private final XvaMetadata metadata;
    private boolean disksRead;

    private XvaReader(RawInput raw, CountingInput tarCount, TarArchiveInputStream tar, Compression compression,
                      XvaMetadata metadata) {
        this.raw = raw;
        this.tarCount = tarCount;
        this.tar = tar;
        this.compression = compression;
        this.metadata = metadata;
    }

    /**
     * Sniffs the compression, reads up to and including ova.xml. The reader owns {@code in}.
     *
     * @throws XvaException the archive is damaged (here or, from {@link #readDisks}, further on)
     * @throws IOException whatever {@code in} itself threw, unchanged (a disk error, an
     *     {@link java.io.InterruptedIOException} for a cancel, a broken connection): never reported as damage
     */
    public static XvaReader open(InputStream in) throws IOException {
        RawInput raw = new RawInput(new BufferedInputStream(in, 64 * 1024));
        try {
            raw.mark(8);
            byte[] head = raw.readNBytes(4);
            raw.reset();
            if (head.length == 0) {
                throw new XvaException(Problem.NOT_AN_XVA, "offset 0", "the file is empty");
            }
            Compression compression = Compression.sniff(head, head.length);
            CountingInput tarCount = new CountingInput(decompress(compression, raw));
            TarArchiveInputStream tar = new PlainFilesTar(tarCount);
            TarArchiveEntry first = nextEntry(tar, raw, tarCount, null);
            if (first == null && tarCount.count > 0 && tarCount.count < TarHeader.BLOCK) {
                throw new XvaException(Problem.TRUNCATED, OVA_XML, "the archive ends after " + tarCount.count
                        + " bytes, inside the header of ova.xml");
            }
            if (first == null) {
                throw new XvaException(Problem.NOT_AN_XVA, "offset 0", "no tar archive: the "
                        + (compression == Compression.NONE ? "file" : compression.name().toLowerCase() + " data")
                        + " holds no member");
            }
            if (!OVA_XML.equals(first.getName())) {
                throw new XvaException(Problem.UNEXPECTED_FIRST_MEMBER, first.getName(),
                        "an XVA starts with ova.xml, this one with \"" + first.getName() + "\"");
            }
            if (first.getSize() > XvaMetadata.MAX_BYTES) {
                throw new XvaException(Problem.TOO_LARGE, OVA_XML, "ova.xml is " + first.getSize()
                        + " bytes, more than the " + XvaMetadata.MAX_BYTES + " we read");
            }
            byte[] xml = readMember(tar, raw, tarCount, OVA_XML, (int) first.getSize(), null);
            XvaMetadata metadata = XvaMetadata.parse(new java.io.ByteArrayInputStream(xml));
            return new XvaReader(raw, tarCount, tar, compression, metadata);
        } catch (IOException | RuntimeException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static InputStream decompress(Compression compression, RawInput raw) throws IOException {
        try {
            return compression.decompress(raw);
        } catch (IOException e) {
            raw.rethrowFailure();
            throw damaged(e, raw, "offset 0", compression);
        }
    }

    public Compression compression() {
        return compression;
    }

    public XvaMetadata metadata() {
        return metadata;
    }

    /**
     * Reads every disk to the end of the archive into {@code sink}.
     *
     * @param verifyChecksums false to accept blocks whose checksum does not match (xapi's {@code force=true});
     *     missing checksums, order and sizes are checked all the same
     */
    public XvaSummary readDisks(DiskSink sink, boolean verifyChecksums) throws IOException {
        if (disksRead) {
            throw new IllegalStateException("the disks of an XVA stream can be read once");
        }
        disksRead = true;
        List<XvaDisk> disks = metadata.disks();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < disks.size(); i++) {
            positions.put(disks.get(i).id(), i);
        }
        List<DiskSummary> summaries = new ArrayList<>();
        byte[] block = new byte[XvaWriter.BLOCK_SIZE];
        long firstBlockLength = -1; // xapi's unit for skipped blocks: the first block of the archive
        int current = 0;
        DiskState state = null;
        DiskState previous = null;
        String lastMember = OVA_XML;

        while (true) {
            // Disks of size zero have no blocks; any disk whose offset reached its size is done.
            while (current < disks.size()) {
                if (state == null) {
                    state = new DiskState(disks.get(current));
                    sink.begin(state.disk);
                }
                if (state.offset < state.disk.virtualSize()) {
                    break;
                }
                sink.end(state.disk, state.disk.virtualSize());
                summaries.add(state.summary());
                previous = state;
                state = null;
                current++;
            }
            TarArchiveEntry entry = nextEntry(tar, raw, tarCount, lastMember);
            if (entry == null) {
                if (state != null) {
                    throw new XvaException(Problem.TRUNCATED, state.disk.id(), "the archive ends at byte "
                            + state.offset + " of disk " + state.disk.id() + " (" + state.disk.virtualSize()
                            + " bytes): its last block is missing");
                }
                break;
            }
            String name = entry.getName();
            BlockName bn = BlockName.parse(name);
            Integer position = bn == null ? null : positions.get(bn.disk);
            if (bn == null || bn.checksum != null || position == null || entry.isDirectory()) {
                throw new XvaException(Problem.UNEXPECTED_MEMBER, name, "\"" + name + "\" is "
                        + (bn != null && bn.checksum != null ? "a checksum without its block"
                        : bn != null && position == null ? "a block of a disk ova.xml does not list"
                        : "not a disk block") + (state == null ? "" : " (expected a block of " + state.disk.id() + ")"));
            }
            boolean currentStarted = state != null && state.blocks > 0;
            if (position < current) {
                // Right after the blocks of a complete disk, one more of its blocks lies past its size;
                // anywhere else, a block of an earlier disk is out of order.
                boolean pastEnd = position == current - 1 && !currentStarted && bn.index > previous.lastIndex;
                throw new XvaException(pastEnd ? Problem.SIZE_MISMATCH : Problem.BLOCK_OUT_OF_ORDER, name,
                        pastEnd ? "block " + name + " lies past the end of disk " + bn.disk + " ("
                                + disks.get(position).virtualSize() + " bytes)"
                                : "block " + name + " comes after blocks of disk "
                                + disks.get(currentStarted ? current : current - 1).id()
                                + ", which follows " + bn.disk + " in Ref:N order");
            }
            if (position > current) {
                if (!currentStarted) {
                    throw new XvaException(Problem.BLOCK_OUT_OF_ORDER, name, "block " + name + " comes before the"
                            + " blocks of disk " + state.disk.id() + ", which precedes " + bn.disk + " in Ref:N order");
                }
                throw new XvaException(Problem.TRUNCATED, state.disk.id(), "disk " + state.disk.id() + " stops at byte "
                        + state.offset + " of " + state.disk.virtualSize() + " (its last block is missing) and "
                        + name + " follows");
            }
            if (bn.index <= state.lastIndex) {
                throw new XvaException(Problem.BLOCK_OUT_OF_ORDER, name, "block " + name + " comes after block "
                        + String.format("%08d", state.lastIndex) + " of its disk");
            }
            long length = entry.getSize();
            if (length > MAX_BLOCK_BYTES) {
                throw new XvaException(Problem.TOO_LARGE, name, "block " + name + " is " + length
                        + " bytes, more than the " + MAX_BLOCK_BYTES + " we accept");
            }
            if (firstBlockLength < 0) {
                firstBlockLength = length;
            }
            long skipped = bn.index - state.lastIndex - 1;
            long offset = state.offset + multiply(skipped, firstBlockLength, name);
            long size = state.disk.virtualSize();
            if (offset > size || length > size - offset) {
                throw new XvaException(Problem.SIZE_MISMATCH, name, "block " + name + " would cover bytes " + offset
                        + " to " + (offset + length) + " of disk " + bn.disk + ", which has " + size);
            }
            if (block.length < length) {
                block = new byte[(int) length];
            }
            readMember(tar, raw, tarCount, name, (int) length, block);

            TarArchiveEntry sumEntry = nextEntry(tar, raw, tarCount, name);
            if (sumEntry == null) {
                throw new XvaException(Problem.TRUNCATED, name, "the archive ends after block " + name
                        + ", before its checksum");
            }
            ChecksumKind kind = BlockChecksum.kindOf(sumEntry.getName());
            if (kind == null || !sumEntry.getName().equals(name + kind.suffix())) {
                throw new XvaException(Problem.MISSING_CHECKSUM, name, "block " + name + " is followed by \""
                        + sumEntry.getName() + "\" instead of its checksum " + name + ChecksumKind.XXHASH.suffix()
                        + " or " + name + ChecksumKind.SHA1.suffix());
            }
            if (sumEntry.getSize() > MAX_CHECKSUM_BYTES) {
                throw new XvaException(Problem.TOO_LARGE, sumEntry.getName(), "checksum " + sumEntry.getName()
                        + " is " + sumEntry.getSize() + " bytes long");
            }
            String recorded = new String(readMember(tar, raw, tarCount, sumEntry.getName(),
                    (int) sumEntry.getSize(), null), StandardCharsets.US_ASCII);
            if (verifyChecksums) {
                String actual = BlockChecksum.of(kind, block, (int) length);
                // Exactly as xapi compares: the recorded text against the recomputed one.
                if (!actual.equals(recorded)) {
                    throw new XvaException(Problem.BAD_CHECKSUM, name, "block " + name + " does not match "
                            + sumEntry.getName() + " (recorded " + printable(recorded) + ", computed " + actual + ")");
                }
                state.verified++;
            }
            state.kind = kind;
            if (length > 0) {
                sink.write(offset, block, (int) length);
            }
            state.blocks++;
            lastMember = sumEntry.getName();
            state.lastIndex = bn.index;
            state.offset = offset + length;
        }
        return new XvaSummary(metadata, compression, summaries, verifyChecksums, tarCount.count);
    }

    private static long multiply(long blocks, long unit, String where) throws XvaException {
        try {
            return Math.multiplyExact(blocks, unit);
        } catch (ArithmeticException e) {
            throw new XvaException(Problem.SIZE_MISMATCH, where, "block " + where + " skips past any disk size");
        }
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return "\"" + t.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** A disk being rebuilt. */
    private static final class DiskState {
        final XvaDisk disk;
        long offset;
        long lastIndex = -1;
        int blocks;
        int verified;
        ChecksumKind kind;

        DiskState(XvaDisk disk) {
            this.disk = disk;
        }

        DiskSummary summary() {
            return new DiskSummary(disk.id(), disk.name(), disk.virtualSize(), blocks, verified, kind);
        }
    }

    /** {@code <disk>/<digits>} with an optional checksum suffix. */
    private record BlockName(String disk, long index, ChecksumKind checksum) {
        static BlockName parse(String name) {
            int slash = name.lastIndexOf('/');
            if (slash <= 0) {
                return null;
            }
            String rest = name.substring(slash + 1);
            ChecksumKind kind = BlockChecksum.kindOf(rest);
            String digits = kind == null ? rest : rest.substring(0, rest.length() - kind.suffix().length());
            // xapi writes %08d; ten digits are plenty for a block number and fit a long safely.
            if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            return new BlockName(name.substring(0, slash), Long.parseLong(digits), kind);
        }
    }

    /**
     * The next tar header, with failures turned into TRUNCATED (input ended) or NOT_AN_XVA (garbage);
     * {@code after} is the member read last, where a truncation is reported.
     */
    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, RawInput raw, CountingInput count,
                                             String after) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (XvaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            raw.rethrowFailure();
            if (raw.eof || e instanceof EOFException) {
                throw new XvaException(Problem.TRUNCATED, after == null ? OVA_XML : after,
                        "the archive ends at byte " + count.count + ", inside the tar header after "
                                + (after == null ? "the start" : after), e);
            }
            throw new XvaException(Problem.NOT_AN_XVA, "offset " + count.count,
                    "not a valid tar header at byte " + count.count + " (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a whole member of {@code length} bytes into {@code into} (or a new array when null). */
    private static byte[] readMember(TarArchiveInputStream tar, RawInput raw, CountingInput count, String name,
                                     int length, byte[] into) throws IOException {
        byte[] b = into == null ? new byte[length] : into;
        int done = 0;
        try {
            while (done < length) {
                int n = tar.read(b, done, length - done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
        } catch (XvaException e) {
            throw e;
        } catch (IOException e) {
            raw.rethrowFailure();
            if (!(raw.eof || e instanceof EOFException)) {
                throw damaged(e, raw, name, null);
            }
        }
        if (done < length) {
            throw new XvaException(Problem.TRUNCATED, name, "the archive ends inside " + name + " after " + done
                    + " of its " + length + " bytes");
        }
        return b;
    }

    private static XvaException damaged(IOException e, RawInput raw, String where, Compression compression) {
        if (raw.eof || e instanceof EOFException) {
            return new XvaException(Problem.TRUNCATED, where, "the archive ends early (" + e.getMessage() + ")", e);
        }
        return new XvaException(Problem.NOT_AN_XVA, where, "the "
                + (compression == null ? "archive" : compression.name().toLowerCase() + " data")
                + " is damaged at " + where + " (" + e.getMessage() + ")", e);
    }

    /**
     * XVAs hold plain files only. Refusing every other header type before commons-compress acts on it keeps
     * GNU long names, pax headers and sparse maps, whose contents it would collect in memory, out of reach.
     */
    private static final class PlainFilesTar extends TarArchiveInputStream {
        private static final int TYPE_FLAG = 156;

        PlainFilesTar(InputStream in) {
            super(in);
        }

        @Override
        protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            if (record != null && record.length > TYPE_FLAG) {
                byte type = record[TYPE_FLAG];
                // A record that is no valid header at all is left to commons-compress to reject.
                if (type != 0 && type != '0' && !isEOFRecord(record) && TarUtils.verifyCheckSum(record)) {
                    int end = 0;
                    while (end < 100 && record[end] != 0) {
                        end++;
                    }
                    String name = new String(record, 0, end, StandardCharsets.UTF_8);
                    throw new XvaException(Problem.UNEXPECTED_MEMBER, name, "tar member \"" + name
                            + "\" is of type '" + (char) (type & 0xFF) + "', not a plain file as in an XVA");
                }
            }
            return record;
        }
    }

    /**
     * The file or socket as given; remembers when it ran dry, which tells truncation from garbage, and what
     * it threw. A read that failed (EIO, a cancel, a broken connection) says nothing about the archive:
     * whatever the tar or decompression layers made of it, the caller gets that exception back unchanged.
     */
    private static final class RawInput extends FilterInputStream {
        boolean eof;
        private Throwable failure;

        RawInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                eof |= b < 0;
                return b;
            } catch (IOException | RuntimeException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                eof |= n < 0;
                return n;
            } catch (IOException | RuntimeException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException | RuntimeException e) {
                remember(e);
                throw e;
            }
        }

        private void remember(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        /** Throws what the underlying stream threw, if it threw anything. */
        void rethrowFailure() throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
        }
    }

    /** Counts the tar bytes (after decompression). */
    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
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
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }
}
