package org.xapicenter.sim.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.xapicenter.sim.rpc.VmLifecycle;
import org.xapicenter.sim.store.ObjectStore;

/**
 * The simulator's scale features wired together: fills the store with a generated or loaded pool,
 * runs the churn, and saves the pool when the simulator closes.
 */
public final class ScaleMode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScaleMode.class.getName());

    private final ObjectStore store;
    private final VmLifecycle lifecycle;
    private final long seed;
    private final ScaleSettings settings;
    private Churn churn;

    public ScaleMode(ObjectStore store, VmLifecycle lifecycle, long seed, ScaleSettings settings) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.seed = seed;
        this.settings = settings;
    }

    /**
     * Generates or loads the pool the settings ask for; returns its coordinator's host ref, or null
     * when they ask for neither (the caller then builds the demo pool).
     */
    public String populate() {
        if (settings.stateFile() != null) {
            try {
                StateDbReader.Result r = StateDbReader.read(settings.stateFile(), store);
                for (String vm : store.refs("VM")) {
                    lifecycle.refreshAllowedOperations(vm);
                }
                // The dump names its real hosts' addresses; here the simulator's listeners serve the consoles.
                lifecycle.consoleLocations().writeAll(store);
                LOG.log(System.Logger.Level.INFO, "loaded {0} objects from {1} (skipped {2} tables and {3} columns this simulator does not model or load, {4} unreadable values)",
                        r.objects(), settings.stateFile(), r.skippedTables(), r.skippedColumns(), r.badValues());
                return r.coordinator().orElse("OpaqueRef:NULL");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + settings.stateFile() + ": " + e.getMessage(), e);
            }
        }
        if (settings.generates()) {
            return ScalePoolGenerator.build(store, lifecycle, seed, settings);
        }
        return null;
    }

    /** Starts the churn if the settings ask for one; call once the pool is built. */
    public void startChurn() {
        if (settings.churnPerSecond() > 0 && churn == null) {
            churn = Churn.start(store, lifecycle, seed, settings.churnPerSecond());
        }
    }

    /** Writes the pool to {@code file} in xapi's database format. */
    public void save(Path file) throws IOException {
        StateDbWriter.write(store, file);
    }

    /** Stops the churn, then saves the pool if the settings name a file (a failure is logged, not thrown). */
    @Override
    public void close() {
        if (churn != null) {
            churn.close();
        }
        if (settings.saveFile() != null) {
            try {
                save(settings.saveFile());
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot save the pool to " + settings.saveFile() + ": " + e.getMessage());
            }
        }
    }
}
