package org.xapicenter.xapi.metrics;

import java.time.Clock;
import java.time.Duration;
import org.xapicenter.rrd.RrdLimits;

/**
 * How the fetchers talk to hosts.
 *
 * @param json ask for the JSON variant ({@code &json=true}) instead of XML
 * @param clock the local clock (tests move it)
 * @param retryDelay first delay before retrying a host that failed; doubles up to a minute
 * @param limits bounds of every parsed document
 * @param forgetAfter how long an object's series stay in the store after its last watch closed
 * @param keepRecent how many such objects at most wait for {@code forgetAfter} (switching back to one is
 *     instant); the longest waiting is forgotten at once beyond that
 * @param requestDeadline how long one request may take in all, however the host trickles its bytes; null:
 *     {@link #DEFAULT_DEADLINE_FLOOR} or twice the API's reply timeout, whichever is longer
 */
public record MetricsOptions(boolean json, Clock clock, Duration retryDelay, RrdLimits limits, Duration forgetAfter,
                             int keepRecent, Duration requestDeadline) {
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(2);
    public static final int DEFAULT_KEEP_RECENT = 4;
    public static final Duration DEFAULT_DEADLINE_FLOOR = Duration.ofSeconds(60);

    public static final MetricsOptions DEFAULT = new MetricsOptions(false, Clock.systemUTC(), Duration.ofSeconds(5),
            RrdLimits.DEFAULT);

    /** The defaults for forgetting and for the request deadline. */
    public MetricsOptions(boolean json, Clock clock, Duration retryDelay, RrdLimits limits) {
        this(json, clock, retryDelay, limits, DEFAULT_FORGET_AFTER, DEFAULT_KEEP_RECENT, null);
    }

    public MetricsOptions {
        if (forgetAfter == null || forgetAfter.isNegative()) {
            forgetAfter = DEFAULT_FORGET_AFTER;
        }
        keepRecent = Math.max(0, keepRecent);
    }

    /** These options with another forgetting policy. */
    public MetricsOptions withForgetting(Duration after, int recent) {
        return new MetricsOptions(json, clock, retryDelay, limits, after, recent, requestDeadline);
    }

    /** These options with another whole-request deadline (null: the default rule). */
    public MetricsOptions withRequestDeadline(Duration deadline) {
        return new MetricsOptions(json, clock, retryDelay, limits, forgetAfter, keepRecent, deadline);
    }

    /** The deadline of one request on a connection whose API replies within {@code replyTimeout}. */
    public Duration deadlineFor(Duration replyTimeout) {
        if (requestDeadline != null) {
            return requestDeadline;
        }
        Duration twice = replyTimeout == null ? Duration.ZERO : replyTimeout.multipliedBy(2);
        return twice.compareTo(DEFAULT_DEADLINE_FLOOR) > 0 ? twice : DEFAULT_DEADLINE_FLOOR;
    }
}
