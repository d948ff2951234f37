package org.xapicenter.ui.tree;

import atlantafx.base.controls.CustomTextField;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2MZ;
import org.xapicenter.ui.theme.Icons;

/**
 * The left side: a filter box over the navigation tree. Keeps the selection on the same object
 * while items move under it (a VM starting moves from the pool to its host).
 */
public final class NavigationView extends VBox {
    private final NavigationTreeModel model;
    private final TreeView<NavNode> tree;
    private final CustomTextField filter = new CustomTextField();
    private final ReadOnlyObjectWrapper<NavNode> selection = new ReadOnlyObjectWrapper<>();
    private boolean updating;

    /**
     * @param vmMenu the menu of VM rows
     * @param serverMenu the menu of pool and server rows
     */
    public NavigationView(NavigationTreeModel model, ContextMenu vmMenu, ContextMenu serverMenu) {
        this.model = model;
        getStyleClass().add("navigation");
        filter.setPromptText("Filter by name");
        filter.setId("tree-filter");
        filter.setLeft(Icons.icon(Material2MZ.SEARCH, "filter-icon"));
        filter.textProperty().addListener((o, was, now) -> model.setFilter(now));

        tree = new TreeView<>(model.root());
        tree.setId("navigation-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new NavCell(vmMenu, serverMenu));
        VBox.setVgrow(tree, Priority.ALWAYS);
        // The selected item's value changes too (a VM's power state, a connection's state).
        javafx.beans.value.ChangeListener<NavNode> onValue = (o, was, now) -> {
            if (!updating) {
                selection.set(now);
            }
        };
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.valueProperty().removeListener(onValue);
            }
            if (now != null) {
                now.valueProperty().addListener(onValue);
            }
            if (!updating) {
                selection.set(now == null ? null : now.getValue());
            }
        });
        model.setUpdateGuard(this::keepSelection);
        HBox filterBar = new HBox(filter);
        filterBar.getStyleClass().add("filter-bar");
        HBox.setHgrow(filter, Priority.ALWAYS);
        getChildren().addAll(filterBar, tree);
    }

    /** The selected node (its latest value), or null. */
    public ReadOnlyObjectProperty<NavNode> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /** Redraws the visible rows (a reconnect countdown ticks). */
    public void refreshRows() {
        tree.refresh();
    }

    public TreeView<NavNode> tree() {
        return tree;
    }

    /** Selects an object's item (expanding its parents), e.g. after adding a server. */
    public void select(TreeItem<NavNode> item) {
        for (TreeItem<NavNode> p = item == null ? null : item.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        tree.getSelectionModel().select(item);
    }

    private void keepSelection(Runnable change) {
        TreeItem<NavNode> before = tree.getSelectionModel().getSelectedItem();
        NavNode was = before == null ? null : before.getValue();
        updating = true;
        try {
            change.run();
            if (was != null) {
                TreeItem<NavNode> wanted = model.find(was.connection(), was.ref());
                if (wanted != tree.getSelectionModel().getSelectedItem()) {
                    if (wanted == null || !isShown(wanted)) {
                        tree.getSelectionModel().clearSelection();
                    } else {
                        select(wanted);
                    }
                }
            }
        } finally {
            updating = false;
        }
        TreeItem<NavNode> now = tree.getSelectionModel().getSelectedItem();
        selection.set(now == null ? null : now.getValue());
    }

    /** Whether an item is attached to the tree (not filtered out or removed). */
    private boolean isShown(TreeItem<NavNode> item) {
        TreeItem<NavNode> i = item;
        while (i.getParent() != null) {
            if (!i.getParent().getChildren().contains(i)) {
                return false;
            }
            i = i.getParent();
        }
        return i == model.root();
    }
}
