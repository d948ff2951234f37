package org.xapicenter.ui.props;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.xapicenter.ui.theme.Icons;
import org.xapicenter.ui.tree.NavNode;

/**
 * One titled table of a properties tab (a VM's disks, a network's PIFs...) with the buttons that act on
 * it. Rows are records read from the cache; the table is refilled only when they differ, and the
 * selected row is kept by its key, so a batch of unrelated changes neither flickers nor loses the
 * user's place.
 *
 * @param <R> the row type: a record, compared with equals
 */
public final class TableSection<R> {
    private final Function<NavNode, List<R>> reader;
    private final Function<R, String> key;
    private final TableView<R> table = new TableView<>();
    private final HBox buttons = new HBox(8);
    private final VBox box;
    private final List<Runnable> buttonUpdates = new ArrayList<>();
    private final Label placeholder;
    private final String emptyText;
    private NavNode node;
    private List<R> rows = List.of();
    private java.util.Set<String> watched = java.util.Set.of();
    /** A read is running on the reader thread; another request waits for it rather than queueing. */
    private boolean reading;
    /** Asked for while a read was running (or held back): one more read follows. */
    private boolean pending;
    private long lastReadNanos;
    private final javafx.animation.PauseTransition slowDown = new javafx.animation.PauseTransition(SLOW_TABLE_PAUSE);

    /** A table whose read took longer than this is re-read at most once per {@link #SLOW_TABLE_PAUSE}. */
    private static final long SLOW_READ_NANOS = 8_000_000;
    private static final javafx.util.Duration SLOW_TABLE_PAUSE = javafx.util.Duration.millis(750);
    /** One thread reads every table's rows: the FX thread only swaps finished lists in. */
    private static final java.util.concurrent.Executor READER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xapicenter-table-reader");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param id the table's node id (tests and CSS)
     * @param title shown above the table, or null for none
     * @param reader the rows of an object, read from its connection's cache
     * @param key what identifies a row across refreshes (usually its ref)
     * @param empty what the table says when there are no rows
     */
    public TableSection(String id, String title, Function<NavNode, List<R>> reader, Function<R, String> key, String empty) {
        this.reader = reader;
        this.key = key;
        table.setId(id);
        emptyText = empty;
        placeholder = new Label(empty);
        table.setPlaceholder(placeholder);
        // extra width goes to every column in proportion, so a long network name is not cut while "Active" is wide
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // two tables in one tab each keep a few rows in view; the tab scrolls rather than squeezing them
        table.setMinHeight(150);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> updateButtons());
        buttons.getStyleClass().add("section-buttons");
        box = new VBox(8);
        if (title != null) {
            Label heading = new Label(title);
            heading.getStyleClass().addAll("title-4", "section-title");
            heading.setMinWidth(Label.USE_PREF_SIZE);
            box.getChildren().add(heading);
        }
        // The buttons get a row of their own: a heading beside six of them would be cut short.
        box.getChildren().add(buttons);
        buttons.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(buttons.getChildren()));
        buttons.visibleProperty().bind(buttons.managedProperty());
        box.getChildren().add(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(box, Priority.ALWAYS);
        slowDown.setOnFinished(e -> {
            if (pending && !reading) {
                pending = false;
                read(node);
            }
        });
    }

    /** The XAPI classes (lower case, as events name them) the rows are read from; none given means all. */
    public TableSection<R> watching(String... classes) {
        watched = java.util.Set.of(classes);
        return this;
    }

    /** Whether two tree nodes stand for the same object (a node is redrawn as a new record when its state moves). */
    static boolean sameObject(NavNode a, NavNode b) {
        return a != null && b != null && a.connection() == b.connection() && Objects.equals(a.ref(), b.ref());
    }

    /** Whether {@code batch} leaves everything read from {@code classes} as it was (an empty set reads all). */
    static boolean unaffected(org.xapicenter.cache.CacheBatch batch, java.util.Set<String> classes) {
        if (batch == null || batch.reset() || classes.isEmpty()) {
            return false;
        }
        for (org.xapicenter.cache.CacheChange c : batch.changes()) {
            if (classes.contains(c.xapiClass())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Shows the same object again after a batch: skipped when the batch touched nothing the rows are
     * read from, and held back a moment when the last read was slow (an SR with ten thousand disks),
     * so a churning pool cannot keep the FX thread busy re-reading one table.
     */
    public void show(NavNode n, org.xapicenter.cache.CacheBatch batch) {
        if (!sameObject(n, node)) {
            show(n);
            return;
        }
        if (unaffected(batch, watched)) {
            return;
        }
        node = n;
        if (reading || slowDown.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            pending = true;
        } else if (lastReadNanos > SLOW_READ_NANOS) {
            pending = true;
            slowDown.playFromStart();
        } else {
            read(n);
        }
    }

    /** Adds a text column. */
    public TableSection<R> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        // a header is never cut to "Dup…": the column is at least as wide as its title
        c.setMinWidth(Math.min(width, 14 + 8.5 * title.length()));
        table.getColumns().add(c);
        return this;
    }

    /**
     * Adds a button. {@code enabled} and {@code action} get the object shown and the selected row
     * (null when none is selected: "Add" buttons work without one).
     */
    public TableSection<R> button(String id, String text, Ikon icon, BiPredicate<NavNode, R> enabled,
            BiConsumer<NavNode, R> action) {
        Button b = new Button(text, icon == null ? null : Icons.icon(icon));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> {
            if (node != null && enabled.test(node, selected())) {
                action.accept(node, selected());
            }
        });
        buttonUpdates.add(() -> b.setDisable(node == null || !enabled.test(node, selected())));
        buttons.getChildren().add(b);
        return this;
    }

    public VBox view() {
        return box;
    }

    public TableView<R> table() {
        return table;
    }

    /** The rows on screen (tests). */
    public List<R> rows() {
        return rows;
    }

    public R selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    public void show(NavNode n) {
        if (!sameObject(node, n)) {
            // Another object: its rows replace these once read; until then the table says so.
            rows = List.of();
            table.getItems().clear();
            placeholder.setText(n == null ? emptyText : "Loading…");
            slowDown.stop();
        }
        node = n;
        if (reading) {
            pending = true;
        } else {
            read(n);
        }
        updateButtons();
    }

    /** Reads the rows of {@code n} on the reader thread and hands them to the FX thread. */
    private void read(NavNode n) {
        if (n == null) {
            apply(null, List.of(), 0);
            return;
        }
        reading = true;
        READER.execute(() -> {
            long start = System.nanoTime();
            List<R> fresh;
            try {
                fresh = List.copyOf(reader.apply(n));
            } catch (RuntimeException e) {
                // a record half-way through a change: the next batch reads it again
                org.slf4j.LoggerFactory.getLogger(TableSection.class).debug("Table {} not read: {}", table.getId(), e.toString());
                fresh = null;
            }
            List<R> read = fresh;
            long took = System.nanoTime() - start;
            javafx.application.Platform.runLater(() -> {
                reading = false;
                if (read != null) {
                    apply(n, read, took);
                }
                if (pending) {
                    pending = false;
                    if (lastReadNanos > SLOW_READ_NANOS && sameObject(n, node)) {
                        pending = true;
                        slowDown.playFromStart();
                    } else {
                        read(node);
                    }
                }
            });
        });
    }

    /** Puts freshly read rows on screen, if they are still the shown object's. FX thread. */
    private void apply(NavNode n, List<R> fresh, long took) {
        if (n != null && !sameObject(n, node)) {
            return; // the user moved on while it was read
        }
        lastReadNanos = took;
        placeholder.setText(emptyText);
        if (!fresh.equals(rows)) {
            if (!rows.isEmpty() && sameKeys(fresh)) {
                // The same rows in the same order: only the changed ones are replaced (the selection stays).
                for (int i = 0; i < fresh.size(); i++) {
                    if (!fresh.get(i).equals(rows.get(i))) {
                        table.getItems().set(i, fresh.get(i));
                    }
                }
                rows = fresh;
            } else {
                String keep = selected() != null ? key.apply(selected()) : null;
                rows = fresh;
                table.getItems().setAll(fresh);
                if (keep != null) {
                    fresh.stream().filter(r -> keep.equals(key.apply(r))).findFirst()
                            .ifPresent(r -> table.getSelectionModel().select(r));
                }
            }
        }
        updateButtons();
    }

    private boolean sameKeys(List<R> fresh) {
        if (fresh.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (!key.apply(fresh.get(i)).equals(key.apply(rows.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private void updateButtons() {
        buttonUpdates.forEach(Runnable::run);
    }
}
