package org.xapicenter.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.xapicenter.xapi.trust.PinStore;

/**
 * The settings file ({@value #FILE_NAME} in a folder): loaded once, migrated from older versions,
 * and rewritten atomically (a temporary file in the same folder, flushed to disk, then renamed over the
 * old one) on each {@link #update}. A file that cannot be read is moved aside as
 * {@code settings.json.broken-<time>} and reported by {@link #loadProblem()}; it is never silently lost
 * or overwritten. Thread-safe: updates are serialised.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";

    private SettingsStore() {
    }

    /** Loads (or starts empty) from {@code directory}, creating it when needed. Never throws on a bad file. */
    public static SettingsStore open(Path directory) throws IOException {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    public Settings current() {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    /**
     * One sentence for the user when the file at start was damaged or unreadable (and where its copy is
     * kept), or when it was written by a newer XapiCenter; empty when it loaded cleanly.
     */
    public Optional<String> loadProblem() {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    /** Applies {@code change} to the current settings and writes the result atomically; returns it. */
    public Settings update(UnaryOperator<Settings> change) throws IOException {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    /** The pins, backed by this file: a saved pin is written at once. */
    public PinStore pins() {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    public Path file() {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }
}
