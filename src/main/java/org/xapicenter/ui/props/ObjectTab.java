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

    /** Shows {@code node}: a new selection or a batch of changes. Cheap when nothing it shows changed. */
    void show(NavNode node);
}
