package org.xapicenter.ui.tree;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.TreeItem;

/**
 * A tree item that holds every child in sorted order and shows those the filter lets through.
 * TreeItem has no filtering of its own: its visible children are bound to a filtered view of
 * {@link #all}, so adding or removing one child is one small change, not a rebuild.
 */
final class ContainerItem extends TreeItem<NavNode> {
    private final ObservableList<TreeItem<NavNode>> all = FXCollections.observableArrayList();
    private final FilteredList<TreeItem<NavNode>> shown = new FilteredList<>(all);

    ContainerItem(NavNode value) {
        super(value);
        Bindings.bindContent(getChildren(), shown);
    }

    /** Every child, filtered out or not, in order. */
    List<TreeItem<NavNode>> all() {
        return all;
    }

    void insertSorted(TreeItem<NavNode> child) {
        all.add(insertionPoint(child.getValue()), child);
    }

    /** Replaces all children at once (one change event instead of thousands). */
    void setAll(Collection<TreeItem<NavNode>> sortedChildren) {
        all.setAll(sortedChildren);
    }

    /** Removes a child; call before changing its value, since the search uses the old one. */
    void remove(TreeItem<NavNode> child) {
        int i = indexOf(child);
        if (i >= 0) {
            all.remove(i);
        }
    }

    void setFilter(Predicate<TreeItem<NavNode>> filter) {
        shown.setPredicate(filter);
    }

    private int indexOf(TreeItem<NavNode> child) {
        int lo = 0;
        int hi = all.size() - 1;
        NavNode v = child.getValue();
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            TreeItem<NavNode> m = all.get(mid);
            if (m == child) {
                return mid;
            }
            int c = NavNode.ORDER.compare(m.getValue(), v);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                break;
            }
        }
        return all.indexOf(child); // values tie or drifted: fall back to a scan
    }

    private int insertionPoint(NavNode v) {
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (NavNode.ORDER.compare(all.get(mid).getValue(), v) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
