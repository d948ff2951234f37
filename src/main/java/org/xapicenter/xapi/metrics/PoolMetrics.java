package org.xapicenter.xapi.metrics;

import java.util.concurrent.ScheduledExecutorService;

import org.xapicenter.rrd.TimeSeriesStore;

/**
 * The performance data of one pool connection: one {@link RrdFetcher} per host address, created when a
 * graph first watches an object there and stopped when the last watch closes, all writing into one
 * {@link TimeSeriesStore}.
 */
public final class PoolMetrics implements AutoCloseable {

    /**
     * @param session the connection's live session
     */
    public PoolMetrics(SessionSource session, ScheduledExecutorService scheduler, MetricsOptions options) {
        throw new UnsupportedOperationException("xapi-metrics implements PoolMetrics");
    }

    public TimeSeriesStore store() {
        throw new UnsupportedOperationException("xapi-metrics implements PoolMetrics.store");
    }

    /**
     * Watches a host: one full fetch of {@code /host_rrd}, then {@code rrd_updates?host=true} per archive
     * as each archive's step passes.
     *
     * @param hostAddress the host's {@code address} field; empty means the API's own address
     */
    public MetricsWatch watchHost(String hostUuid, String hostAddress, MetricsListener listener) {
        throw new UnsupportedOperationException("xapi-metrics implements PoolMetrics.watchHost");
    }

    /**
     * Watches a VM: one full fetch of {@code /vm_rrd?uuid=} (which the pool redirects to the VM's host),
     * then, while it runs, {@code rrd_updates} from {@code residentHostAddress}. A VM that is not running
     * ({@code residentHostAddress} null) gets only the full fetch, from the API's address.
     */
    public MetricsWatch watchVm(String vmUuid, String residentHostAddress, MetricsListener listener) {
        throw new UnsupportedOperationException("xapi-metrics implements PoolMetrics.watchVm");
    }

    /** Milliseconds to add to the local clock to get the server's (measured with host.get_servertime). */
    public long serverClockOffsetMillis() {
        throw new UnsupportedOperationException("xapi-metrics implements PoolMetrics.serverClockOffsetMillis");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("xapi-metrics implements PoolMetrics.close");
    }
}
