package org.xapicenter.xva;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 of each rebuilt raw disk, zeros included: the skipped blocks and the tail up to the
 * virtual size are hashed as the zeros they stand for, so the digest equals {@code sha256sum} of the image.
 */
public final class Sha256DiskSink implements DiskSink {
    private static final byte[] ZEROS = new byte[XvaWriter.BLOCK_SIZE];

    private final Map<String, String> digests = new LinkedHashMap<>();
    private MessageDigest digest;
    private long position;

    @Override
    public void begin(XvaDisk disk) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        position = 0;
    }

    @Override
    public void write(long offset, byte[] data, int length) {
        if (offset < position) {
            throw new IllegalStateException("write at " + offset + " before " + position);
        }
        zeros(offset - position);
        digest.update(data, 0, length);
        position = offset + length;
    }

    @Override
    public void end(XvaDisk disk, long size) {
        zeros(size - position);
        digests.put(disk.id(), HexFormat.of().formatHex(digest.digest()));
        digest = null;
    }

    private void zeros(long count) {
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(left, ZEROS.length);
            digest.update(ZEROS, 0, n);
            left -= n;
        }
        position += Math.max(count, 0);
    }

    /** Lower-case hex SHA-256 of disk {@code id}, or null if it was not read to its end. */
    public String sha256(String id) {
        return digests.get(id);
    }

    /** Every complete disk's digest, by archive id, in archive order. */
    public Map<String, String> digests() {
        return Map.copyOf(digests);
    }
}
