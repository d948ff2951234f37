package org.xapicenter.xva;

/** The checksum member that follows each block. */
public enum ChecksumKind {
    /** {@code .xxhash}: XXH64, seed 0, 16 upper-case hex digits (current hosts). */
    XXHASH(".xxhash"),
    /** {@code .checksum}: SHA-1, 40 lower-case hex digits (older hosts). */
    SHA1(".checksum");

    private final String suffix;

    ChecksumKind(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }
}
