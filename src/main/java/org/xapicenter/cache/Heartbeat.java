package org.xapicenter.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xapicenter.xapi.XapiException;
import org.xapicenter.xapi.XapiSession;

/**
 * Asks the coordinator its time ({@code host.get_servertime}) on a schedule of its own, as XenCenter
 * does: the answer measures how far the server's clock is from ours (graphs need the server's "now"),
 * and {@value PoolConnection#MISSED_BEATS_FOR_DEAD} missed answers in a row mean the link is dead even
 * when no socket says so (a cable pulled, a host frozen), so the event loop stops waiting and
 * reconnects. It beats only while the connection is connected.
 */
final class Heartbeat {
    private final PoolConnection connection;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private int missed;
    private XapiSession beatingOn;

    Heartbeat(PoolConnection connection, Duration interval, Duration timeout) {
        this.connection = connection;
        this.interval = interval;
        this.timeout = timeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xapi-heartbeat-" + connection.serverLabel());
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** One beat; runs on the heartbeat's own thread, never overlapping the next. */
    private void beat() {
        XapiSession session = connection.liveSession();
        String host = connection.coordinatorRef();
        if (session == null || host == null) {
            missed = 0;
            return;
        }
        if (session != beatingOn) {
            beatingOn = session;
            missed = 0;
        }
        long before = System.currentTimeMillis();
        try {
            Object reply = session.callWithTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())),
                    "host.get_servertime", host);
            long after = System.currentTimeMillis();
            missed = 0;
            Instant server = org.xapicenter.xapi.record.XapiRecord.toInstant(reply); // dateTime, or JSON-RPC's string
            if (server != null) {
                // The server read its clock somewhere between our send and our receive: take the middle.
                connection.clockMeasured(server.toEpochMilli() - (before + after) / 2);
            }
        } catch (XapiException e) {
            // The server answered, so the link lives; the call itself may fail (HANDLE_INVALID after a
            // change of coordinator, say) without telling us anything about the link.
            missed = 0;
        } catch (java.io.IOException | RuntimeException e) {
            if (++missed >= PoolConnection.MISSED_BEATS_FOR_DEAD) {
                missed = 0;
                connection.linkDead(session, e);
            }
        }
    }
}
