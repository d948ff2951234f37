package org.xapicenter.xapi;

/** The RPC encoding used on a connection. Both reach the same server and share sessions. */
public enum Protocol {
    /** XML-RPC at {@code POST /}. */
    XML_RPC,
    /** JSON-RPC v2 at {@code POST /jsonrpc}. */
    JSON_RPC
}
