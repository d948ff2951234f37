package org.xapicenter.ui.tree;

import java.util.Comparator;
import org.xapicenter.cache.ConnectionState;
import org.xapicenter.ui.connect.ConnectionModel;
import org.xapicenter.xapi.record.PowerState;

/**
 * The value of one tree item: enough to draw it and to find its object again.
 *
 * @param connection the connection whose cache holds the object
 * @param ref the object's ref ({@code null} for a server node)
 * @param name what the tree shows
 * @param power for VMs, their power state; otherwise {@link PowerState#UNKNOWN}
 * @param state for pool and server nodes, the connection's state
 * @param busy an operation is running on the object
 */
public record NavNode(ConnectionModel connection, NavKind kind, String ref, String name, PowerState power,
        ConnectionState state, boolean busy) {

    /** Siblings sort by kind, then name as people read it, then ref so the order is total. */
    public static final Comparator<NavNode> ORDER = Comparator.comparing(NavNode::kind)
            .thenComparing(NavNode::name, NaturalOrder.INSTANCE)
            .thenComparing(NavNode::name)
            .thenComparing(n -> n.ref() == null ? "" : n.ref());

    @Override
    public String toString() {
        return name;
    }
}
