package org.xapicenter.ui.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.xapicenter.rrd.GraphKind;
import org.xapicenter.rrd.Measure;
import org.xapicenter.rrd.Measures;
import org.xapicenter.rrd.TimeRange;
import org.xapicenter.rrd.TimeSeriesStore;
import org.xapicenter.ui.tree.NavNode;
import org.xapicenter.xapi.metrics.MetricsListener;
import org.xapicenter.xapi.metrics.MetricsWatch;
import org.xapicenter.xapi.metrics.PoolMetrics;

/**
 * The Performance tab's state: which object, which range, the graphs to draw, and the one
 * {@link MetricsWatch} that keeps its data coming while the tab is on screen. FX thread; the fetchers'
 * callbacks come back through {@code batch} (a pacer: a few redraws a second however often data lands).
 */
public final class PerformanceModel {
    private final ConnectionMetrics metrics;
    private final Executor batch;
    private final LongSupplier clockMillis;
    private final MeasureChoices choices = new MeasureChoices();
    private final ObjectProperty<TimeRange> range = new SimpleObjectProperty<>(TimeRange.TEN_MINUTES);
    private final ReadOnlyObjectWrapper<PerformanceTarget> target = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<PerformanceGraph>> graphs = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper hasData = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper();
    /** Whether the watched VM has no RRD anywhere (it never ran: its full fetch got a 404). */
    private final ReadOnlyBooleanWrapper noHistory = new ReadOnlyBooleanWrapper();
    private final StringBinding emptyText;
    /** One Runnable, so the pacer runs it once per hand-over however many updates asked for it. */
    private final Runnable drain = this::drain;
    /** A failure sentence waiting for the FX thread; "" when an update cleared it. */
    private final AtomicReference<String> pendingFailure = new AtomicReference<>();
    /** Set by the fetcher thread when the full fetch of a history-only VM found nothing (404). */
    private volatile boolean pendingNoHistory;
    private NavNode selection;
    private boolean active;
    private MetricsWatch watch;
    private PerformanceTarget watched;
    /** Tells the callbacks of a closed watch from the current one's. */
    private volatile long generation;
    private long from;
    private long to;

    /**
     * @param batch runs work on the FX thread, coalescing repeated requests (an {@link org.xapicenter.ui.live.FxPulse})
     * @param clockMillis the local clock
     */
    public PerformanceModel(ConnectionMetrics metrics, Executor batch, LongSupplier clockMillis) {
        this.metrics = metrics;
        this.batch = batch;
        this.clockMillis = clockMillis;
        range.addListener((o, was, now) -> redraw());
        emptyText = Bindings.createStringBinding(this::emptyText, noHistory, hasData, failure, target, watching, range);
    }

    private String emptyText() {
        PerformanceTarget t = target.get();
        if (t == null || !watching.get()) {
            return null;
        }
        if (noHistory.get()) {
            return "No history recorded for " + t.name();
        }
        String f = failure.get();
        if (hasData.get() || (f != null && !f.isEmpty())) {
            return null;
        }
        // a VM that is not running sends nothing new: waiting would be a false promise
        return t.historyOnly() ? "No data in the last " + range.get().label() : "Collecting data…";
    }

    /** The object selected in the tree (any kind; only VMs and servers have graphs). */
    public void setSelection(NavNode node) {
        selection = node;
        update(true);
    }

    /** Whether the tab is on screen: the watch runs only then. */
    public void setActive(boolean active) {
        boolean changed = this.active != active;
        this.active = active;
        update(changed);
    }

    /** Re-reads the selected object from the cache (a batch touched its connection): power state, host. */
    public void refresh() {
        update(false);
    }

    /**
     * @param redraw redraw even if the object is unchanged; a cache batch alone does not, since busy pools
     *     send many and the graphs only change when data lands
     */
    private void update(boolean redraw) {
        PerformanceTarget t = PerformanceTarget.resolve(selection);
        PerformanceTarget before = target.get();
        target.set(t);
        if (t == null || !active) {
            stopWatch();
        } else if (watch == null || !t.sameWatch(watched)) {
            startWatch(t);
        }
        if (before == null || t == null || !t.sameWatch(before)) {
            failure.set(null);
        }
        if (redraw || !java.util.Objects.equals(t, before)) {
            redraw();
        }
    }

    private void startWatch(PerformanceTarget t) {
        stopWatch();
        long gen = ++generation;
        MetricsListener listener = new MetricsListener() {
            @Override
            public void updated(Set<String> uuids) {
                if (gen == generation) {
                    pendingFailure.set("");
                    batch.execute(drain);
                }
            }

            @Override
            public void failed(String sentence, Exception error) {
                if (gen == generation && t.historyOnly() && isNotFound(error)) {
                    // a VM that never ran has no RRD anywhere: nothing failed, there is nothing to show
                    pendingNoHistory = true;
                    batch.execute(drain);
                } else if (gen == generation) {
                    pendingFailure.set(sentence == null || sentence.isBlank() ? "The server could not be read." : sentence);
                    batch.execute(drain);
                }
            }
        };
        watch = t.vm() ? metrics.watchVm(t.connection(), t.uuid(), t.hostAddress(), listener)
                : metrics.watchHost(t.connection(), t.uuid(), t.hostAddress(), listener);
        watched = watch == null ? null : t;
        watching.set(watch != null);
    }

    /**
     * Whether a fetch failed because the host has no RRD for the object: the fetcher reports the host's
     * HTTP status in its sentence ("... (HTTP 404 Not Found)."), the only place it is public.
     */
    static boolean isNotFound(Exception error) {
        String m = error == null ? null : error.getMessage();
        return m != null && m.contains("(HTTP 404");
    }

    private void stopWatch() {
        generation++;
        pendingFailure.set(null);
        pendingNoHistory = false;
        noHistory.set(false);
        if (watch != null) {
            MetricsWatch w = watch;
            watch = null;
            watched = null;
            w.close();
        }
        watching.set(false);
    }

    private void drain() {
        if (pendingNoHistory) {
            noHistory.set(true);
        }
        String f = pendingFailure.getAndSet(null);
        if (f != null) {
            failure.set(f.isEmpty() ? null : f);
        }
        redraw();
    }

    /** Recomputes every graph from the store for the current object and range. */
    public void redraw() {
        PerformanceTarget t = target.get();
        PoolMetrics m = t == null || !active ? null : metrics.of(t.connection());
        if (m == null) {
            graphs.set(List.of());
            hasData.set(false);
            note.set(t == null ? null : t.historyNote());
            return;
        }
        TimeRange r = range.get();
        // "now" is the clock of the host the data comes from (its resident host for a VM)
        long offset = watch != null ? watch.serverClockOffsetMillis() : m.serverClockOffsetMillis();
        to = Math.floorDiv(clockMillis.getAsLong() + offset, 1000L);
        from = to - r.span().toSeconds();
        TimeSeriesStore store = m.store();
        List<Measure> available = Measures.available(store, r.archive(), t.uuid());
        List<PerformanceGraph> out = new ArrayList<>();
        boolean any = false;
        for (GraphKind kind : GraphKind.values()) {
            List<PerformanceGraph.Offer> offers = choices.offers(t.objectType(), kind, available);
            if (offers.isEmpty()) {
                continue; // a graph with nothing to offer is not drawn at all
            }
            List<PerformanceGraph.Line> lines = new ArrayList<>();
            for (PerformanceGraph.Offer o : offers) {
                if (o.shown()) {
                    PerformanceGraph.Line line = new PerformanceGraph.Line(o.measure(),
                            Measures.values(store, r.archive(), o.measure(), from, to));
                    any |= line.hasValues();
                    lines.add(line);
                }
            }
            out.add(new PerformanceGraph(kind, PerformanceGraph.unitOf(kind), List.copyOf(offers), List.copyOf(lines)));
        }
        graphs.set(List.copyOf(out));
        hasData.set(any);
        note.set(noHistory.get() ? null : t.historyNote());
    }

    /** Adds or removes a measure from a graph, for every object of the same type, while the app runs. */
    public void choose(GraphKind kind, Measure measure, boolean shown) {
        PerformanceTarget t = target.get();
        if (t != null) {
            choices.choose(t.objectType(), kind, measure.key().name(), shown);
            redraw();
        }
    }

    /** Ends the watch (the window is closing). */
    public void close() {
        active = false;
        stopWatch();
    }

    public ObjectProperty<TimeRange> rangeProperty() {
        return range;
    }

    public ReadOnlyObjectProperty<List<PerformanceGraph>> graphsProperty() {
        return graphs.getReadOnlyProperty();
    }

    /** "web-01 is halted: showing its history", or null. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Why the host cannot be read right now (one friendly sentence), or null. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** Whether any graph has at least one value to draw. */
    public ReadOnlyBooleanProperty hasDataProperty() {
        return hasData.getReadOnlyProperty();
    }

    /**
     * The one empty-state text over the graphs: "Collecting data…" until a value arrives, "No history
     * recorded for db-new" for a VM that never ran; null when the graphs (or the failure) speak.
     */
    public StringBinding emptyTextProperty() {
        return emptyText;
    }

    /** Whether a watch is open (the tab is shown for a VM or server). */
    public ReadOnlyBooleanProperty watchingProperty() {
        return watching.getReadOnlyProperty();
    }

    /** The object graphed, or null. */
    public String targetName() {
        return target.get() == null ? null : target.get().name();
    }

    /** The x axis of the last redraw, epoch seconds (server clock). */
    public long from() {
        return from;
    }

    public long to() {
        return to;
    }
}
