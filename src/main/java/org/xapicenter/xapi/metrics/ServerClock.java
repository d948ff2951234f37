package org.xapicenter.xapi.metrics;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;
import org.xapicenter.xapi.record.XapiRecord;

/**
 * Measures how far a host's clock is from ours with {@code host.get_servertime}: the {@code start} of
 * {@code rrd_updates} is in the host's time, and a graph's "now" should be too.
 */
final class ServerClock {
    private ServerClock() {
    }

    /**
     * Milliseconds to add to {@code clock} to get the host's time.
     *
     * @param hostUuid the host to ask, or null for the host at {@code address}
     * @param address the address a fetcher reads (a VM's resident host); null or empty, or no host there:
     *     the pool's coordinator
     */
    static long offsetMillis(XapiSession session, String hostUuid, String address, Clock clock)
            throws IOException, XapiException {
        String host = hostUuid != null ? (String) session.call("host.get_by_uuid", hostUuid) : hostAt(session, address);
        long before = clock.millis();
        Object reply = session.call("host.get_servertime", host);
        long after = clock.millis();
        Instant server = XapiRecord.toInstant(reply); // XML-RPC dateTime or the string JSON-RPC carries
        if (server == null) {
            throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of("host.get_servertime returned no time"));
        }
        // the host truncates to the second: on average its clock is half a second past what it says
        return server.toEpochMilli() + 500 - (before + after) / 2;
    }

    /**
     * The host whose {@code address} is {@code address}: in single-listener mode every host has the same
     * one, and then any of them tells that listener's clock.
     */
    static String hostAt(XapiSession session, String address) throws IOException, XapiException {
        if (address != null && !address.isBlank()) {
            Object hosts = session.call("host.get_all");
            if (hosts instanceof List<?> refs) {
                for (Object ref : refs) {
                    if (address.trim().equals(session.call("host.get_address", ref))) {
                        return (String) ref;
                    }
                }
            }
        }
        return coordinator(session);
    }

    private static String coordinator(XapiSession session) throws IOException, XapiException {
        Object pools = session.call("pool.get_all");
        if (!(pools instanceof List<?> list) || list.isEmpty()) {
            throw new XapiException("XAPICENTER_PROTOCOL_ERROR", List.of("pool.get_all returned no pool"));
        }
        return (String) session.call("pool.get_master", list.get(0));
    }
}
