package org.xapicenter.xva.legacy;

import java.io.IOException;
import java.nio.file.Path;
import org.xapicenter.xva.Compression;

/** Rewrites a legacy XVA directory as a modern XVA file that current hosts import. */
public final class LegacyConverter {
    private LegacyConverter() {
    }

    /** Writes {@code target} (atomically: a {@code .part} file renamed on success) from {@code legacyDirectory}. */
    public static void convert(Path legacyDirectory, Path target, Compression compression) throws IOException {
        throw new UnsupportedOperationException("xva-legacy");
    }
}
