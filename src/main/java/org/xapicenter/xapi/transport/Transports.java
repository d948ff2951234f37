package org.xapicenter.xapi.transport;

import org.xapicenter.xapi.ConnectionSettings;
import org.xapicenter.xapi.RpcTransport;

/** Picks the transport a connection's settings ask for. */
public final class Transports {
    private Transports() {
    }

    /**
     * @throws IllegalArgumentException the server URL is not http(s)://host[:port]
     */
    public static RpcTransport open(ConnectionSettings settings) {
        return switch (settings.protocol()) {
            case XML_RPC -> new XmlRpcTransport(settings);
            case JSON_RPC -> new JsonRpcTransport(settings);
        };
    }
}
