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
 */
public record MetricsOptions(boolean json, Clock clock, Duration retryDelay, RrdLimits limits) {
    public static final MetricsOptions DEFAULT = new MetricsOptions(false, Clock.systemUTC(), Duration.ofSeconds(5),
            RrdLimits.DEFAULT);
}
