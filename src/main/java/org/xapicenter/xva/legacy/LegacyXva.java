package org.xapicenter.xva.legacy;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xapicenter.xva.DiskSource;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaException;
import org.xapicenter.xva.XvaException.Problem;
import org.xapicenter.xva.XvaMetadata;

/**
 * A legacy XVA directory, opened: its appliance described in modern terms, and its disks as sources.
 *
 * <p>{@link #open} reads ova.xml (hardened, bounded), checks it, and checks that every disk's chunk files
 * are there with the right sizes, without inflating them; damage inside a chunk shows when its source is
 * read. Every problem is an {@link XvaException} with {@link Problem#BAD_LEGACY}, {@code where} naming the
 * file (ova.xml or {@code sda/chunk-000000001.gz}). Disk images that no {@code <vbd>} uses are left out:
 * a modern XVA carries only the disks of its VM. Close it to close the chunk a source has open.
 */
public final class LegacyXva implements Closeable {
    private final Path directory;
    private final XvaMetadata metadata;
    private final List<XvaDisk> disks;
    private final Map<String, LegacyAppliance.Vdi> vdis;
    private final Map<String, List<Path>> chunks;
    private final long chunkSize;
    private final List<ChunkedDiskSource> opened = new ArrayList<>();

    private LegacyXva(Path directory, XvaMetadata metadata, List<XvaDisk> disks, Map<String, LegacyAppliance.Vdi> vdis,
                      Map<String, List<Path>> chunks, long chunkSize) {
        this.directory = directory;
        this.metadata = metadata;
        this.disks = List.copyOf(disks);
        this.vdis = vdis;
        this.chunks = chunks;
        this.chunkSize = chunkSize;
    }

    /** Reads {@code directory}/ova.xml and checks that every disk's chunks are there. */
    public static LegacyXva open(Path directory) throws IOException {
        return open(directory, LegacyChunks.CHUNK_BYTES);
    }

    /** As {@link #open(Path)} with another chunk size, so that tests need not write gigabytes. */
    static LegacyXva open(Path directory, long chunkSize) throws IOException {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size " + chunkSize);
        }
        if (!Files.isDirectory(directory)) {
            throw new XvaException(Problem.BAD_LEGACY, directory.toString(),
                    directory + " is not a folder; a legacy XVA is a folder holding ova.xml and one folder per disk");
        }
        LegacyAppliance appliance = LegacyOvaParser.parse(readOvaXml(directory.resolve(LegacyOvaParser.FILE)));
        ModernMetadata.Result modern = ModernMetadata.of(appliance);
        Map<String, LegacyAppliance.Vdi> byName = new LinkedHashMap<>();
        for (LegacyAppliance.Vdi vdi : appliance.vdis()) {
            byName.put(vdi.name(), vdi);
        }
        Map<String, LegacyAppliance.Vdi> vdis = new LinkedHashMap<>();
        Map<String, List<Path>> chunks = new LinkedHashMap<>();
        for (XvaDisk disk : modern.disks()) {
            LegacyAppliance.Vdi vdi = byName.get(disk.name());
            vdis.put(disk.id(), vdi);
            chunks.put(disk.id(), LegacyChunks.find(directory, vdi, chunkSize));
        }
        return new LegacyXva(directory, modern.metadata(), modern.disks(), vdis, chunks, chunkSize);
    }

    private static byte[] readOvaXml(Path file) throws XvaException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] xml = in.readNBytes(LegacyOvaParser.MAX_BYTES + 1);
            if (xml.length > LegacyOvaParser.MAX_BYTES) {
                throw new XvaException(Problem.BAD_LEGACY, LegacyOvaParser.FILE, "ova.xml is larger than "
                        + LegacyOvaParser.MAX_BYTES + " bytes; a legacy one describes one VM in about a kilobyte");
            }
            return xml;
        } catch (NoSuchFileException e) {
            throw new XvaException(Problem.BAD_LEGACY, LegacyOvaParser.FILE,
                    "there is no ova.xml in " + file.getParent() + "; it is not a legacy XVA folder", e);
        } catch (XvaException e) {
            throw e;
        } catch (IOException e) {
            throw new XvaException(Problem.BAD_LEGACY, LegacyOvaParser.FILE, "ova.xml cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The folder this was opened from. */
    public Path directory() {
        return directory;
    }

    /** The appliance as modern ova.xml metadata (VM, VBDs, VDIs, VIFs with Ref:N ids). */
    public XvaMetadata metadata() {
        return metadata;
    }

    /** The disks, in the order a modern XVA carries them (their Ref:N strings' order). */
    public List<XvaDisk> disks() {
        return disks;
    }

    /** The sum of the disks' sizes: the raw bytes a conversion reads. */
    public long totalBytes() {
        return disks.stream().mapToLong(XvaDisk::virtualSize).sum();
    }

    /** The raw content of {@code disk}, decompressed from its chunks as it is read (sequential reads are cheap). */
    public DiskSource source(XvaDisk disk) {
        LegacyAppliance.Vdi vdi = vdis.get(disk.id());
        if (vdi == null) {
            throw new IllegalArgumentException(disk.id() + " is not a disk of " + directory);
        }
        ChunkedDiskSource source = new ChunkedDiskSource(vdi.folder(), chunks.get(disk.id()), vdi.size(), chunkSize);
        synchronized (opened) {
            opened.add(source);
        }
        return source;
    }

    @Override
    public void close() throws IOException {
        List<ChunkedDiskSource> sources;
        synchronized (opened) {
            sources = new ArrayList<>(opened);
            opened.clear();
        }
        IOException first = null;
        for (ChunkedDiskSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
