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
    private NavNode node;
    private List<R> rows = List.of();

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
        table.setPlaceholder(new Label(empty));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
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
    }

    /** Adds a text column. */
    public TableSection<R> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
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
        boolean sameObject = node != null && n != null && node.connection() == n.connection()
                && Objects.equals(node.ref(), n.ref());
        node = n;
        List<R> fresh = n == null ? List.of() : List.copyOf(reader.apply(n));
        if (!fresh.equals(rows)) {
            String keep = sameObject && selected() != null ? key.apply(selected()) : null;
            rows = fresh;
            table.getItems().setAll(fresh);
            if (keep != null) {
                fresh.stream().filter(r -> keep.equals(key.apply(r))).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
        }
        updateButtons();
    }

    private void updateButtons() {
        buttonUpdates.forEach(Runnable::run);
    }
}
