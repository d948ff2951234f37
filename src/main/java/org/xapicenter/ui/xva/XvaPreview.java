package org.xapicenter.ui.xva;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xapicenter.xva.Compression;
import org.xapicenter.xva.XvaDisk;
import org.xapicenter.xva.XvaMetadata;
import org.xapicenter.xva.XvaObject;
import org.xapicenter.xva.XvaReader;
import org.xapicenter.xva.legacy.LegacyXva;

/**
 * What an XVA says about its VM, read from its metadata alone (nothing else of the file is read).
 *
 * @param legacy true for a pre-2008 XVA folder, which current hosts cannot import as it is
 * @param compression how the file is wrapped (NONE for a legacy folder)
 * @param fileBytes the file's size (-1 for a folder)
 */
public record XvaPreview(Path file, String vmName, String description, long vcpus, long memoryBytes, List<XvaDisk> disks,
                  Compression compression, long fileBytes, boolean legacy) {

    /** The disks' sizes added up: what the target storage must hold. */
    public long diskBytes() {
        return disks.stream().mapToLong(XvaDisk::virtualSize).sum();
    }

    /**
     * Reads {@code file}'s metadata. A folder, or the {@code ova.xml} inside one, is taken as a legacy
     * XVA. Blocking: never on the FX thread.
     */
    public static XvaPreview read(Path file) throws IOException {
        Path legacyFolder = Files.isDirectory(file) ? file
                : "ova.xml".equals(String.valueOf(file.getFileName())) ? file.toAbsolutePath().getParent() : null;
        if (legacyFolder != null) {
            LegacyXva legacy = LegacyXva.open(legacyFolder);
            return of(legacyFolder, legacy.metadata(), legacy.disks(), Compression.NONE, -1, true);
        }
        long size = Files.size(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try (XvaReader reader = XvaReader.open(in)) {
            XvaMetadata metadata = reader.metadata();
            return of(file, metadata, metadata.disks(), reader.compression(), size, false);
        }
    }

    private static XvaPreview of(Path file, XvaMetadata metadata, List<XvaDisk> disks, Compression compression,
                                 long size, boolean legacy) throws IOException {
        XvaObject vm = metadata.vm();
        return new XvaPreview(file, vm.string("name_label"), vm.string("name_description"),
                number(vm.string("VCPUs_max")), number(vm.string("memory_static_max")), disks, compression, size,
                legacy);
    }

    /** A count from ova.xml (XML-RPC carries int64 as strings); -1 when absent or not a number. */
    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
