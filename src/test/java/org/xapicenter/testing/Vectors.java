package org.xapicenter.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared test vectors: {@code ../shared/vectors} beside the project directory, as CI lays out a fresh
 * clone. There is deliberately no other place looked at, so that a test passing here passes on CI.
 */
public final class Vectors {
    private Vectors() {
    }

    /** {@code ../shared/vectors}; fails with a clear message when it is missing. */
    public static Path dir() {
        Path p = Path.of("..", "shared", "vectors").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test vectors not found at " + p
                    + ": check out the shared folder beside the project directory");
        }
        return p;
    }

    /** A file of {@code ../shared/vectors/xva}, e.g. {@code xva("xo-written-5MiB.xva")}. */
    public static Path xva(String fileName) {
        Path p = dir().resolve("xva").resolve(fileName);
        if (!Files.exists(p)) {
            throw new IllegalStateException("test vector missing: " + p);
        }
        return p;
    }
}
