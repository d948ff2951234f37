package org.xapicenter.xva;

import java.util.List;

/**
 * The outcome of reading a whole XVA: its metadata, each disk, whether checksums were checked
 * ({@code verified} false when the reader was told to skip them), and the archive's bytes as read
 * after decompression.
 */
public record XvaSummary(XvaMetadata metadata, Compression compression, List<DiskSummary> disks, boolean verified,
                         long tarBytes) {
    public XvaSummary {
        disks = List.copyOf(disks);
    }
}
