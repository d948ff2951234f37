/**
 * Fetches performance data from every host of a pool over HTTP side channels ({@code /host_rrd},
 * {@code /vm_rrd}, {@code /rrd_updates}) with the API's session and TLS trust, into a
 * {@link org.xapicenter.rrd.TimeSeriesStore}. Only while a graph is shown: nothing polls otherwise.
 */
package org.xapicenter.xapi.metrics;
