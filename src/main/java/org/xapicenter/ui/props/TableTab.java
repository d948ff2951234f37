package org.xapicenter.ui.props;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.scene.control.Tab;
import javafx.scene.layout.VBox;
import org.xapicenter.ui.tree.NavKind;
import org.xapicenter.ui.tree.NavNode;

/** A properties tab made of one or more tables (with an optional form on top). */
public final class TableTab implements ObjectTab {
    private final Tab tab;
    private final Set<NavKind> kinds;
    private final VBox content = new VBox(18);
    private final List<TableSection<?>> sections = new ArrayList<>();
    private SheetSection sheet;

    public TableTab(String id, String title, Set<NavKind> kinds) {
        this.kinds = kinds;
        content.setPadding(new Insets(16, 20, 16, 20));
        content.getStyleClass().add("props-tab");
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true); // the tables fill the tab, and scroll once it is smaller than they need
        scroll.getStyleClass().add("edge-to-edge");
        tab = new Tab(title, scroll);
        tab.setId(id);
        tab.setClosable(false);
    }

    /** A form above the tables (a VM's memory figures above nothing, a network's MTU above its PIFs). */
    public TableTab sheet(SheetSection s) {
        this.sheet = s;
        content.getChildren().add(0, s.view());
        return this;
    }

    public <R> TableSection<R> add(TableSection<R> section) {
        sections.add(section);
        content.getChildren().add(section.view());
        return section;
    }

    @Override
    public Tab tab() {
        return tab;
    }

    @Override
    public boolean appliesTo(NavNode node) {
        return node != null && node.ref() != null && kinds.contains(node.kind());
    }

    @Override
    public void show(NavNode node) {
        if (sheet != null) {
            sheet.show(node);
        }
        sections.forEach(s -> s.show(node));
    }

    @Override
    public void show(NavNode node, org.xapicenter.cache.CacheBatch batch) {
        if (sheet != null) {
            sheet.show(node, batch);
        }
        sections.forEach(s -> s.show(node, batch));
    }

    public List<TableSection<?>> sections() {
        return sections;
    }

    public SheetSection sheet() {
        return sheet;
    }
}
