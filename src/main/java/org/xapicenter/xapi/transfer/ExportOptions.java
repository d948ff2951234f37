package org.xapicenter.xapi.transfer;

import org.xapicenter.xva.Compression;

/**
 * @param compression asked of the host ({@code use_compression}): NONE, GZIP or ZSTD
 * @param verify read the finished file back and check every block's checksum before it gets its final name
 */
public record ExportOptions(Compression compression, boolean verify) {
    public static ExportOptions defaults() {
        return new ExportOptions(Compression.NONE, true);
    }
}
