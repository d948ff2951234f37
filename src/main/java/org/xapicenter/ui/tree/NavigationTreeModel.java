package org.xapicenter.ui.tree;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TreeItem;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;

/** The whole navigation tree: one {@link PoolTreeModel} per connection under a hidden root. */
public final class NavigationTreeModel {
    private final TreeItem<NavNode> root = new TreeItem<>();
    private final Map<ConnectionModel, PoolTreeModel> pools = new LinkedHashMap<>();
    private Consumer<Runnable> updateGuard = Runnable::run;
    private String filter = "";
    private boolean showTemplates;

    public NavigationTreeModel(Connections connections) {
        root.setExpanded(true);
        connections.all().forEach(this::add);
        connections.all().addListener((ListChangeListener<ConnectionModel>) ch -> {
            while (ch.next()) {
                ch.getRemoved().forEach(this::remove);
                ch.getAddedSubList().forEach(this::add);
            }
        });
    }

    public TreeItem<NavNode> root() {
        return root;
    }

    /**
     * Wraps every change the model makes to the items, so a view can save its selection before
     * and put it back after an item moved.
     */
    public void setUpdateGuard(Consumer<Runnable> guard) {
        this.updateGuard = guard;
    }

    public PoolTreeModel pool(ConnectionModel connection) {
        return pools.get(connection);
    }

    /** The item of an object of a connection, or null. */
    public TreeItem<NavNode> find(ConnectionModel connection, String ref) {
        PoolTreeModel m = pools.get(connection);
        return m == null ? null : m.item(ref);
    }

    public void setFilter(String text) {
        filter = text == null ? "" : text;
        updateGuard.accept(() -> pools.values().forEach(p -> p.setFilter(filter)));
    }

    public void setShowTemplates(boolean show) {
        showTemplates = show;
        updateGuard.accept(() -> pools.values().forEach(p -> p.setShowTemplates(show)));
    }

    private void add(ConnectionModel connection) {
        PoolTreeModel model = new PoolTreeModel(connection);
        model.setFilter(filter);
        model.setShowTemplates(showTemplates);
        pools.put(connection, model);
        model.rebuild();
        root.getChildren().add(model.root());
        connection.bridge().addListener(batch -> {
            if (pools.get(connection) == model) {
                updateGuard.accept(() -> model.apply(batch));
            }
        });
        connection.stateProperty().addListener((o, was, now) -> model.refreshRoot());
    }

    private void remove(ConnectionModel connection) {
        PoolTreeModel model = pools.remove(connection);
        if (model != null) {
            root.getChildren().remove(model.root());
        }
    }
}
