package org.xapicenter.ui.props;

import javafx.scene.control.Tab;
import org.xapicenter.ui.tree.NavNode;

/**
 * One tab of the selected object's properties. The window shows the tabs that apply to the selection
 * and asks the one on screen to show the object again after each batch of changes of its connection.
 */
public interface ObjectTab {
    Tab tab();

    boolean appliesTo(NavNode node);

    /** Shows {@code node}: a new selection (or a tab just chosen). */
    void show(NavNode node);

    /**
     * Shows {@code node} again after {@code batch} changed its connection's cache: parts that read none
     * of the classes the batch touched skip the work, which under a 10,000-VM pool's churn is most of it.
     */
    default void show(NavNode node, org.xapicenter.cache.CacheBatch batch) {
        show(node);
    }
}
