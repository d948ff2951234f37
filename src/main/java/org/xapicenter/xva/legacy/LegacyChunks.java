package org.xapicenter.xva.legacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaException.Problem;

/**
 * Finds and checks one disk's chunk files: {@code chunk-000000000.gz}, {@code chunk-000000001.gz}... (an
 * old guide writes {@code chunk000000000.gz}; both are accepted, not both for one chunk). Every chunk but
 * the last holds exactly the chunk size (10^9 bytes) once inflated; the last holds the rest of the disk.
 *
 * <p>The sizes are checked without inflating anything, from each gzip file's trailer (ISIZE, the inflated
 * length modulo 2^32, exact for a chunk of 10^9 bytes). The disk source checks the real lengths again as it
 * inflates, so a file whose trailer lies still fails, only later.
 */
final class LegacyChunks {
    /** The format's chunk: 10^9 raw bytes (1 GB, not 1 GiB), chosen to fit old file systems' limits. */
    static final long CHUNK_BYTES = 1_000_000_000L;
    /** The most files we look at in a disk's folder, and the most chunks a disk may have. */
    static final int MAX_ENTRIES = 1_000_000;
    /** Ten bytes of header, two of the smallest deflate stream, eight of trailer. */
    private static final int MIN_GZIP_BYTES = 20;
    private static final Pattern NAME = Pattern.compile("chunk-?(\\d{9})\\.gz");

    private LegacyChunks() {
    }

    /** The name the format's writer gives chunk {@code index}. */
    static String name(int index) {
        return String.format(Locale.ROOT, "chunk-%09d.gz", index);
    }

    /** How many chunks a disk of {@code size} bytes has. */
    static long count(long size, long chunkSize) {
        return (size + chunkSize - 1) / chunkSize;
    }

    /** The raw bytes chunk {@code index} holds. */
    static long length(int index, long size, long chunkSize) {
        return Math.min(chunkSize, size - index * chunkSize);
    }

    /** The chunk files of {@code vdi}, in order, checked for presence, naming and (from their trailers) size. */
    static List<Path> find(Path xvaDir, LegacyAppliance.Vdi vdi, long chunkSize) throws XvaException {
        Path folder = folder(xvaDir, vdi);
        long expected = count(vdi.size(), chunkSize);
        if (expected > MAX_ENTRIES) {
            throw bad(vdi.folder(), "disk \"" + vdi.name() + "\" of " + vdi.size() + " bytes would need " + expected
                    + " chunks of " + chunkSize + " bytes, more than the " + MAX_ENTRIES + " we accept");
        }
        Path[] chunks = new Path[(int) expected];
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (++seen > MAX_ENTRIES) {
                    throw bad(vdi.folder(), "the folder of disk \"" + vdi.name() + "\" holds more than "
                            + MAX_ENTRIES + " files");
                }
                String fileName = entry.getFileName().toString();
                Matcher m = NAME.matcher(fileName);
                if (!m.matches()) {
                    continue;
                }
                int index = Integer.parseInt(m.group(1));
                String where = vdi.folder() + "/" + fileName;
                if (index >= expected) {
                    throw bad(where, where + " is beyond the end of disk \"" + vdi.name() + "\": its "
                            + vdi.size() + " bytes fill " + expected + " chunk" + (expected == 1 ? "" : "s"));
                }
                if (chunks[index] != null) {
                    throw bad(where, where + " and " + vdi.folder() + "/" + chunks[index].getFileName()
                            + " are both chunk " + index + " of disk \"" + vdi.name() + "\"");
                }
                chunks[index] = entry;
            }
        } catch (XvaException e) {
            throw e;
        } catch (IOException e) {
            throw new XvaException(Problem.BAD_LEGACY, vdi.folder(),
                    "the folder of disk \"" + vdi.name() + "\" cannot be listed: " + e.getMessage(), e);
        }
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] == null) {
                String where = vdi.folder() + "/" + name(i);
                throw bad(where, where + " is missing: disk \"" + vdi.name() + "\" of " + vdi.size()
                        + " bytes needs " + expected + " chunk" + (expected == 1 ? "" : "s") + " of " + chunkSize
                        + " bytes");
            }
        }
        List<Path> ordered = new ArrayList<>(chunks.length);
        for (int i = 0; i < chunks.length; i++) {
            String where = vdi.folder() + "/" + chunks[i].getFileName();
            Path chunk = inside(xvaDir, chunks[i], where);
            checkSize(chunk, where, length(i, vdi.size(), chunkSize), i == chunks.length - 1, chunkSize);
            ordered.add(chunk);
        }
        return ordered;
    }

    private static Path folder(Path xvaDir, LegacyAppliance.Vdi vdi) throws XvaException {
        Path folder = xvaDir.resolve(vdi.folder()).normalize();
        try {
            if (!Files.isDirectory(folder)) {
                throw bad(vdi.folder(), "the folder \"" + vdi.folder() + "\" of disk \"" + vdi.name()
                        + "\" is missing");
            }
            // A symbolic link may not lead out of the XVA's folder.
            Path real = folder.toRealPath();
            if (!real.startsWith(xvaDir.toRealPath()) || real.equals(xvaDir.toRealPath())) {
                throw bad(vdi.folder(), "the folder \"" + vdi.folder() + "\" of disk \"" + vdi.name()
                        + "\" lies outside the XVA's folder");
            }
            return real;
        } catch (XvaException e) {
            throw e;
        } catch (IOException e) {
            throw new XvaException(Problem.BAD_LEGACY, vdi.folder(), "the folder \"" + vdi.folder()
                    + "\" cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The real path of {@code chunk}, which must lie in the XVA's folder: a chunk that is a symbolic link
     * to elsewhere (say /etc/shadow, or a device) would let a crafted folder read any file into a disk image.
     * The real path is what is opened later, so swapping the link afterwards changes nothing.
     */
    private static Path inside(Path xvaDir, Path chunk, String where) throws XvaException {
        try {
            Path real = chunk.toRealPath();
            if (!real.startsWith(xvaDir.toRealPath())) {
                throw bad(where, where + " lies outside the XVA's folder (it is a link to " + real + ")");
            }
            return real;
        } catch (XvaException e) {
            throw e;
        } catch (IOException e) {
            throw new XvaException(Problem.BAD_LEGACY, where, where + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkSize(Path chunk, String where, long expected, boolean last, long chunkSize)
            throws XvaException {
        if (!Files.isRegularFile(chunk)) {
            throw bad(where, where + " is not a file");
        }
        try (FileChannel ch = FileChannel.open(chunk, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < MIN_GZIP_BYTES) {
                throw bad(where, where + " is " + fileSize + " bytes long, too short to be a gzip file");
            }
            ByteBuffer head = ByteBuffer.allocate(2);
            ch.read(head, 0);
            if ((head.get(0) & 0xFF) != 0x1F || (head.get(1) & 0xFF) != 0x8B) {
                throw bad(where, where + " is not a gzip file");
            }
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, fileSize - 4);
            long isize = tail.getInt(0) & 0xFFFFFFFFL;
            if (isize != (expected & 0xFFFFFFFFL)) {
                throw bad(where, where + " holds " + isize + " bytes once uncompressed; "
                        + (last ? "as the last chunk it must hold the disk's remaining " + expected + " bytes"
                                : "every chunk but the last must hold exactly " + chunkSize + " bytes"));
            }
        } catch (XvaException e) {
            throw e;
        } catch (IOException e) {
            throw new XvaException(Problem.BAD_LEGACY, where, where + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static XvaException bad(String where, String message) {
        return new XvaException(Problem.BAD_LEGACY, where, message);
    }
}
