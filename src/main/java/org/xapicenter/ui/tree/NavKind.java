package org.xapicenter.ui.tree;

/** What a tree node stands for; the order is the order of siblings under one parent. */
public enum NavKind {
    /** A connection without a pool yet (connecting, failed). */
    SERVER,
    POOL,
    HOST,
    VM,
    SR,
    NETWORK,
    TEMPLATE
}
