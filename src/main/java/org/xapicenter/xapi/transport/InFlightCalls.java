package org.xapicenter.xapi.transport;

import java.net.HttpURLConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The calls of one transport that are in flight, so they can be ended from another thread: by their
 * overall deadline (a socket's read timeout restarts with every byte, so a server that trickles one
 * byte a second would otherwise hold a call for ever) or by {@link #abortAll()} (the heartbeat found
 * the link dead). Ending a call disconnects its HTTP connection; the blocked reader then fails and the
 * transport reports why with a {@link org.xapicenter.xapi.ReplyException}.
 */
final class InFlightCalls {
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xapi-call-deadlines");
        t.setDaemon(true);
        return t;
    });
    /** The call the current thread is making: Apache XML-RPC opens its connection deep inside execute(). */
    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

    private final Set<Call> calls = ConcurrentHashMap.newKeySet();

    /** Starts a call that must be over within {@code deadlineMillis}; close it when done. */
    Call begin(int deadlineMillis) {
        Call call = new Call(deadlineMillis);
        calls.add(call);
        call.timer = DEADLINES.schedule(call::expire, deadlineMillis, TimeUnit.MILLISECONDS);
        CURRENT.set(call);
        return call;
    }

    /** Ties the connection just opened on this thread to the call this thread is making. */
    static void attachToCurrent(HttpURLConnection conn) {
        Call call = CURRENT.get();
        if (call != null) {
            call.attach(conn);
        }
    }

    void abortAll() {
        for (Call c : calls) {
            c.end(Ending.ABORTED);
        }
    }

    enum Ending { DEADLINE, ABORTED }

    final class Call implements AutoCloseable {
        private final int deadlineMillis;
        private ScheduledFuture<?> timer;
        private HttpURLConnection conn;
        private Ending ending;

        private Call(int deadlineMillis) {
            this.deadlineMillis = deadlineMillis;
        }

        private void attach(HttpURLConnection c) {
            boolean ended;
            synchronized (this) {
                conn = c;
                ended = ending != null;
            }
            if (ended) {
                c.disconnect();
            }
        }

        private void expire() {
            end(Ending.DEADLINE);
        }

        private void end(Ending why) {
            HttpURLConnection c;
            synchronized (this) {
                if (ending != null) {
                    return;
                }
                ending = why;
                c = conn;
            }
            if (c != null) {
                c.disconnect();
            }
        }

        /** Why the call was ended from outside, as a sentence naming {@code server}; null when it was not. */
        org.xapicenter.xapi.ReplyException ended(Throwable failure, String server) {
            Ending e;
            synchronized (this) {
                e = ending;
            }
            if (e == null) {
                return null;
            }
            return new org.xapicenter.xapi.ReplyException(e == Ending.DEADLINE
                    ? "The server at " + server + " did not send its whole reply within "
                            + Math.max(1, deadlineMillis / 1000) + " s."
                    : "The call to " + server + " was cut short: the connection was found dead.", failure);
        }

        @Override
        public void close() {
            timer.cancel(false);
            calls.remove(this);
            CURRENT.remove();
        }
    }
}
