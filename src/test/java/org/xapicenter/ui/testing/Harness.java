package org.xapicenter.ui.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.control.TreeItem;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.ui.connect.Connections;
import org.xapicenter.ui.tree.NavNode;

/** Wiring for view-model tests: connections whose FX and background work run inline. */
public final class Harness {
    public static final Executor INLINE = Runnable::run;

    private Harness() {
    }

    public static Connections inlineConnections() {
        return new Connections(login -> {
            throw new IllegalStateException("tests add links themselves");
        }, INLINE, INLINE);
    }

    /** The names of an item's visible children, in order. */
    public static List<String> childNames(TreeItem<NavNode> item) {
        List<String> out = new ArrayList<>();
        for (TreeItem<NavNode> c : item.getChildren()) {
            out.add(c.getValue().name());
        }
        return out;
    }

    public static TreeItem<NavNode> child(TreeItem<NavNode> item, String name) {
        for (TreeItem<NavNode> c : item.getChildren()) {
            if (c.getValue().name().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no child " + name + " under " + item.getValue() + ": " + childNames(item));
    }

    public static ConnectionModel onlyConnection(Connections c) {
        return c.all().get(0);
    }
}
