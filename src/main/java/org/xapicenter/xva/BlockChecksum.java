package org.xapicenter.xva;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/** The text of a block's checksum member, exactly as xapi computes and compares it. */
final class BlockChecksum {
    private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();

    private BlockChecksum() {
    }

    /** {@code .xxhash}: 16 upper-case hex digits of XXH64 seed 0; {@code .checksum}: 40 lower-case hex digits of SHA-1. */
    static String of(ChecksumKind kind, byte[] data, int length) {
        return switch (kind) {
            case XXHASH -> String.format(Locale.ROOT, "%016X", XXH64.hash(data, 0, length, 0));
            case SHA1 -> HexFormat.of().formatHex(sha1Of(data, length));
        };
    }

    private static byte[] sha1Of(byte[] data, int length) {
        MessageDigest md = sha1();
        md.update(data, 0, length);
        return md.digest();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** The kind whose member name ends {@code name}, or null. */
    static ChecksumKind kindOf(String name) {
        for (ChecksumKind k : ChecksumKind.values()) {
            if (name.endsWith(k.suffix())) {
                return k;
            }
        }
        return null;
    }
}
