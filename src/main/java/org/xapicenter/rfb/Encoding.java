package org.xapicenter.rfb;

import java.util.Locale;
import java.util.Optional;

/** The rectangle encodings we decode, best first as we ask for them (RFC 6143 §7.7, Tight, ZRLE). */
public enum Encoding {
    TIGHT(7),
    ZRLE(16),
    HEXTILE(5),
    RRE(2),
    COPY_RECT(1),
    RAW(0);

    /** Pseudo-encodings (RFC 6143 §7.8 and the community registry). */
    public static final int PSEUDO_DESKTOP_SIZE = -223;
    public static final int PSEUDO_LAST_RECT = -224;
    public static final int PSEUDO_CURSOR = -239;
    public static final int PSEUDO_QEMU_EXTENDED_KEY = -258;
    public static final int PSEUDO_EXTENDED_DESKTOP_SIZE = -308;
    /** Tight JPEG quality levels 0..9 are -32..-23; absent means lossless. */
    public static final int PSEUDO_JPEG_QUALITY_0 = -32;
    /** Tight/ZRLE compression levels 0..9 are -256..-247. */
    public static final int PSEUDO_COMPRESS_LEVEL_0 = -256;

    private final int code;

    Encoding(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The encoding with this wire number, if it is one we decode. */
    public static Optional<Encoding> ofCode(int code) {
        for (Encoding e : values()) {
            if (e.code == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Parses a user's name for an encoding: {@code zrle}, {@code Tight}, {@code copy-rect}... */
    public static Optional<Encoding> ofName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("COPYRECT")) {
            n = "COPY_RECT";
        }
        try {
            return Optional.of(valueOf(n));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The name as users and status lines spell it. */
    public String displayName() {
        return switch (this) {
            case TIGHT -> "Tight";
            case ZRLE -> "ZRLE";
            case HEXTILE -> "Hextile";
            case RRE -> "RRE";
            case COPY_RECT -> "CopyRect";
            case RAW -> "Raw";
        };
    }
}
