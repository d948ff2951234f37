package org.xapicenter.ui.props;

import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.xapicenter.ui.general.GeneralSheet;
import org.xapicenter.ui.theme.Icons;
import org.xapicenter.ui.tree.NavNode;

/** A form of label/value rows read from the cache, with optional buttons under it; redrawn only on change. */
public final class SheetSection {
    private final Function<NavNode, List<GeneralSheet.Row>> reader;
    private final SheetGrid grid = new SheetGrid();
    private final HBox buttons = new HBox(8);
    private final VBox box = new VBox(12, grid);
    private List<GeneralSheet.Row> shown;
    private NavNode node;
    private java.util.Set<String> watched = java.util.Set.of();

    public SheetSection(String id, Function<NavNode, List<GeneralSheet.Row>> reader) {
        this.reader = reader;
        grid.setId(id);
    }

    public SheetSection button(String id, String text, Ikon icon, java.util.function.Consumer<NavNode> action) {
        Button b = new Button(text, icon == null ? null : Icons.icon(icon));
        b.setId(id);
        b.setOnAction(e -> {
            if (node != null) {
                action.accept(node);
            }
        });
        if (buttons.getParent() == null) {
            box.getChildren().add(buttons);
        }
        buttons.getChildren().add(b);
        return this;
    }

    /** The XAPI classes (lower case, as events name them) the rows are read from; none given means all. */
    public SheetSection watching(String... classes) {
        watched = java.util.Set.of(classes);
        return this;
    }

    void show(NavNode n, org.xapicenter.cache.CacheBatch batch) {
        if (TableSection.sameObject(n, node) && TableSection.unaffected(batch, watched)) {
            return;
        }
        show(n);
    }

    public VBox view() {
        return box;
    }

    /** The rows on screen (tests). */
    public List<GeneralSheet.Row> rows() {
        return shown;
    }

    void show(NavNode n) {
        node = n;
        List<GeneralSheet.Row> rows = n == null ? List.of() : reader.apply(n);
        if (!rows.equals(shown)) {
            shown = rows;
            grid.show(rows);
        }
    }
}
