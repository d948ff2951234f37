package org.xapicenter.cache;

/** Where a pool connection stands. */
public enum ConnectionState {
    /** Not started, or closed by the user. */
    DISCONNECTED,
    /** Logging in or filling the cache. */
    CONNECTING,
    /** Cache filled and kept current by the event loop. */
    CONNECTED,
    /** The link broke; retrying with back-off. The cache is kept until the rebuild replaces it. */
    RECONNECTING,
    /** Login refused or another error the user must fix (see {@link PoolConnection#lastError()}). */
    FAILED
}
