package org.xapicenter.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xapicenter.xapi.trust.PinStore;

/**
 * The settings file ({@value #FILE_NAME} in a folder): loaded once, migrated from older versions,
 * and rewritten atomically (a temporary file in the same folder, flushed to disk, then renamed over the
 * old one) on each {@link #update}. A file that cannot be read is moved aside as
 * {@code settings.json.broken-<time>} and reported by {@link #loadProblem()}; it is never silently lost
 * or overwritten. A file written by a newer XapiCenter is copied aside as {@code settings.json.newer-<time>}
 * before anything is written over it, and read as far as this version understands it. Thread-safe:
 * updates are serialised.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Path file;
    private final ObjectMapper json = SettingsJson.mapper();
    private final PinStore pins = new PersistentPinStore(this);
    private volatile Settings current;
    private volatile String loadProblem;

    private SettingsStore(Path file) {
        this.file = file;
    }

    /** Loads (or starts empty) from {@code directory}, creating it when needed. Never throws on a bad file. */
    public static SettingsStore open(Path directory) throws IOException {
        AtomicFile.createFolder(directory);
        SettingsStore store = new SettingsStore(directory.resolve(FILE_NAME));
        store.load();
        return store;
    }

    private void load() throws IOException {
        current = Settings.empty();
        if (!Files.exists(file)) {
            return;
        }
        String why;
        try {
            if (Files.size(file) > SettingsJson.MAX_FILE_BYTES) {
                throw new IllegalArgumentException("it is larger than " + SettingsJson.MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            JsonNode tree = json.readTree(Files.readAllBytes(file));
            if (!(tree instanceof ObjectNode doc)) {
                throw new IllegalArgumentException("it does not hold a JSON object");
            }
            JsonNode v = doc.get("version");
            if (v == null || !v.canConvertToExactIntegral() || v.asInt() < 1) {
                throw new IllegalArgumentException("it has no valid \"version\"");
            }
            int version = v.asInt();
            if (version > Settings.CURRENT_VERSION) {
                loadNewer(doc, version);
                return;
            }
            ObjectNode migrated = SettingsMigration.toCurrent(doc, version);
            current = bind(migrated);
            if (version < Settings.CURRENT_VERSION) {
                Path kept = aside("v" + version);
                Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
                write(current);
                LOG.info("Settings migrated from version {} to {} (the old file is kept as {})", version,
                        Settings.CURRENT_VERSION, kept.getFileName());
            }
            return;
        } catch (JacksonException e) {
            why = "it is not valid JSON (" + oneLine(e.getOriginalMessage()) + ")";
        } catch (IllegalArgumentException e) {
            why = oneLine(e.getMessage());
        }
        Path broken = aside("broken-" + now());
        Files.move(file, broken, StandardCopyOption.REPLACE_EXISTING);
        current = Settings.empty();
        loadProblem = "The settings file " + file + " could not be read: " + why + ". It was kept as "
                + broken.getFileName() + " and XapiCenter started without saved servers.";
        LOG.warn("Settings file unreadable ({}); moved to {}", why, broken);
    }

    /** A newer format: keep a copy first, then read what we understand. */
    private void loadNewer(ObjectNode doc, int version) throws IOException {
        Path kept = aside("newer-" + now());
        Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        doc.put("version", Settings.CURRENT_VERSION);
        try {
            current = bind(doc);
        } catch (IllegalArgumentException e) {
            current = Settings.empty();
        }
        loadProblem = "The settings file was written by a newer XapiCenter (format " + version
                + "); what this version understands is used, and the original is kept as " + kept.getFileName() + ".";
        LOG.warn("Settings file of newer format {}; a copy is kept as {}", version, kept);
    }

    private Settings bind(ObjectNode doc) {
        try {
            Settings s = json.treeToValue(doc, Settings.class);
            if (s.servers().stream().anyMatch(x -> x == null)) {
                throw new IllegalArgumentException("a saved server is empty");
            }
            return new Settings(Settings.CURRENT_VERSION, s.servers(), s.pins(), s.vault());
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException("its content is not what XapiCenter writes (at " + where(e) + ")", e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("its content is not what XapiCenter writes ("
                    + oneLine(e.getOriginalMessage()) + ")", e);
        } catch (RuntimeException e) {
            // a record's own checks (a missing address, say)
            throw new IllegalArgumentException("its content is not what XapiCenter writes (" + oneLine(e.getMessage()) + ")", e);
        }
    }

    /** {@code servers[0].user}: where in the document a mapping failed. */
    private static String where(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "the top level" : b.toString();
    }

    private Path aside(String suffix) {
        return file.resolveSibling(FILE_NAME + "." + suffix);
    }

    private static String now() {
        return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown reason";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }

    public Settings current() {
        return current;
    }

    /**
     * One sentence for the user when the file at start was damaged or unreadable (and where its copy is
     * kept), or when it was written by a newer XapiCenter; empty when it loaded cleanly.
     */
    public Optional<String> loadProblem() {
        return Optional.ofNullable(loadProblem);
    }

    /**
     * Applies {@code change} to the current settings and writes the result atomically; returns it. When
     * the write fails the settings stay as they were and the error is thrown.
     */
    public synchronized Settings update(UnaryOperator<Settings> change) throws IOException {
        Settings next = change.apply(current);
        write(next);
        current = next;
        return next;
    }

    /**
     * As {@link #update}, but a failed write still changes the settings of this run (and is logged):
     * for decisions the running program must honour even when the disk is full, such as a pinned
     * certificate.
     */
    synchronized Settings updateEvenIfUnsaved(UnaryOperator<Settings> change) {
        Settings next = change.apply(current);
        try {
            write(next);
        } catch (IOException e) {
            LOG.warn("Settings could not be saved to {}: {}", file, e.toString());
        }
        current = next;
        return next;
    }

    private void write(Settings s) throws IOException {
        AtomicFile.write(file, json.writeValueAsBytes(s));
    }

    /** The pins, backed by this file: a saved pin is written at once. */
    public PinStore pins() {
        return pins;
    }

    public Path file() {
        return file;
    }
}
