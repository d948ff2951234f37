package org.xapicenter.xva;

/**
 * What reading one disk found: its archive id, virtual size, how many block members it had (zero-length
 * keep-alive blocks included), how many checksums were checked and which kind.
 *
 * @param checksumKind null when the disk had no block with a checksum
 */
public record DiskSummary(String id, String name, long virtualSize, int blocks, int checksumsVerified,
                          ChecksumKind checksumKind) {
}
